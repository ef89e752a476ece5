"""A season's entry list from CSV: preview, atomic save, a line-numbered reason
for every bad row with nothing saved; and copying entries between seasons."""

import pytest

from racing.models import Car, Driver, Entry, Team
from racing.services.entries import copy_entries, previous_season
from racing.services.entry_list import apply_entry_list, plan_entry_list
from racing.services.sheets import SheetError
from tests.factories import (
    make_car,
    make_classification,
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_season,
    make_series,
    make_session,
    make_team,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid():
    season = make_season(year=2021)
    trophy = make_classification(season=season, name="WTCR Trophy", slug="trophy")
    juniors = make_classification(season=season, name="Juniors", slug="juniors")
    target = make_team(name="Target Competition")
    elantra = make_car(manufacturer="Hyundai", model="Elantra N TCR")
    andreas = make_driver(first_name="Andreas", last_name="Bäckman", slug="andreas")
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", slug="jessica")
    coronel = make_driver(first_name="Tom", last_name="Coronel", slug="coronel")
    entry = make_entry(
        season=season, driver=andreas, team=target, car=elantra, number=11
    )
    entry.classifications.set([trophy])
    make_entry(season=season, driver=jessica, team=target, car=elantra, number=12)
    return {
        "season": season,
        "trophy": trophy,
        "juniors": juniors,
        "target": target,
        "elantra": elantra,
        "andreas": andreas,
        "jessica": jessica,
        "coronel": coronel,
    }


def snapshot():
    entries = sorted(
        Entry.objects.values_list(
            "season_id", "driver_id", "number", "team_id", "car_id", "is_guest"
        )
    )
    counts = [m.objects.count() for m in (Driver, Team, Car)]
    classes = sorted(Entry.classifications.through.objects.values_list())
    return entries, counts, classes


def import_sheet(season, text, **kwargs):
    plan = plan_entry_list(season=season, text=text)
    assert plan.is_valid, [str(e) for e in plan.errors]
    return apply_entry_list(plan=plan, **kwargs)


def entry_of(season, driver):
    return Entry.objects.get(season=season, driver=driver)


def classes_of(entry):
    return sorted(entry.classifications.values_list("name", flat=True))


def assert_rejected(season, text, *, line, reason):
    before = snapshot()
    plan = plan_entry_list(season=season, text=text)

    messages = [str(e) for e in plan.errors]
    assert any(m.startswith(f"Line {line}: ") and reason in m for m in messages), (
        messages
    )
    assert not plan.is_valid
    with pytest.raises(ValueError, match="Only a valid plan"):
        apply_entry_list(plan=plan)
    assert snapshot() == before


# The preview


def test_the_preview_says_what_each_row_does_and_saves_nothing(grid):
    before = snapshot()
    sheet = (
        "No,Driver,Team,Car,Classes\n"
        "11,Andreas Bäckman,Target Competition,Hyundai Elantra N TCR,WTCR Trophy\n"
        "21,Jessica Bäckman,Target Competition,Hyundai Elantra N TCR,Juniors\n"
        "100,Tom Coronel,Comtoyou Racing,Audi RS 3 LMS,\n"
        "9,Néstor Girolami,ALL-INKL.COM Münnich Motorsport,Honda Civic Type R,\n"
    )

    plan = plan_entry_list(season=grid["season"], text=sheet)

    assert plan.is_valid, [str(e) for e in plan.errors]
    rows = {row.display_name: (row.action, row.change_labels) for row in plan.rows}
    assert rows == {
        "Andreas Bäckman": ("same", []),
        "Jessica Bäckman": ("change", ["racing number", "classes"]),
        "Tom Coronel": ("new-entry", []),
        "Néstor Girolami": ("new-driver", []),
    }
    coronel = plan.rows[2]
    assert (coronel.is_new_team, coronel.is_new_car) == (True, True)
    assert snapshot() == before


def test_entries_not_on_the_sheet_are_kept(grid):
    plan = plan_entry_list(season=grid["season"], text="Driver\nAndreas Bäckman\n")

    assert [entry.driver for entry in plan.kept] == [grid["jessica"]]

    apply_entry_list(plan=plan)

    assert entry_of(grid["season"], grid["jessica"]).number == 12


# Saving


def test_a_new_driver_is_added_as_a_rival_with_nationality_team_and_car(grid):
    sheet = (
        "Nr,Name,Team,Vehicle,Nat\n"
        "29,GIROLAMI Néstor,Münnich Motorsport,Honda Civic Type R TCR,ar\n"
    )

    (entry,) = import_sheet(grid["season"], sheet)

    driver = entry.driver
    assert (driver.first_name, driver.last_name, driver.nationality) == (
        "Néstor",
        "Girolami",
        "AR",
    )
    assert (driver.is_own, driver.slug) == (False, "nestor-girolami")
    assert (entry.season, entry.number, entry.team.name) == (
        grid["season"],
        29,
        "Münnich Motorsport",
    )
    assert (entry.car.manufacturer, entry.car.model) == ("Honda", "Civic Type R TCR")


def test_existing_teams_and_cars_are_matched_without_case(grid):
    sheet = "Driver,Team,Car\nTom Coronel,TARGET competition,hyundai elantra n tcr\n"
    teams, cars = Team.objects.count(), Car.objects.count()

    (entry,) = import_sheet(grid["season"], sheet)

    assert (entry.team, entry.car) == (grid["target"], grid["elantra"])
    assert (Team.objects.count(), Car.objects.count()) == (teams, cars)


def test_two_rows_with_the_same_new_team_and_car_make_one_of_each(grid):
    sheet = (
        "Driver,Team,Car\n"
        "Tom Coronel,Comtoyou Racing,Audi RS 3 LMS\n"
        "Gilles Magnus,Comtoyou Racing,Audi RS 3 LMS\n"
    )

    saved = import_sheet(grid["season"], sheet)

    assert saved[0].team == saved[1].team and saved[0].car == saved[1].car
    assert Team.objects.filter(name="Comtoyou Racing").count() == 1


def test_an_existing_entry_is_updated(grid):
    sheet = (
        "No,Driver,Team,Car,Class,Guest\n"
        "21,Jessica Bäckman,Cyan Racing,Lynk Co 03,Juniors,no\n"
    )

    import_sheet(grid["season"], sheet)

    entry = entry_of(grid["season"], grid["jessica"])
    assert (entry.number, entry.team.name, str(entry.car)) == (
        21,
        "Cyan Racing",
        "Lynk Co 03",
    )
    assert classes_of(entry) == ["Juniors"]
    assert Entry.objects.filter(driver=grid["jessica"]).count() == 1


def test_columns_the_sheet_lacks_are_left_alone(grid):
    import_sheet(grid["season"], "Driver,Nationality\nAndreas Bäckman,SE\n")

    entry = entry_of(grid["season"], grid["andreas"])
    assert (entry.number, entry.team, entry.car) == (
        11,
        grid["target"],
        grid["elantra"],
    )
    assert classes_of(entry) == ["WTCR Trophy"]


def test_an_empty_cell_of_a_column_the_sheet_has_clears_the_value(grid):
    import_sheet(grid["season"], "Driver,No,Team,Classes\nAndreas Bäckman,,,\n")

    entry = entry_of(grid["season"], grid["andreas"])
    assert (entry.number, entry.team, entry.car) == (None, None, grid["elantra"])
    assert classes_of(entry) == []


def test_a_known_drivers_missing_nationality_is_filled_in_but_never_replaced(grid):
    grid["jessica"].nationality = "SE"
    grid["jessica"].save()

    plan = plan_entry_list(
        season=grid["season"],
        text="Driver,Nat\nAndreas Bäckman,SE\nJessica Bäckman,NO\n",
    )
    assert [row.change_labels for row in plan.rows] == [["nationality"], []]
    apply_entry_list(plan=plan)

    grid["andreas"].refresh_from_db()
    grid["jessica"].refresh_from_db()
    assert (grid["andreas"].nationality, grid["jessica"].nationality) == ("SE", "SE")


def test_two_drivers_may_swap_numbers(grid):
    import_sheet(grid["season"], "No,Driver\n12,Andreas Bäckman\n11,Jessica Bäckman\n")

    assert entry_of(grid["season"], grid["andreas"]).number == 12
    assert entry_of(grid["season"], grid["jessica"]).number == 11


def test_a_number_freed_by_the_sheet_can_be_taken(grid):
    import_sheet(grid["season"], "No,Driver\n12,Tom Coronel\n22,Jessica Bäckman\n")

    assert entry_of(grid["season"], grid["coronel"]).number == 12


# Matching drivers, columns and classes


@pytest.mark.parametrize(
    "name",
    [
        "Andreas Bäckman",
        "BÄCKMAN Andreas",
        "andreas backman",
        '"Bäckman, Andreas"',
        "A. Bäckman",
    ],
)
def test_known_drivers_are_found_as_timing_sheets_write_them(grid, name):
    plan = plan_entry_list(season=grid["season"], text=f"Driver\n{name}\n")

    assert plan.rows[0].driver == grid["andreas"]
    assert plan.rows[0].existing == entry_of(grid["season"], grid["andreas"])


def test_a_name_shared_by_two_drivers_picks_the_one_entered_this_season(grid):
    make_driver(first_name="Tom", last_name="Coronel", slug="another-tom")
    make_entry(season=grid["season"], driver=grid["coronel"], number=100)

    plan = plan_entry_list(season=grid["season"], text="Driver\nTom Coronel\n")

    assert plan.rows[0].driver == grid["coronel"]


@pytest.mark.parametrize(
    "sheet",
    [
        "#;Driver name;Car model;Country;Eligibility;Wildcard\n"
        "7;Tom Coronel;Audi RS 3 LMS;nl;trophy;no\n",
        "NO.\tDRIVER\tVEHICLE\tNAT\tCLASSIFICATION\tGUEST\n"
        "7\tTom Coronel\tAudi RS 3 LMS\tNL\tWTCR TROPHY\t\n",
    ],
    ids=["semicolons", "tabs"],
)
def test_header_aliases_and_separators_are_understood(grid, sheet):
    (entry,) = import_sheet(grid["season"], sheet)

    assert (entry.number, str(entry.car), entry.driver.nationality) == (
        7,
        "Audi RS 3 LMS",
        "NL",
    )
    assert classes_of(entry) == ["WTCR Trophy"]


def test_several_classes_by_name_or_slug_and_the_open_ones_are_accepted(grid):
    sheet = "Driver,Classes\nTom Coronel,wtcr trophy | JUNIORS / drivers / trophy\n"

    plan = plan_entry_list(season=grid["season"], text=sheet)
    (entry,) = apply_entry_list(plan=plan)

    assert [c.name for c in plan.rows[0].classes] == ["WTCR Trophy", "Juniors"]
    # "Drivers" admits every entry anyway: only the classes are stored.
    assert classes_of(entry) == ["Juniors", "WTCR Trophy"]


@pytest.mark.parametrize(
    ("guest", "classes", "is_guest"),
    [
        ("yes", "", True),
        ("X", "", True),
        ("1", "", True),
        ("TRUE", "", True),
        ("no", "", False),
        ("0", "", False),
        ("false", "", False),
        ("", "", False),
        ("", "Guest", True),
        ("", "wildcard", True),
    ],
)
def test_guests_are_marked_in_the_guest_or_classes_column(
    grid, guest, classes, is_guest
):
    sheet = f"Driver,Guest,Classes\nTom Coronel,{guest},{classes}\n"

    (entry,) = import_sheet(grid["season"], sheet)

    assert entry.is_guest is is_guest


def test_making_an_entry_a_guest_drops_its_classes(grid):
    import_sheet(grid["season"], "Driver,Guest\nAndreas Bäckman,yes\n")

    entry = entry_of(grid["season"], grid["andreas"])
    assert entry.is_guest and classes_of(entry) == []


def test_blank_lines_are_skipped_and_line_numbers_stay_true(grid):
    plan = plan_entry_list(
        season=grid["season"], text="Driver,No\n\nTom Coronel,7\n\nGilles Magnus,x\n"
    )

    assert [str(e) for e in plan.errors] == [
        "Line 5: “x” is not a car number (0 to 999)."
    ]


# Points follow the new eligibility


def test_applying_recomputes_the_seasons_points(grid):
    race = make_session(event=make_event(season=grid["season"]))
    winner = make_result(session=race, driver=grid["jessica"], position=1)
    rival = make_result(session=race, driver=grid["coronel"], position=2)
    assert (winner.points, rival.points) == (25, 20)

    import_sheet(
        grid["season"],
        "Driver,Guest\nJessica Bäckman,yes\nTom Coronel,no\n",
    )

    winner.refresh_from_db()
    rival.refresh_from_db()
    # The guest scores nothing and hands the win to the next eligible car; the
    # rival's result, saved before his entry existed, now scores by it.
    assert (winner.points, rival.points) == (0, 25)
    assert rival.entry == entry_of(grid["season"], grid["coronel"])


# Every kind of bad row: its line number and reason, nothing saved


def test_missing_driver(grid):
    assert_rejected(
        grid["season"], "No,Driver\n7,\n", line=2, reason="the driver is missing"
    )


def test_unknown_single_name(grid):
    assert_rejected(
        grid["season"],
        "Driver\nTom Coronel\nGirolami\n",
        line=3,
        reason="no driver “Girolami”; give first and last name",
    )


def test_ambiguous_driver_name(grid):
    assert_rejected(
        grid["season"],
        "Driver\nBäckman\n",
        line=2,
        reason="“Bäckman” matches several drivers (Andreas Bäckman, Jessica Bäckman)",
    )


def test_duplicate_driver(grid):
    assert_rejected(
        grid["season"],
        "Driver\nAndreas Bäckman\nTom Coronel\nBÄCKMAN Andreas\n",
        line=4,
        reason="Andreas Bäckman is already on line 2",
    )


def test_duplicate_new_driver_written_two_ways(grid):
    assert_rejected(
        grid["season"],
        "Driver\nNéstor Girolami\nGIROLAMI Nestor\n",
        line=3,
        reason="is already on line 2",
    )


def test_duplicate_number_on_the_sheet(grid):
    assert_rejected(
        grid["season"],
        "No,Driver\n7,Tom Coronel\n7,Gilles Magnus\n",
        line=3,
        reason="number 7 is already on line 2",
    )


def test_number_held_by_another_driver_this_season(grid):
    assert_rejected(
        grid["season"],
        "No,Driver\n11,Tom Coronel\n",
        line=2,
        reason="number 11 is taken by Andreas Bäckman this season",
    )


@pytest.mark.parametrize("number", ["seven", "1000", "-3", "²"])
def test_bad_number(grid, number):
    assert_rejected(
        grid["season"],
        f"No,Driver\n{number},Tom Coronel\n",
        line=2,
        reason=f"“{number}” is not a car number (0 to 999)",
    )


@pytest.mark.parametrize("code", ["Sweden", "S", "S1", "ÅÄ"])
def test_bad_nationality(grid, code):
    assert_rejected(
        grid["season"],
        f"Driver,Nat\nTom Coronel,{code}\n",
        line=2,
        reason=f"“{code}” is not a two-letter country code, e.g. SE",
    )


def test_unknown_class_lists_the_seasons_classes(grid):
    assert_rejected(
        grid["season"],
        "Driver,Classes\nTom Coronel,Touring|Rookies\n",
        line=2,
        reason=(
            "unknown class “Touring”, “Rookies”; this season has: Drivers, "
            "Juniors, WTCR Trophy"
        ),
    )


def test_guest_with_a_class(grid):
    assert_rejected(
        grid["season"],
        "Driver,Classes,Guest\nTom Coronel,Juniors,yes\n",
        line=2,
        reason="a guest is eligible for no class; remove Juniors or the guest mark",
    )


def test_guest_word_with_a_class(grid):
    assert_rejected(
        grid["season"],
        "Driver,Classes\nTom Coronel,Wildcard | Juniors\n",
        line=2,
        reason="a guest is eligible for no class",
    )


def test_bad_guest_value(grid):
    assert_rejected(
        grid["season"],
        "Driver,Guest\nTom Coronel,maybe\n",
        line=2,
        reason="“maybe” in the guest column is not yes or no",
    )


def test_wrong_column_count(grid):
    assert_rejected(
        grid["season"],
        "No,Driver,Team\n7,Tom Coronel,Comtoyou\n8,Gilles Magnus\n",
        line=3,
        reason="expected 3 columns, found 2",
    )


def test_a_car_without_a_model(grid):
    assert_rejected(
        grid["season"],
        "Driver,Car\nTom Coronel,Audi\n",
        line=2,
        reason="give the car as make and model, e.g. Hyundai Elantra N TCR",
    )


def test_every_bad_row_is_reported(grid):
    plan = plan_entry_list(
        season=grid["season"],
        text="No,Driver\nx,Tom Coronel\n11,Gilles Magnus\n5,Solo\n",
    )

    assert [e.line for e in plan.errors] == [2, 3, 4]


# Hostile strings are refused, never stored


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Driver", "Tom\x07 Coronel", "the driver holds control characters"),
        ("Driver", "Evil\u202e Driver", "the driver holds control characters"),
        ("Driver", "Tom " + "x" * 200, "the driver is longer than 160 characters"),
        ("Driver", "Tom " + "x" * 100, "the driver's first or last name is too long"),
        ("Team", "Evil\x1b[31m Team", "the team holds control characters"),
        ("Team", "T" * 121, "the team is longer than 120 characters"),
        ("Car", "Audi " + "R" * 121, "the car's make or model is too long"),
        ("Classes", "C" * 201, "the classes is longer than 200 characters"),
    ],
)
def test_hostile_strings_are_refused(grid, column, value, reason):
    other = "Team" if column == "Driver" else "Driver"
    filler = "Comtoyou" if column == "Driver" else "Tom Coronel"
    text = f"{column},{other}\n{value},{filler}\n"

    assert_rejected(grid["season"], text, line=2, reason=reason)


