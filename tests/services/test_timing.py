"""CSV timing sheets: preview, atomic save, and a clear line-numbered reason for
every bad row, with nothing saved."""

import datetime as dt

import pytest
from django.test import override_settings

from racing.models import Driver, Result
from racing.services.laptimes import parse_lap_time
from racing.services.sheets import SheetError, decode_sheet
from racing.services.timing import apply_timing_import, plan_timing_import
from tests.factories import (
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_season,
    make_session,
    make_team,
)

pytestmark = pytest.mark.django_db

SHEET = """Pos,No,Driver,Laps,Best lap,Gap,Status
1,100,Tom Coronel,3,8:52.123,,
2,12,Jessica Bäckman,3,8:55.004,+4.512,
3,11,Andreas Bäckman,2,8:58.9,+1 lap,DNF
"""


@pytest.fixture
def grid():
    season = make_season()
    team = make_team(name="Target Competition", is_own=True)
    andreas = make_driver(first_name="Andreas", last_name="Bäckman", slug="andreas")
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", slug="jessica")
    coronel = make_driver(first_name="Tom", last_name="Coronel", slug="tom-coronel")
    make_entry(season=season, driver=andreas, team=team, number=11)
    make_entry(season=season, driver=jessica, team=team, number=12)
    make_entry(season=season, driver=coronel, number=100)
    session = make_session(event=make_event(season=season))
    return {
        "session": session,
        "andreas": andreas,
        "jessica": jessica,
        "coronel": coronel,
    }


def snapshot():
    return sorted(
        Result.objects.values_list(
            "session_id", "driver_id", "status", "position", "laps", "best_lap", "gap"
        )
    ), Driver.objects.count()


def import_sheet(session, text):
    plan = plan_timing_import(session=session, text=text)
    assert plan.is_valid, [str(e) for e in plan.errors]
    return apply_timing_import(plan=plan)


def assert_rejected(session, text, *, line, reason):
    before = snapshot()
    plan = plan_timing_import(session=session, text=text)

    messages = [str(e) for e in plan.errors]
    assert any(m.startswith(f"Line {line}: ") and reason in m for m in messages), (
        messages
    )
    assert not plan.is_valid
    with pytest.raises(ValueError, match="Only a valid plan"):
        apply_timing_import(plan=plan)
    assert snapshot() == before


# The happy path


def test_a_sheet_is_imported_with_statuses_times_and_points(grid):
    saved = import_sheet(grid["session"], SHEET)

    results = {r.driver: r for r in saved}
    assert len(results) == 3
    coronel = results[grid["coronel"]]
    assert (coronel.position, coronel.laps, coronel.points) == (1, 3, 25)
    assert coronel.best_lap == dt.timedelta(minutes=8, seconds=52, milliseconds=123)
    jessica = results[grid["jessica"]]
    assert (jessica.position, jessica.gap, jessica.points) == (2, "+4.512", 20)
    andreas = results[grid["andreas"]]
    assert (andreas.status, andreas.position, andreas.points) == ("dnf", None, 0)
    assert andreas.best_lap == dt.timedelta(minutes=8, seconds=58, milliseconds=900)
    assert andreas.entry.number == 11


def test_the_preview_shows_additions_changes_and_removals(grid):
    session = grid["session"]
    make_result(session=session, driver=grid["coronel"], position=1, laps=3)
    make_result(session=session, driver=grid["jessica"], position=3, laps=3)
    gone = make_result(session=session, position=4)
    sheet = """Pos,No,Laps
1,100,3
2,12,3
3,11,3
"""

    plan = plan_timing_import(session=session, text=sheet)

    actions = {row.driver_name: (row.action, row.changes) for row in plan.rows}
    assert actions == {
        "Tom Coronel": ("same", []),
        "Jessica Bäckman": ("change", ["position"]),
        "Andreas Bäckman": ("add", []),
    }
    assert plan.removed == [gone]
    assert Result.objects.get(driver=grid["jessica"]).position == 3  # not yet saved


def test_confirming_replaces_the_sessions_results(grid):
    session = grid["session"]
    make_result(session=session, driver=grid["jessica"], position=1)
    gone = make_result(session=session, position=2)

    import_sheet(session, SHEET)

    assert sorted(session.results.values_list("driver__slug", "position")) == [
        ("andreas", None),
        ("jessica", 2),
        ("tom-coronel", 1),
    ]
    assert not Result.objects.filter(pk=gone.pk).exists()


