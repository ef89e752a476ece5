"""A real season entered through the admin as the press officer: scales per
session, qualifying segments, a guest, a second classification, half points.

Each test builds the season the way the press officer does (season page,
classification page, event page, session grid) and checks the points and the
public pages that follow from them.
"""

import pytest
from django.urls import reverse

from racing.models import Classification, Entry, Season, Session
from tests.admin.conftest import errors_of, fill_rows, form_data
from tests.factories import make_circuit, make_driver, make_series, make_team

pytestmark = pytest.mark.django_db

F1_STYLE = "25, 18, 15, 12, 10, 8, 6, 4, 2, 1"
REVERSED_GRID = "20, 15, 12, 10, 8, 6, 4, 3, 2, 1"


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    return response


def add_season(client, *, classes=()):
    """Season page: a new season; its drivers' championship comes by itself."""
    url = reverse("admin:racing_season_add")
    data = form_data(client.get(url))
    data.update(series=make_series().pk, year=2031, slug="tcr-2031")
    fill_rows(
        data,
        "classifications",
        [
            {"name": name, "slug": slug, "order": 1, "points_by": "class"}
            for name, slug in classes
        ],
    )
    post(client, url, data)
    return Season.objects.get(slug="tcr-2031")


def set_scales(client, classification, scales):
    url = reverse("admin:racing_classification_change", args=[classification.pk])
    data = form_data(client.get(url))
    fill_rows(
        data,
        "points_scales",
        [{"fastest_lap_points": 0, "default_for_sessions": "", **s} for s in scales],
    )
    post(client, url, data)


def add_event(client, season, sessions):
    url = reverse("admin:racing_event_add")
    data = form_data(client.get(url))
    data.update(
        season=season.pk,
        round_number=1,
        name="Race of Hungary",
        slug="race-of-hungary",
        circuit=make_circuit(timezone="Europe/Budapest").pk,
        start_date="2031-04-25",
        end_date="2031-04-27",
    )
    fill_rows(
        data,
        "sessions",
        [
            {"order": order, "name": name, "kind": kind}
            for order, (name, kind) in enumerate(sessions, start=1)
        ],
    )
    post(client, url, data)
    return {s.name: s for s in Session.objects.filter(event__slug="race-of-hungary")}


def enter_results(client, session, drivers, **fields):
    """The session grid: drivers in finishing order."""
    url = reverse("admin:racing_session_change", args=[session.pk])
    data = form_data(client.get(url))
    data.update(fields)
    fill_rows(
        data,
        "results",
        [
            {"driver": driver.pk, "status": "cla", "position": position}
            for position, driver in enumerate(drivers, start=1)
        ],
    )
    post(client, url, data)


def points_of(session):
    return {
        r.driver.last_name: r.points for r in session.results.select_related("driver")
    }


def field_of(season, size, *, guest=None, classes=None):
    team = make_team()
    drivers = [make_driver(last_name=f"Car{n:02d}") for n in range(1, size + 1)]
    for number, driver in enumerate(drivers, start=1):
        entry = Entry.objects.create(
            season=season,
            driver=driver,
            team=team,
            number=number,
            is_guest=driver == guest,
        )
        for classification in (classes or {}).get(driver, []):
            entry.classifications.add(classification)
    return drivers


def test_two_races_of_one_weekend_pay_on_their_own_scales(press_client):
    season = add_season(press_client)
    main = season.classifications.get()
    assert (main.name, main.is_main) == ("Drivers", True)
    set_scales(
        press_client,
        main,
        [
            {"name": "Race 1", "default_for_sessions": "Race 1", "points": F1_STYLE},
            {
                "name": "Race 2",
                "default_for_sessions": "Race 2",
                "points": REVERSED_GRID,
            },
            {"name": "Qualifying", "default_for": "qualifying", "points": "5, 4, 3"},
        ],
    )
    sessions = add_event(
        press_client,
        season,
        [("Qualifying", "qualifying"), ("Race 1", "race"), ("Race 2", "race")],
    )
    ana, bo, cy = field_of(season, 3)

    for name in ("Qualifying", "Race 1", "Race 2"):
        enter_results(press_client, sessions[name], [ana, bo, cy])

    assert points_of(sessions["Qualifying"]) == {"Car01": 5, "Car02": 4, "Car03": 3}
    assert points_of(sessions["Race 1"]) == {"Car01": 25, "Car02": 18, "Car03": 15}
    assert points_of(sessions["Race 2"]) == {"Car01": 20, "Car02": 15, "Car03": 12}