# Sheets that cannot be read at all


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty."),
        (",,,\n,,\n", "The file is empty."),
        ("Tom Coronel,7\nGilles Magnus,8\n", "with at least a driver column"),
    ],
    ids=["empty", "separators", "no-header"],
)
def test_a_sheet_that_cannot_be_read_says_why(grid, text, message):
    with pytest.raises(SheetError, match=message):
        plan_entry_list(season=grid["season"], text=text)


def test_a_header_without_rows(grid):
    assert_rejected(
        grid["season"],
        "Driver,No\n",
        line=1,
        reason="the sheet has a header but no entries",
    )


# Copying entries from another season


@pytest.fixture
def seasons(grid):
    old = grid["season"]
    new = make_season(series=old.series, year=2022)
    make_classification(season=new, name="Trophy 2022", slug="trophy")
    guest = make_entry(season=old, driver=grid["coronel"], number=100, is_guest=True)
    junior = make_entry(season=old, number=5)
    junior.classifications.set([grid["juniors"]])
    return {"old": old, "new": new, "guest": guest, "junior": junior}


def test_copy_entries_copies_cars_numbers_guests_and_classes_by_slug(grid, seasons):
    old, new = seasons["old"], seasons["new"]

    copied = copy_entries(season=new, from_season=old)

    assert len(copied) == 4
    andreas = entry_of(new, grid["andreas"])
    assert (andreas.number, andreas.team, andreas.car, andreas.is_guest) == (
        11,
        grid["target"],
        grid["elantra"],
        False,
    )
    assert classes_of(andreas) == ["Trophy 2022"]  # the 2022 class, same slug
    assert entry_of(new, grid["coronel"]).is_guest
    assert entry_of(old, grid["andreas"]).number == 11  # the old one is untouched
    assert copied.skipped == [
        f"{seasons['junior'].driver.full_name}: {new} has no class Juniors."
    ]