def test_swapped_positions_are_saved_without_tripping_the_unique_position(grid):
    session = grid["session"]
    make_result(session=session, driver=grid["jessica"], position=1)
    make_result(session=session, driver=grid["coronel"], position=2)

    import_sheet(session, "Pos,No\n1,100\n2,12\n")

    assert dict(session.results.values_list("driver__slug", "position")) == {
        "tom-coronel": 1,
        "jessica": 2,
    }


def test_a_reimport_keeps_the_press_officers_point_overrides(grid):
    session = grid["session"]
    make_result(
        session=session,
        driver=grid["coronel"],
        position=1,
        points_override=15,
        override_reason="Ten-point penalty",
    )

    import_sheet(session, SHEET)

    coronel = session.results.get(driver=grid["coronel"])
    assert (coronel.points, coronel.override_reason) == (15, "Ten-point penalty")


def test_an_unknown_driver_with_a_full_name_is_added_as_a_rival(grid):
    plan = plan_timing_import(
        session=grid["session"], text="Pos,Driver\n1,Néstor Girolami\n"
    )
    assert plan.rows[0].is_new_driver

    apply_timing_import(plan=plan)

    rival = Driver.objects.get(last_name="Girolami")
    assert (rival.first_name, rival.is_own, rival.slug) == (
        "Néstor",
        False,
        "nestor-girolami",
    )


@pytest.mark.parametrize(
    "name",
    [
        "Andreas Bäckman",
        "BÄCKMAN Andreas",
        "andreas backman",
        '"Bäckman, Andreas"',
        "A. Bäckman",
        "BACKMAN A",
    ],
)
def test_drivers_are_found_by_name_as_timing_sheets_write_it(grid, name):
    plan = plan_timing_import(session=grid["session"], text=f"Pos,Driver\n1,{name}\n")

    assert plan.rows[0].driver == grid["andreas"]


def test_status_in_the_position_column_is_understood(grid):
    plan = plan_timing_import(session=grid["session"], text="Pos,No\n1,100\nDNF,11\n")

    assert plan.rows[1].values["status"] == Result.Status.DID_NOT_FINISH
    assert plan.rows[1].values["position"] is None


def test_a_semicolon_separated_sheet_with_decimal_commas_is_read(grid):
    sheet = (
        "Pos;Nr;Förare;Varv;Best lap;Gap\n"
        "1;100;Tom Coronel;3;8:52,123;\n"
        "2;12;Jessica Bäckman;3;8:55,004;+4,512\n"
    )

    saved = import_sheet(grid["session"], sheet)

    jessica = next(r for r in saved if r.driver == grid["jessica"])
    assert jessica.gap == "+4,512"
    assert jessica.best_lap == dt.timedelta(minutes=8, seconds=55, milliseconds=4)


def test_a_tab_separated_sheet_is_read(grid):
    saved = import_sheet(grid["session"], "Pos\tNo\n1\t100\n2\t12\n")

    assert len(saved) == 2


def test_a_utf8_sheet_with_a_byte_order_mark_is_read(grid):
    text = decode_sheet(("\ufeff" + SHEET).encode("utf-8"))

    assert len(import_sheet(grid["session"], text)) == 3


def test_a_cp1252_sheet_from_excel_keeps_its_accents(grid):
    text = decode_sheet("Pos;Driver\n1;Jessica Bäckman\n".encode("cp1252"))

    assert "Bäckman" in text
    assert import_sheet(grid["session"], text)[0].driver == grid["jessica"]


def test_blank_lines_are_skipped_and_line_numbers_stay_true(grid):
    plan = plan_timing_import(
        session=grid["session"], text="Pos,No\n\n1,100\n\n2,999x\n"
    )

    assert [str(e) for e in plan.errors] == ["Line 5: “999x” is not a car number."]


# Every kind of bad row: its own test, its line number and reason, nothing saved


def test_unknown_status(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Status\n1,100,\n2,12,CRASHED\n",
        line=3,
        reason="unknown status “crashed” (use CLA, DNF, DNS, WD, DSQ, EXC or NC)",
    )


def test_non_numeric_position(grid):
    assert_rejected(
        grid["session"],
        "Pos,No\n1,100\nsecond,12\n",
        line=3,
        reason="“second” is not a position",
    )


def test_zero_position(grid):
    assert_rejected(
        grid["session"], "Pos,No\n0,100\n", line=2, reason="position must be 1 or more"
    )


def test_duplicate_position(grid):
    assert_rejected(
        grid["session"],
        "Pos,No\n1,100\n2,12\n2,11\n",
        line=4,
        reason="position 2 is already on line 3",
    )


def test_duplicate_driver(grid):
    assert_rejected(
        grid["session"],
        "Pos,No\n1,12\n2,100\n3,12\n",
        line=4,
        reason="Jessica Bäckman is already on line 2",
    )