def test_three_races_two_paying_qualifying_segments_and_a_guest(press_client, client):
    season = add_season(press_client)
    main = season.classifications.get()
    set_scales(
        press_client,
        main,
        [
            {"name": "Race", "default_for": "race", "points": F1_STYLE},
            {"name": "Q2", "default_for_sessions": "Q2", "points": "3, 2, 1"},
            {"name": "Q3", "default_for_sessions": "Q3", "points": "5, 4, 3, 2, 1"},
        ],
    )
    names = [("Q1", "qualifying"), ("Q2", "qualifying"), ("Q3", "qualifying")]
    names += [("Race 1", "race"), ("Race 2", "race"), ("Race 3", "race")]
    sessions = add_event(press_client, season, names)
    wildcard = make_driver(last_name="Wildcard")
    drivers = field_of(season, 4)
    Entry.objects.create(season=season, driver=wildcard, number=99, is_guest=True)

    for name, _kind in names:
        enter_results(press_client, sessions[name], [wildcard, *drivers])

    assert set(points_of(sessions["Q1"]).values()) == {0}
    assert points_of(sessions["Q2"]) == {
        "Wildcard": 0,
        "Car01": 3,
        "Car02": 2,
        "Car03": 1,
        "Car04": 0,
    }
    assert points_of(sessions["Q3"])["Car01"] == 5
    # The guest won Race 3: its points pass to the next car, as the series rules.
    assert points_of(sessions["Race 3"]) == {
        "Wildcard": 0,
        "Car01": 25,
        "Car02": 18,
        "Car03": 15,
        "Car04": 12,
    }
    html = client.get(sessions["Race 3"].event.get_absolute_url()).content.decode()
    assert "Guest" in html
    standings = client.get(season.get_absolute_url()).content.decode()
    assert "Wildcard" not in standings
    # Three races and two segments: 3 x 25 + 3 + 5.
    assert "<strong>83</strong>" in standings


def test_a_guest_keeps_its_place_where_the_class_scores_by_overall_position(
    press_client,
):
    season = add_season(press_client)
    main = season.classifications.get()
    main.points_by = Classification.PointsBy.OVERALL
    main.save()
    set_scales(
        press_client,
        main,
        [{"name": "Race", "default_for": "race", "points": F1_STYLE}],
    )
    sessions = add_event(press_client, season, [("Race 1", "race")])
    wildcard = make_driver(last_name="Wildcard")
    drivers = field_of(season, 2)
    Entry.objects.create(season=season, driver=wildcard, number=99, is_guest=True)

    enter_results(press_client, sessions["Race 1"], [wildcard, *drivers])

    assert points_of(sessions["Race 1"]) == {"Wildcard": 0, "Car01": 18, "Car02": 15}


def test_a_second_classification_scores_its_own_cars_on_its_own_scale(
    press_client, client
):
    season = add_season(press_client, classes=[("Trophy", "trophy")])
    main = season.classifications.get(is_main=True)
    trophy = season.classifications.get(slug="trophy")
    assert not trophy.is_main
    set_scales(
        press_client,
        main,
        [{"name": "Race", "default_for": "race", "points": F1_STYLE}],
    )
    set_scales(
        press_client,
        trophy,
        [{"name": "Trophy race", "default_for": "race", "points": "10, 8, 6"}],
    )
    sessions = add_event(press_client, season, [("Race 1", "race")])
    drivers = make_driver(last_name="Pro")
    ind_a, ind_b = make_driver(last_name="IndieA"), make_driver(last_name="IndieB")
    team = make_team(name="Privateers")
    Entry.objects.create(season=season, driver=drivers, team=make_team(), number=1)
    for number, driver in ((2, ind_a), (3, ind_b)):
        entry = Entry.objects.create(
            season=season, driver=driver, team=team, number=number
        )
        entry.classifications.add(trophy)

    enter_results(press_client, sessions["Race 1"], [drivers, ind_a, ind_b])

    # The overall points are the drivers' championship's; the class has its own.
    assert points_of(sessions["Race 1"]) == {"Pro": 25, "IndieA": 18, "IndieB": 15}
    places = {
        cr.result.driver.last_name: (cr.position, cr.points)
        for cr in trophy.class_results.select_related("result__driver")
    }
    assert places == {"IndieA": (1, 10), "IndieB": (2, 8)}
    event_html = client.get(sessions["Race 1"].event.get_absolute_url()).content
    assert "Trophy P1" in event_html.decode()
    standings = client.get(season.get_absolute_url()).content.decode()
    trophy_part = standings[standings.index('id="class-trophy-heading"') :]
    assert "IndieA" in trophy_part and "Pro<" not in trophy_part
    assert "Privateers" in trophy_part and "<strong>18</strong>" in trophy_part


def test_half_points_and_a_cancelled_session(press_client, client):
    season = add_season(press_client)
    set_scales(
        press_client,
        season.classifications.get(),
        [{"name": "Race", "default_for": "race", "points": F1_STYLE}],
    )
    sessions = add_event(press_client, season, [("Race 1", "race"), ("Race 2", "race")])
    drivers = field_of(season, 2)

    enter_results(press_client, sessions["Race 1"], drivers, points_factor="0.5")
    enter_results(press_client, sessions["Race 2"], drivers, is_cancelled="on")

    assert points_of(sessions["Race 1"]) == {"Car01": 12.5, "Car02": 9}
    assert set(points_of(sessions["Race 2"]).values()) == {0}
    html = client.get(sessions["Race 1"].event.get_absolute_url()).content.decode()
    assert '<td class="num">12.5</td>' in html
    assert "Cancelled" in html
    swedish = client.get("/sv" + sessions["Race 1"].event.get_absolute_url())
    assert '<td class="num">12,5</td>' in swedish.content.decode()
    assert "Inställt" in swedish.content.decode()
