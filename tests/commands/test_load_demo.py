"""`load_demo` loads the seed weekend and changes nothing when run again."""

import io

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from racing.models import Driver, Event, Quote, Result, Season

pytestmark = pytest.mark.django_db


def dump_racing_tables() -> str:
    """Every row of every racing table, primary keys and timestamps included.

    Not the history tables: they log each save, a second run's included (the
    results history page shows only the saves that changed something).
    """
    models = sorted(
        (
            model
            for model in apps.get_app_config("racing").get_models()
            if not model.__name__.startswith("Historical")
        ),
        key=lambda m: m._meta.label,
    )
    return serializers.serialize(
        "json",
        [obj for model in models for obj in model._default_manager.order_by("pk")],
    )


def test_running_it_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    first = dump_racing_tables()

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert dump_racing_tables() == first
    assert "Demo content ready" in out.getvalue()


def test_the_seed_weekend_is_loaded_as_in_the_press_release(demo):
    season = Season.objects.get(slug="wtcr-2021")
    assert (season.series.short_name, season.year) == ("WTCR", 2021)
    event = Event.objects.get(season=season, round_number=1)
    assert (event.circuit.name, event.circuit.nickname) == (
        "Nürburgring Nordschleife",
        "The Green Hell",
    )
    assert (str(event.start_date), str(event.end_date)) == ("2021-06-03", "2021-06-05")
    estoril = Event.objects.get(season=season, round_number=2)
    assert (estoril.circuit.location, str(estoril.start_date)) == (
        "Estoril",
        "2021-06-25",
    )
    assert list(event.sessions.values_list("name", flat=True)) == [
        "Free Practice 1",
        "Free Practice 2",
        "Qualifying",
        "Race 1",
        "Race 2",
    ]


@pytest.mark.parametrize(
    ("slug", "placings"),
    [
        ("andreas-backman", ["16", "17", "17", "20", "DNF"]),
        ("jessica-backman", ["18", "19", "20", "21", "14"]),
    ],
)
def test_positions_and_statuses_are_the_official_ones(demo, slug, placings):
    results = Result.objects.filter(driver__slug=slug).order_by("session__order")

    assert [r.placing for r in results] == placings


def test_jessicas_fourteenth_in_race_2_scores_two_points(demo):
    race2 = Result.objects.get(driver__slug="jessica-backman", session__name="Race 2")
    andreas = Result.objects.get(driver__slug="andreas-backman", session__name="Race 2")

    assert race2.points == 2
    assert (andreas.status, andreas.points) == (Result.Status.DID_NOT_FINISH, 0)
    assert sum(Result.objects.values_list("points", flat=True)) == 2


def test_the_drivers_are_ours_in_hyundais_of_target_competition(demo):
    for driver in Driver.objects.all():
        entry = driver.entries.get()
        assert driver.is_own and entry.team.is_own
        assert (entry.team.name, str(entry.car)) == (
            "Target Competition",
            "Hyundai Elantra N TCR",
        )


def test_both_drivers_quotes_are_attached_to_their_sessions(demo):
    quotes = Quote.objects.filter(language="en").select_related("driver", "session")

    assert quotes.count() == 6
    assert sorted(
        (q.driver.first_name, q.session.name if q.session else "") for q in quotes
    ) == [
        ("Andreas", ""),
        ("Andreas", "Qualifying"),
        ("Andreas", "Race 2"),
        ("Jessica", ""),
        ("Jessica", "Free Practice 1"),
        ("Jessica", "Race 2"),
    ]


def test_a_second_run_restores_an_edited_result(demo):
    Result.objects.filter(
        session__name="Race 2", driver__slug="jessica-backman"
    ).update(position=3)

    call_command("load_demo", stdout=io.StringIO())

    assert (
        Result.objects.get(
            session__name="Race 2", driver__slug="jessica-backman"
        ).position
        == 14
    )