def test_duplicate_driver_by_number_and_by_name(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Driver\n1,12,\n2,,Jessica Bäckman\n",
        line=3,
        reason="Jessica Bäckman is already on line 2",
    )


def test_unknown_number(grid):
    assert_rejected(
        grid["session"],
        "Pos,No\n1,100\n2,55\n",
        line=3,
        reason="no driver has number 55 this season",
    )


def test_number_driver_mismatch(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Driver\n1,11,Jessica Bäckman\n",
        line=2,
        reason="number 11 belongs to Andreas Bäckman, not Jessica Bäckman",
    )


def test_bad_lap_time(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Best lap\n1,100,8:52.123\n2,12,fast\n",
        line=3,
        reason="“fast” is not a lap time (use m:ss.fff, e.g. 8:52.123)",
    )


def test_lap_time_with_more_than_59_seconds(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Best lap\n1,100,8:72.123\n",
        line=2,
        reason="“8:72.123” has more than 59 seconds",
    )


def test_wrong_column_count(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Laps\n1,100,3\n2,12\n",
        line=3,
        reason="expected 3 columns, found 2",
    )


def test_classified_without_position(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Status\n1,100,CLA\n,12,CLA\n",
        line=3,
        reason="a classified driver needs a position",
    )


def test_ambiguous_driver_name(grid):
    assert_rejected(
        grid["session"],
        "Pos,Driver\n1,Bäckman\n",
        line=2,
        reason="“Bäckman” matches several drivers; add the car number",
    )


def test_unknown_single_name(grid):
    assert_rejected(
        grid["session"],
        "Pos,Driver\n1,Girolami\n",
        line=2,
        reason="no driver “Girolami”; give first and last name",
    )


def test_non_numeric_laps(grid):
    assert_rejected(
        grid["session"],
        "Pos,No,Laps\n1,100,three\n",
        line=2,
        reason="laps must be a whole number, not “three”",
    )


def test_gap_longer_than_the_field(grid):
    assert_rejected(
        grid["session"],
        f"Pos,No,Gap\n1,100,{'+' * 31}\n",
        line=2,
        reason="the gap is longer than 30 characters",
    )


@pytest.mark.parametrize(
    "row",
    ["40000,100,3,1", "1,100,40000,1", "1,100,3,40000"],
    ids=["pos", "laps", "grid"],
)
def test_numbers_too_large_for_a_timing_sheet(grid, row):
    assert_rejected(
        grid["session"], f"Pos,No,Laps,Grid\n{row}\n", line=2, reason="is too large"
    )


def test_every_bad_row_is_reported_not_just_the_first(grid):
    plan = plan_timing_import(
        session=grid["session"], text="Pos,No\nx,100\n1,12\n1,11\n"
    )

    assert [e.line for e in plan.errors] == [2, 4]


def test_one_bad_row_saves_none_of_the_good_ones(grid):
    make_result(session=grid["session"], driver=grid["jessica"], position=5)

    assert_rejected(
        grid["session"],
        "Pos,No\n1,100\n2,12\n3,11\nfourth,999\n",
        line=5,
        reason="is not a position",
    )
    assert grid["session"].results.get().position == 5


def test_a_header_without_results(grid):
    assert_rejected(
        grid["session"],
        "Pos,No\n",
        line=1,
        reason="the sheet has a header but no results",
    )


# Whole-file problems: one clear message, nothing read


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", ",,,\n,,\n"])
def test_an_empty_file(grid, text):
    with pytest.raises(SheetError, match="The file is empty."):
        plan_timing_import(session=grid["session"], text=text)


def test_no_header_row(grid):
    with pytest.raises(SheetError) as caught:
        plan_timing_import(session=grid["session"], text="1,100,3\n2,12,3\n")

    assert str(caught.value).startswith("Line 1: the first row must name the columns")


def test_a_header_without_number_or_driver(grid):
    with pytest.raises(SheetError, match="needs a number or driver column"):
        plan_timing_import(session=grid["session"], text="Pos,Laps\n1,3\n")


