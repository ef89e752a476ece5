"""Points scales, seasons and events as the press officer edits them in the admin."""

import pytest
from django.urls import reverse

from racing.models import Event, PointsScale, Session
from tests.admin.conftest import errors_of, fill_rows, form_data
from tests.factories import (
    main_classification,
    make_event,
    make_result,
    make_season,
    make_session,
)

pytestmark = pytest.mark.django_db


def test_changing_a_scales_points_recomputes_its_sessions(press_client):
    race = make_session()
    winner = make_result(session=race, position=1)
    penalised = make_result(
        session=race, position=2, points_override=5, override_reason="Penalty"
    )
    scale = main_classification(race.event.season).points_scales.get()
    url = reverse("admin:racing_pointsscale_change", args=[scale.pk])
    data = form_data(press_client.get(url))
    assert data["points"] == "25, 20, 16, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1"
    data["points"] = "30, 25, 20"

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    winner.refresh_from_db()
    penalised.refresh_from_db()
    assert (winner.points, penalised.points) == (30, 5)


def classification_url(season):
    return reverse(
        "admin:racing_classification_change", args=[main_classification(season).pk]
    )


def scale_names(season):
    main = main_classification(season)
    scales = list(main.points_scales.all())
    return {
        session.name: getattr(session.scale_for(main, scales), "name", None)
        for session in Session.objects.filter(event__season=season)
    }


def test_changing_a_scale_on_the_classification_page_recomputes_its_sessions(
    press_client,
):
    race = make_session()
    winner = make_result(session=race, position=1)
    url = classification_url(race.event.season)
    data = form_data(press_client.get(url))
    data["points_scales-0-points"] = "10, 8, 6"

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    winner.refresh_from_db()
    assert winner.points == 10


def test_a_new_default_scale_applies_to_the_seasons_sessions_without_one(
    press_client,
):
    season = make_season(race_points=None)
    race = make_session(event=make_event(season=season))
    winner = make_result(session=race, position=1)
    assert (scale_names(season)[race.name], winner.points) == (None, 0)
    url = reverse("admin:racing_pointsscale_add")
    data = form_data(press_client.get(url))
    data.update(
        classification=main_classification(season).pk,
        name="Race",
        default_for="race",
        points="25, 18",
    )

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    winner.refresh_from_db()
    assert scale_names(season)[race.name] == "Race"
    assert winner.points == 25


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("25, 20, x", "Write whole numbers separated by commas, e.g. 25, 20, 16."),
        ("25, -5", "Points cannot be negative."),
    ],
)
def test_bad_points_get_a_clear_message(press_client, points, message):
    season = make_season()
    url = reverse("admin:racing_pointsscale_add")
    data = form_data(press_client.get(url))
    data.update(
        classification=main_classification(season).pk, name="Odd", points=points
    )

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert message in errors_of(response)
    assert not PointsScale.objects.filter(name="Odd").exists()


def test_two_default_scales_for_races_in_a_classification_are_refused(press_client):
    season = make_season()
    url = classification_url(season)
    data = form_data(press_client.get(url))
    fill_rows(
        data,
        "points_scales",
        [
            {
                "name": "Race (2)",
                "default_for": "race",
                "points": "1",
                "fastest_lap_points": 0,
            }
        ],
    )

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert (
        "This classification already has a default scale for that kind of session."
        in errors_of(response)
    )
    assert main_classification(season).points_scales.count() == 1


def test_two_new_default_scales_in_one_go_are_refused(press_client):
    season = make_season(race_points=None)
    url = classification_url(season)
    data = form_data(press_client.get(url))
    fill_rows(
        data,
        "points_scales",
        [
            {
                "name": "A",
                "default_for": "race",
                "points": "1",
                "fastest_lap_points": 0,
            },
            {
                "name": "B",
                "default_for": "race",
                "points": "2",
                "fastest_lap_points": 0,
            },
        ],
    )

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert (
        "This classification already has a default scale for that kind of session."
        in errors_of(response)
    )
    assert main_classification(season).points_scales.count() == 0


# Events


def event_data(client, event, **changes):
    url = reverse("admin:racing_event_change", args=[event.pk])
    data = form_data(client.get(url))
    data.update(changes)
    return url, data


def test_a_round_number_taken_in_the_season_is_refused(press_client):
    first = make_event(round_number=1)
    second = make_event(season=first.season, round_number=2)
    url, data = event_data(press_client, second, round_number=1)

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert "This season already has an event with that round." in errors_of(response)
    second.refresh_from_db()
    assert second.round_number == 2


def test_a_slug_taken_by_another_event_is_refused(press_client):
    first = make_event(slug="race-of-germany")
    second = make_event(season=first.season)
    url, data = event_data(press_client, second, slug="race-of-germany")

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert "Event with this Slug already exists." in errors_of(response)
    assert Event.objects.filter(slug="race-of-germany").count() == 1


def test_an_event_ending_before_it_starts_is_refused(press_client):
    event = make_event()
    url, data = event_data(
        press_client, event, start_date="2021-06-05", end_date="2021-06-03"
    )

    response = press_client.post(url, data)

    assert "The last day cannot be before the first day." in errors_of(response)


def test_sessions_are_added_on_the_event_page_with_their_default_scale(press_client):
    event = make_event()
    url, data = event_data(press_client, event)
    fill_rows(
        data,
        "sessions",
        [
            {"order": 1, "name": "Free Practice 1", "kind": "practice"},
            {"order": 4, "name": "Race 1", "kind": "race"},
        ],
    )

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    assert scale_names(event.season) == {"Free Practice 1": None, "Race 1": "Race"}


def test_two_sessions_with_one_name_are_refused_on_the_event_page(press_client):
    event = make_event()
    url, data = event_data(press_client, event)
    fill_rows(
        data,
        "sessions",
        [
            {"order": 4, "name": "Race 1", "kind": "race"},
            {"order": 5, "name": "Race 1", "kind": "race"},
        ],
    )

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert any("Race 1" in e or "name" in e.lower() for e in errors_of(response))
    assert not Session.objects.filter(event=event).exists()