def test_copy_entries_skips_entered_drivers_and_taken_numbers(grid, seasons):
    old, new = seasons["old"], seasons["new"]
    make_entry(season=new, driver=grid["jessica"], number=55)
    holder = make_entry(season=new, number=11)

    copied = copy_entries(season=new, from_season=old)

    assert {entry.driver for entry in copied} == {
        grid["coronel"],
        seasons["junior"].driver,
    }
    assert "Jessica Bäckman already has an entry." in copied.skipped
    assert (
        f"Andreas Bäckman: number 11 is taken by {holder.driver.full_name}."
        in copied.skipped
    )
    assert entry_of(new, grid["jessica"]).number == 55


def test_copy_entries_recomputes_the_points_of_results_already_in(grid, seasons):
    new = seasons["new"]
    race = make_session(event=make_event(season=new))
    guest_result = make_result(session=race, driver=grid["coronel"], position=1)
    assert guest_result.points == 25

    copy_entries(season=new, from_season=seasons["old"])

    guest_result.refresh_from_db()
    assert guest_result.points == 0


def test_the_previous_season_is_the_same_series_latest_year_before(grid):
    season = grid["season"]
    make_season(series=season.series, year=2018)
    before = make_season(series=season.series, year=2020)
    make_season(series=season.series, year=2023)
    make_season(series=make_series(), year=2020)

    assert previous_season(season=season) == before
    assert previous_season(season=before).year == 2018
    assert previous_season(season=make_season(year=1999)) is None