def test_a_binary_file():
    with pytest.raises(SheetError, match="This is not a text file"):
        decode_sheet(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@override_settings(RACING_MAX_CSV_BYTES=1024)
def test_a_file_that_is_too_large():
    with pytest.raises(SheetError, match="larger than 1 KB"):
        decode_sheet(b"Pos,No\n" + b"1,100\n" * 400)


# Hostile input


def test_a_script_in_a_driver_name_is_stored_as_text(grid):
    name = "<script>alert(1)</script> Evil"

    import_sheet(grid["session"], f"Pos,Driver\n1,{name}\n")

    assert (
        Driver.objects.get(last_name="Evil").first_name == "<script>alert(1)</script>"
    )


def test_control_characters_in_a_name_are_refused(grid):
    assert_rejected(
        grid["session"],
        "Pos,Driver\n1,Tom\x07 Coronel\n",
        line=2,
        reason="the driver name is too long or holds control characters",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8:52.123", dt.timedelta(minutes=8, seconds=52, milliseconds=123)),
        ("8:52,1", dt.timedelta(minutes=8, seconds=52, milliseconds=100)),
        ("1:52", dt.timedelta(minutes=1, seconds=52)),
        ("112.5", dt.timedelta(seconds=112, milliseconds=500)),
        ("1:08:52.123", dt.timedelta(hours=1, minutes=8, seconds=52, milliseconds=123)),
        ("", None),
    ],
)
def test_lap_times_as_timing_sheets_write_them(text, expected):
    assert parse_lap_time(text) == expected


def test_a_rival_written_surname_first_in_capitals_is_stored_the_right_way_round(
    grid,
):
    import_sheet(grid["session"], "Pos,Driver\n1,GIROLAMI Néstor\n")

    rival = Driver.objects.get(slug="girolami-nestor")
    assert (rival.first_name, rival.last_name) == ("Néstor", "Girolami")


def test_an_initial_that_fits_no_driver_is_not_matched(grid):
    plan = plan_timing_import(
        session=grid["session"], text="Pos,Driver\n1,T. Bäckman\n"
    )

    assert plan.rows[0].is_new_driver


@pytest.mark.parametrize("text", ["8:52.123", "0:59.900", "1:08:52.123"])
def test_lap_times_are_shown_as_they_were_written(text):
    from racing.services.laptimes import format_lap_time

    assert format_lap_time(parse_lap_time(text)) == text


def test_the_preview_names_changed_fields_in_words(grid):
    make_result(session=grid["session"], driver=grid["coronel"], position=2)

    plan = plan_timing_import(session=grid["session"], text=SHEET)

    assert plan.rows[0].change_labels == ["position", "laps", "best lap"]
    assert plan.rows[0].best_lap_display == "8:52.123"


def test_an_unknown_driver_gets_an_entry_with_the_sheets_number_and_team(grid):
    sheet = (
        "Pos,No,Driver,Team,Car model,Status\n"
        "1,100,Tom Coronel,,,\n"
        "2,29,Néstor GIROLAMI,ALL-INKL.COM Münnich Motorsport,Honda Civic Type R,\n"
    )

    import_sheet(grid["session"], sheet)

    girolami = Driver.objects.get(last_name="Girolami")
    entry = girolami.entries.get()
    assert entry.season == grid["session"].event.season
    assert entry.number == 29
    assert entry.team.name == "ALL-INKL.COM Münnich Motorsport"
    assert (entry.car.manufacturer, entry.car.model) == ("Honda", "Civic Type R")
    assert grid["session"].results.get(driver=girolami).entry == entry


def test_the_preview_says_which_rows_get_a_new_entry(grid):
    plan = plan_timing_import(
        session=grid["session"],
        text=(
            "Pos,No,Driver,Team\n1,100,Tom Coronel,Comtoyou\n2,29,Yann Ehrlacher,Lynk\n"
        ),
    )

    assert [(row.driver_name, row.needs_entry) for row in plan.rows] == [
        ("Tom Coronel", False),
        ("Yann Ehrlacher", True),
    ]


@pytest.mark.parametrize(
    ("cell", "status"), [("WD", "wd"), ("withdrawn", "wd"), ("EXC", "exc")]
)
def test_withdrawn_and_excluded_are_read(grid, cell, status):
    saved = import_sheet(grid["session"], f"Pos,No,Status\n1,100,\n,12,{cell}\n")

    jessica = next(r for r in saved if r.driver == grid["jessica"])
    assert (jessica.status, jessica.position, jessica.points) == (status, None, 0)


def test_a_reimport_keeps_each_result_and_its_history(grid):
    import_sheet(grid["session"], SHEET)
    first = {r.driver_id: r.pk for r in grid["session"].results.all()}

    swapped = (
        SHEET.replace("1,100,", "X").replace("2,12,", "1,12,").replace("X", "2,100,")
    )
    import_sheet(grid["session"], swapped)

    assert {r.driver_id: r.pk for r in grid["session"].results.all()} == first
    jessica = grid["session"].results.get(driver=grid["jessica"])
    assert (jessica.position, jessica.points) == (1, 25)
    assert jessica.history.count() >= 2
