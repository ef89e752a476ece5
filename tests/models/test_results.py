"""Points worked out per session, overrides, and readable constraint errors."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from racing.models import PointsScale, Result, Session, SessionKind
from racing.services.points import recompute_points
from tests.factories import (
    main_classification,
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_season,
    make_session,
    session_scale,
)

pytestmark = pytest.mark.django_db

DNF = Result.Status.DID_NOT_FINISH


def messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def test_a_new_race_gets_the_seasons_race_scale_and_qualifying_its_own():
    season = make_season()
    quali_scale = PointsScale.objects.create(
        classification=main_classification(season),
        name="Q",
        default_for=SessionKind.QUALIFYING,
        points=[5, 4, 3],
    )
    event = make_event(season=season)

    race = make_session(event=event, kind=SessionKind.RACE)
    quali = make_session(event=event, kind=SessionKind.QUALIFYING, name="Qualifying")
    practice = make_session(event=event, kind=SessionKind.PRACTICE, name="FP1")

    assert session_scale(race).name == "Race"
    assert session_scale(quali) == quali_scale
    assert session_scale(practice) is None


def test_the_default_scale_comes_from_the_events_season_not_another():
    other = make_season(year=2022, race_points=[50, 40])
    season = make_season(race_points=[25, 20])

    race = make_session(event=make_event(season=season))

    assert session_scale(race).classification.season == season
    assert make_result(session=race, position=1).points == 25
    assert main_classification(other).points_scales.get().points == [50, 40]


def test_points_follow_the_session_kind_scale():
    season = make_season()
    PointsScale.objects.create(
        classification=main_classification(season),
        name="Q",
        default_for=SessionKind.QUALIFYING,
        points=[5, 4, 3],
    )
    event = make_event(season=season)
    race = make_session(event=event, kind=SessionKind.RACE)
    quali = make_session(event=event, kind=SessionKind.QUALIFYING, name="Qualifying")

    assert make_result(session=race, position=2).points == 20
    assert make_result(session=quali, position=2).points == 4
    assert make_result(session=quali, position=4).points == 0


def test_jessicas_fourteenth_in_a_race_scores_two_points():
    race = make_session()

    assert make_result(session=race, position=14).points == 2
    assert make_result(session=race, position=16).points == 0


def test_a_practice_session_pays_nothing():
    practice = make_session(kind=SessionKind.PRACTICE, name="FP1")

    assert make_result(session=practice, position=1).points == 0


@pytest.mark.parametrize("status", ["dnf", "dns", "dsq", "nc"])
def test_an_unclassified_result_scores_nothing(status):
    race = make_session()

    assert make_result(session=race, status=status).points == 0


def test_fastest_lap_bonus_only_for_a_classified_driver():
    race = make_session()
    scale = session_scale(race)
    scale.fastest_lap_points = 1
    scale.save()

    assert make_result(session=race, position=3, fastest_lap=True).points == 17
    assert make_result(session=race, status=DNF, fastest_lap=True).points == 0


def test_override_replaces_the_computed_points_and_survives_a_recompute():
    race = make_session()
    result = make_result(
        session=race,
        position=1,
        points_override=20,
        override_reason="5-point penalty for a false start",
    )

    assert result.points == 20
    result.laps = 11
    result.save()
    recompute_points(session=race)
    result.refresh_from_db()
    assert result.points == 20
    assert result.is_overridden


def test_override_of_zero_points_counts_as_an_override():
    result = make_result(
        session=make_session(),
        position=1,
        points_override=0,
        override_reason="Excluded from the results after scrutineering",
    )

    assert result.points == 0


def test_clearing_the_override_brings_the_scale_back():
    result = make_result(
        session=make_session(), position=1, points_override=20, override_reason="x"
    )
    result.points_override = None
    result.override_reason = ""
    result.save()
    recompute_points(session=result.session)
    result.refresh_from_db()

    assert result.points == 25


def test_override_without_a_reason_is_refused_with_a_clear_message():
    result = Result(
        session=make_session(), driver=make_driver(), position=1, points_override=20
    )

    with pytest.raises(ValidationError) as caught:
        result.full_clean()

    assert "Give a reason when overriding the points." in messages(caught.value)
    assert not Result.objects.exists()


def test_override_without_a_reason_is_refused_by_the_database_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_result(session=make_session(), position=1, points_override=20)


def test_the_result_picks_the_drivers_entry_for_the_season():
    race = make_session()
    entry = make_entry(season=race.event.season, number=5)

    assert make_result(session=race, driver=entry.driver, position=1).entry == entry


# Constraints: each one gives the press officer a sentence, not a database error.


def test_one_result_per_driver_per_session():
    race = make_session()
    first = make_result(session=race, position=1)
    again = Result(session=race, driver=first.driver, position=2)

    with pytest.raises(ValidationError) as caught:
        again.full_clean()

    assert "This driver already has a result in this session." in messages(caught.value)


def test_positions_are_unique_per_session():
    race = make_session()
    make_result(session=race, position=7)
    other = Result(session=race, driver=make_driver(), position=7)

    with pytest.raises(ValidationError) as caught:
        other.full_clean()

    assert "Another driver already has this position." in messages(caught.value)


def test_the_same_position_in_another_session_is_fine():
    event = make_event()
    make_result(session=make_session(event=event), position=7)
    other = Result(session=make_session(event=event), driver=make_driver(), position=7)

    other.full_clean()


def test_several_retirements_have_no_position_and_do_not_clash():
    race = make_session()
    make_result(session=race, status=DNF)

    Result(session=race, driver=make_driver(), status=DNF).full_clean()


def test_a_classified_result_needs_a_position():
    result = Result(session=make_session(), driver=make_driver())

    with pytest.raises(ValidationError) as caught:
        result.full_clean()

    assert any(
        "A classified result needs a position" in m for m in messages(caught.value)
    )


def test_a_retirement_cannot_have_a_position():
    result = Result(
        session=make_session(), driver=make_driver(), status=DNF, position=3
    )

    with pytest.raises(ValidationError) as caught:
        result.full_clean()

    assert any(
        "DNF, DNS, WD, DSQ, EXC and NC have none" in m for m in messages(caught.value)
    )


def test_round_numbers_are_unique_per_season():
    season = make_season()
    event = make_event(season=season, round_number=1)
    other = type(event)(
        season=season,
        round_number=1,
        name="Another",
        slug="another",
        circuit=event.circuit,
        start_date=event.start_date,
        end_date=event.end_date,
    )

    with pytest.raises(ValidationError) as caught:
        other.full_clean()

    assert "This season already has an event with that round." in messages(caught.value)


def test_the_same_round_in_another_season_is_fine():
    make_event(round_number=1)
    other = make_event(round_number=1)

    other.full_clean()


@pytest.mark.parametrize("model", ["driver", "event", "season", "circuit"])
def test_slugs_are_unique(model):
    if model == "driver":
        taken = make_driver(slug="andreas-backman")
        other = type(taken)(first_name="A", last_name="B", slug="andreas-backman")
    elif model == "event":
        taken = make_event(slug="race-of-germany")
        other = type(taken)(
            season=make_season(year=2030),
            round_number=1,
            name="x",
            slug="race-of-germany",
            circuit=taken.circuit,
            start_date=taken.start_date,
            end_date=taken.end_date,
        )
    elif model == "season":
        taken = make_season(slug="wtcr-2021")
        other = type(taken)(series=taken.series, year=2022, slug="wtcr-2021")
    else:
        taken = make_event().circuit
        other = type(taken)(name="Another", slug=taken.slug, country="DE")

    with pytest.raises(ValidationError) as caught:
        other.full_clean()

    assert "slug" in caught.value.message_dict
    assert "already exists" in caught.value.message_dict["slug"][0]


def test_an_event_cannot_end_before_it_starts():
    event = make_event()
    event.end_date = event.start_date.replace(day=1)

    with pytest.raises(ValidationError) as caught:
        event.full_clean()

    assert "The last day cannot be before the first day." in messages(caught.value)


def test_a_session_scale_must_belong_to_the_events_season():
    session = make_session()
    foreign = main_classification(make_season(year=2030)).points_scales.get()
    session.points_scale = foreign

    with pytest.raises(ValidationError) as caught:
        session.full_clean()

    assert caught.value.message_dict["points_scale"] == [
        "Pick a points scale of the event's season."
    ]


def test_one_default_scale_per_kind_and_classification():
    season = make_season()
    other = PointsScale(
        classification=main_classification(season),
        name="Race 2",
        default_for=SessionKind.RACE,
        points=[1],
    )

    with pytest.raises(ValidationError) as caught:
        other.full_clean()

    assert (
        "This classification already has a default scale for that kind of session."
        in messages(caught.value)
    )


@pytest.mark.parametrize("points", [[25, -1], [25, "x"], [2.5], "25, 20", [True]])
def test_points_scale_must_be_whole_numbers(points):
    scale = PointsScale(
        classification=main_classification(make_season()), name="Odd", points=points
    )

    with pytest.raises(ValidationError) as caught:
        scale.full_clean()

    assert "Points must be whole numbers" in caught.value.message_dict["points"][0]


def test_session_names_are_unique_per_event():
    session = make_session(name="Race 1")
    other = Session(event=session.event, kind=SessionKind.RACE, name="Race 1")

    with pytest.raises(ValidationError) as caught:
        other.full_clean()

    assert "This event already has a session with that name." in messages(caught.value)
