"""The small pure pieces behind the public pages."""

import datetime as dt
import re

import pytest
from django.utils import translation

from racing.models import Result, SessionKind
from racing.services.calendar_ics import escape_text, fold
from racing.services.careers import career_figures
from racing.services.search import fold as fold_text
from racing.services.search import search_terms, term_pattern
from racing.templatetags.racing import country_name, event_dates, lap_time
from tests.factories import make_driver, make_event, make_result, make_session


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.timedelta(minutes=9, seconds=2, milliseconds=345), "9:02.345"),
        (dt.timedelta(minutes=1, seconds=59, microseconds=999600), "2:00.000"),
        (dt.timedelta(seconds=58, milliseconds=7), "0:58.007"),
        (dt.timedelta(hours=1, minutes=2, seconds=3), "1:02:03.000"),
        (None, ""),
        ("9:02", ""),
    ],
)
def test_lap_time(value, shown):
    assert lap_time(value) == shown


def test_country_name_translates_and_falls_back_to_the_code():
    assert country_name("se") == "Sweden"
    assert country_name("XX") == "XX"
    assert country_name("") == ""


class Weekend:
    def __init__(self, start, end):
        self.start_date, self.end_date = start, end


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (dt.date(2021, 6, 3), dt.date(2021, 6, 5), "3–5 June 2021"),
        (dt.date(2021, 6, 30), dt.date(2021, 7, 2), "30 June – 2 July 2021"),
        (
            dt.date(2021, 12, 31),
            dt.date(2022, 1, 1),
            "31 December 2021 – 1 January 2022",
        ),
        (dt.date(2021, 6, 5), dt.date(2021, 6, 5), "5 June 2021"),
    ],
)
def test_event_dates(start, end, shown):
    with translation.override("en"):
        assert event_dates(Weekend(start, end)) == shown


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Bäckman", "backman"), ("NÜRBURGRING", "nurburgring"), ("Ørsted", "orsted")],
)
def test_fold(text, folded):
    assert fold_text(text) == folded


def test_search_terms_drop_punctuation_and_repeats():
    assert search_terms("  Bäckman, backman; (Jessica) ") == ["backman", "jessica"]
    assert search_terms("%_*") == []


@pytest.mark.parametrize("name", ["Bäckman", "BACKMAN", "backman", "Båckman"])
def test_term_pattern_matches_any_accent_and_case(name):
    assert re.search(term_pattern("backman"), name)


def test_term_pattern_holds_only_letter_classes():
    assert re.fullmatch(r"(\[[^\]\[\\^-]+\]|\d)+", term_pattern("ab12"))


def test_ics_escape_and_fold():
    assert escape_text("Race 1; wet, windy\nback\\slash") == (
        "Race 1\\; wet\\, windy\\nback\\\\slash"
    )
    line = "SUMMARY:" + "Nürburgring " * 12
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") for part in parts) == line


@pytest.mark.django_db
def test_career_figures_count_races_and_all_points():
    driver = make_driver(is_own=True)
    event = make_event()
    quali = make_session(event=event, kind=SessionKind.QUALIFYING, name="Qualifying")
    races = [make_session(event=event, name=f"Race {n}") for n in range(1, 6)]
    make_result(
        session=quali,
        driver=driver,
        position=1,
        points_override=5,
        override_reason="pole",
    )
    make_result(session=races[0], driver=driver, position=1)
    make_result(session=races[1], driver=driver, position=3)
    make_result(session=races[2], driver=driver, position=14)
    make_result(session=races[3], driver=driver, status=Result.Status.DID_NOT_FINISH)
    make_result(session=races[4], driver=driver, status=Result.Status.DID_NOT_START)

    figures = career_figures(driver=driver)

    assert figures.starts == 4  # the DNS is not a start; qualifying is not a race
    assert figures.points == 5 + 25 + 16 + 2
    assert figures.best_finish == 1
    assert figures.podiums == 2
    assert figures.wins == 1  # pole in qualifying is not a win
    assert figures.dnfs == 1


@pytest.mark.django_db
def test_career_figures_of_a_driver_without_results():
    figures = career_figures(driver=make_driver())

    assert (figures.starts, figures.points, figures.best_finish) == (0, 0, None)


def test_plain_select_writes_the_markup_of_djangos_select():
    """The report filters' fast <select>: groups, the chosen option, the
    attributes a form adds, and escaping, as Django's own widget has them."""
    from django import forms
    from django.test import SimpleTestCase

    from racing.widgets import PlainSelect

    choices = [
        ("", "All"),
        ("2021 WTCR", [("nurburgring", "Race of Germany"), ("<x>", "A & <b>")]),
        ("2020 WTCR", [("zolder", "Race of Belgium")]),
    ]
    attrs = {"id": "id_event", "aria-invalid": "true"}
    for value in ("", "nurburgring", "<x>", "unknown"):
        ours = PlainSelect(choices=choices).render("event", value, attrs)
        djangos = forms.Select(choices=choices).render("event", value, attrs)
        SimpleTestCase().assertHTMLEqual(ours, djangos)
    assert "&lt;x&gt;" in PlainSelect(choices=choices).render("event", "", attrs)
