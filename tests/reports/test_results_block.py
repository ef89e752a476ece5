import pytest
from django.utils import translation

from racing.models import Result
from racing.services.results_block import (
    build_results_block,
    placing,
    results_block_text,
    results_heading,
)
from tests.factories import make_driver, make_event, make_result, make_session

from .conftest import make_report

pytestmark = pytest.mark.django_db

SEED_BLOCK_EN = """\
Andreas’ results
Free Practice 1: 16th place
Free Practice 2: 17th place
Qualifying: 17th place
Race 1: 20th place
Race 2: DNF
Jessica’s results
Free Practice 1: 18th place
Free Practice 2: 19th place
Qualifying: 20th place
Race 1: 21st place
Race 2: 14th place"""

SEED_BLOCK_SV = """\
Andreas resultat
Fri träning 1: 16:e plats
Fri träning 2: 17:e plats
Kval: 17:e plats
Race 1: 20:e plats
Race 2: Bröt
Jessicas resultat
Fri träning 1: 18:e plats
Fri träning 2: 19:e plats
Kval: 20:e plats
Race 1: 21:a plats
Race 2: 14:e plats"""


def test_seed_weekend_block_matches_the_release_in_english(demo):
    report = demo["report"]

    assert results_block_text(build_results_block(report=report)) == SEED_BLOCK_EN


def test_seed_weekend_block_in_swedish(demo):
    report = demo["report_sv"]

    assert results_block_text(build_results_block(report=report)) == SEED_BLOCK_SV


@pytest.mark.parametrize(
    ("position", "english", "swedish"),
    [
        (1, "1st", "1:a"),
        (2, "2nd", "2:a"),
        (3, "3rd", "3:e"),
        (4, "4th", "4:e"),
        (11, "11th", "11:e"),
        (12, "12th", "12:e"),
        (13, "13th", "13:e"),
        (14, "14th", "14:e"),
        (16, "16th", "16:e"),
        (21, "21st", "21:a"),
        (22, "22nd", "22:a"),
        (23, "23rd", "23:e"),
        (101, "101st", "101:a"),
        (111, "111th", "111:e"),
    ],
)
def test_ordinals_in_both_languages(position, english, swedish):
    # Ordinals come from Django's own catalogues, so they hold in Swedish now.
    with translation.override("en"):
        en = placing(position=position, status=Result.Status.CLASSIFIED)
    with translation.override("sv"):
        sv = placing(position=position, status=Result.Status.CLASSIFIED)

    assert en == f"{english} place"
    assert sv.startswith(f"{swedish} ")


@pytest.mark.parametrize(
    ("status", "short"),
    [
        (Result.Status.DID_NOT_FINISH, "DNF"),
        (Result.Status.DID_NOT_START, "DNS"),
        (Result.Status.DISQUALIFIED, "DSQ"),
        (Result.Status.NOT_CLASSIFIED, "NC"),
    ],
)
def test_statuses_show_their_short_form(status, short):
    with translation.override("en"):
        assert placing(position=None, status=status) == short


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Andreas", "Andreas’ results"), ("Jessica", "Jessica’s results"),
     ("Max", "Max’s results")],
)  # fmt: skip
def test_possessive_headings_in_english(name, expected):
    with translation.override("en"):
        assert results_heading(name) == expected


def _weekend():
    event = make_event()
    fp1 = make_session(event=event, name="Free Practice 1", kind="practice", order=1)
    race = make_session(event=event, name="Race 1", order=2)
    return event, fp1, race


def test_without_picked_drivers_the_team_drivers_are_shown():
    event, fp1, race = _weekend()
    ours = make_driver(first_name="Jessica", is_own=True)
    rival = make_driver(first_name="Rival")
    make_result(session=fp1, driver=ours, position=3)
    make_result(session=race, driver=ours, status=Result.Status.DID_NOT_START)
    make_result(session=race, driver=rival, position=1)

    blocks = build_results_block(report=make_report(event=event))

    assert results_block_text(blocks) == (
        "Jessica’s results\nFree Practice 1: 3rd place\nRace 1: DNS"
    )


def test_picked_drivers_and_sessions_narrow_the_block():
    event, fp1, race = _weekend()
    andreas = make_driver(first_name="Andreas", last_name="A", is_own=True)
    jessica = make_driver(first_name="Jessica", last_name="B", is_own=True)
    for driver, (p1, p2) in [(andreas, (5, 6)), (jessica, (7, 8))]:
        make_result(session=fp1, driver=driver, position=p1)
        make_result(session=race, driver=driver, position=p2)
    report = make_report(event=event)
    report.drivers.set([jessica])
    report.sessions.set([race])

    blocks = build_results_block(report=report)

    assert results_block_text(blocks) == "Jessica’s results\nRace 1: 8th place"


def test_results_of_other_events_stay_out():
    event, fp1, _race = _weekend()
    driver = make_driver(first_name="Jessica", is_own=True)
    make_result(session=make_session(), driver=driver, position=1)

    assert build_results_block(report=make_report(event=event)) == []


def test_block_is_two_queries_whatever_the_field(django_assert_num_queries):
    event, fp1, race = _weekend()
    for n in range(12):
        driver = make_driver(is_own=True)
        make_result(session=fp1, driver=driver, position=n + 1)
        make_result(session=race, driver=driver, position=n + 1)
    report = make_report(event=event)
    report = (
        type(report).objects.prefetch_related("drivers", "sessions").get(pk=report.pk)
    )

    with django_assert_num_queries(2):  # the results, their class places
        blocks = build_results_block(report=report)

    assert len(blocks) == 12 and all(len(b.lines) == 2 for b in blocks)
