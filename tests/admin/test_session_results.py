"""The press officer (not a superuser) enters a session's results in the admin grid."""

import pytest
from django.urls import reverse

from racing.models import SessionKind
from tests.admin.conftest import errors_of, fill_rows, form_data
from tests.factories import make_driver, make_result, make_scale, make_session

pytestmark = pytest.mark.django_db


def change_url(session):
    return reverse("admin:racing_session_change", args=[session.pk])


def post_rows(client, session, rows, **fields):
    data = form_data(client.get(change_url(session)))
    data.update(fields)
    fill_rows(data, "results", rows)
    return client.post(change_url(session), data)


def test_press_officer_adds_a_sessions_results_through_the_grid(press_client):
    race = make_session()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman")
    andreas = make_driver(first_name="Andreas", last_name="Bäckman")

    response = post_rows(
        press_client,
        race,
        [
            {
                "driver": jessica.pk,
                "status": "cla",
                "position": 14,
                "best_lap": "8:55.004",
            },
            {"driver": andreas.pk, "status": "dnf", "laps": 0},
        ],
    )

    assert response.status_code == 302, errors_of(response)
    saved = {r.driver: r for r in race.results.all()}
    assert (saved[jessica].position, saved[jessica].points) == (14, 2)
    assert saved[jessica].best_lap.total_seconds() == pytest.approx(535.004)
    assert (saved[andreas].status, saved[andreas].points) == ("dnf", 0)


def test_the_grid_shows_points_read_only_with_a_link_to_override(press_client):
    race = make_session()
    result = make_result(session=race, position=1)

    response = press_client.get(change_url(race))

    formset = response.context["inline_admin_formsets"][0].formset
    assert "points" not in formset.forms[0].fields
    change = reverse("admin:racing_result_change", args=[result.pk])
    assert f'<a href="{change}" title="Override the points">25</a>' in (
        response.content.decode()
    )


def assert_refused(response, session, message, *, count=0):
    assert response.status_code == 200
    assert message in " ".join(errors_of(response)), errors_of(response)
    assert session.results.count() == count


def test_two_rows_with_the_same_position_are_refused(press_client):
    race = make_session()

    response = post_rows(
        press_client,
        race,
        [
            {"driver": make_driver().pk, "status": "cla", "position": 3},
            {"driver": make_driver().pk, "status": "cla", "position": 3},
        ],
    )

    assert_refused(response, race, "Another driver already has this position.")


def test_a_position_already_taken_in_the_session_is_refused(press_client):
    race = make_session()
    make_result(session=race, position=3)

    response = post_rows(
        press_client,
        race,
        [{"driver": make_driver().pk, "status": "cla", "position": 3}],
    )

    assert_refused(response, race, "Another driver already has this position.", count=1)


def test_two_rows_for_the_same_driver_are_refused(press_client):
    race = make_session()
    driver = make_driver()

    response = post_rows(
        press_client,
        race,
        [
            {"driver": driver.pk, "status": "cla", "position": 1},
            {"driver": driver.pk, "status": "cla", "position": 2},
        ],
    )

    assert response.status_code == 200
    assert race.results.count() == 0
    assert any("driver" in e.lower() for e in errors_of(response)), errors_of(response)


def test_a_classified_row_without_a_position_is_refused(press_client):
    race = make_session()

    response = post_rows(
        press_client, race, [{"driver": make_driver().pk, "status": "cla"}]
    )

    assert_refused(response, race, "A classified result needs a position")


def result_data(client, result, **changes):
    url = reverse("admin:racing_result_change", args=[result.pk])
    data = form_data(client.get(url))
    data.update(changes)
    return url, data


def test_an_override_without_a_reason_is_refused(press_client):
    result = make_result(session=make_session(), position=1)
    url, data = result_data(press_client, result, points_override=20)

    response = press_client.post(url, data)

    assert response.status_code == 200
    assert "Give a reason when overriding the points." in errors_of(response)
    result.refresh_from_db()
    assert (result.points, result.points_override) == (25, None)


def test_an_override_with_a_reason_sets_the_points(press_client):
    result = make_result(session=make_session(), position=1)
    url, data = result_data(
        press_client,
        result,
        points_override=20,
        override_reason="5-point penalty: jump start",
    )

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    result.refresh_from_db()
    assert (result.points, result.override_reason) == (
        20,
        "5-point penalty: jump start",
    )


def test_changing_the_sessions_scale_recomputes_its_points(press_client):
    race = make_session()
    winner = make_result(session=race, position=1)
    half = make_scale(season=race.event.season, name="Half points", points=[12, 10])

    response = post_rows(press_client, race, [], points_scale=half.pk)

    assert response.status_code == 302, errors_of(response)
    winner.refresh_from_db()
    assert winner.points == 12


def test_a_practice_turned_race_gets_the_race_scale_and_its_points(press_client):
    session = make_session(kind=SessionKind.PRACTICE, name="Race 3")
    winner = make_result(session=session, position=1)
    assert winner.points == 0

    response = post_rows(press_client, session, [], kind=SessionKind.RACE)

    assert response.status_code == 302, errors_of(response)
    winner.refresh_from_db()
    assert winner.points == 25


def test_the_press_officer_can_add_a_session_with_results_in_one_go(press_client):
    race = make_session()
    event = race.event
    url = reverse("admin:racing_session_add")
    data = form_data(press_client.get(url))
    data.update(event=event.pk, name="Race 2", kind="race", order=5)
    fill_rows(
        data, "results", [{"driver": make_driver().pk, "status": "cla", "position": 1}]
    )

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    added = event.sessions.get(name="Race 2")
    assert added.results.get().points == 25
