"""What each resource answers, on the demo weekend and on built data."""

import datetime as dt

import pytest
from django.urls import reverse

from racing.models import Result, Session
from tests.factories import make_season

pytestmark = pytest.mark.django_db


def test_every_path_of_the_description_answers_on_the_demo(get, demo, openapi):
    event = demo["event"]
    race = event.sessions.get(name="Race 1")
    params = {
        "season": "wtcr-2021",
        "classification": "drivers",
        "session_id": race.pk,
    }
    slugs = {
        "events": event.slug,
        "drivers": "jessica-backman",
        "reports": demo["report"].slug,
    }
    paths = openapi.spec / "paths"
    assert len(list(paths.keys())) == 11
    for template in paths.keys():
        resource = template.removeprefix("/api/v1/").split("/")[0]
        url = template.format(**params, slug=slugs.get(resource, ""))

        response = get(url)

        assert response.status_code == 200, url


def test_seasons_list_newest_first_with_their_classifications(get, championship):
    make_season(year=2019)

    answer = get("/api/v1/seasons/").json()

    assert [s["year"] for s in answer["results"]] == [2023, 2019]
    latest = answer["results"][0]
    assert [c["slug"] for c in latest["classifications"]] == ["drivers", "juniors"]
    assert latest["classifications"][1]["standings_url"].endswith(
        f"/api/v1/seasons/{latest['slug']}/standings/juniors/"
    )
    assert latest["page"].endswith(f"/seasons/{latest['slug']}/standings/")


def test_a_season_is_found_by_slug_or_by_its_year_when_alone_that_year(
    get, championship
):
    season = championship["season"]

    by_slug = get(f"/api/v1/seasons/{season.slug}/").json()
    by_year = get("/api/v1/seasons/2023/").json()

    assert by_slug == by_year
    assert [e["round"] for e in by_year["events"]] == [1, 2, 3]
    make_season(year=2023)
    response = get("/api/v1/seasons/2023/")
    assert response.status_code == 404
    assert "Several seasons in 2023" in response.json()["detail"]


def test_events_filter_by_season_and_say_so_when_it_is_unknown(get, championship):
    make_season(year=2019)

    assert get("/api/v1/events/?season=2023").json()["count"] == 3
    assert get("/api/v1/events/?season=2019").json()["count"] == 0
    response = get("/api/v1/events/?season=1950")
    assert response.status_code == 400
    assert "No season “1950”" in response.json()["detail"]


def test_event_gives_session_times_in_the_circuits_time_zone(get, championship):
    event = championship["season"].events.get(round_number=1)

    answer = get(f"/api/v1/events/{event.slug}/").json()

    assert answer["timezone"] == "Europe/Lisbon"
    assert [s["name"] for s in answer["sessions"]] == [
        "Qualifying",
        "Race 1",
        "Race 2",
    ]
    # 09:00 UTC is 10:00 in Lisbon in summer (WEST, +01:00).
    assert answer["sessions"][0]["starts_at"] == "2023-04-08T10:00:00+01:00"
    starts = dt.datetime.fromisoformat(answer["sessions"][0]["starts_at"])
    assert starts == dt.datetime(2023, 4, 8, 9, tzinfo=dt.UTC)
    assert answer["sessions"][1]["results_url"].endswith(
        f"/api/v1/sessions/{answer['sessions'][1]['id']}/results/"
    )


def test_unknown_event_is_a_404_with_a_message(get, db):
    response = get("/api/v1/events/nowhere/")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No event “nowhere” (events are at /api/v1/events/)."
    }


def test_session_results_give_the_whole_field_in_running_order(get, championship):
    session = Session.objects.get(event__round_number=2, name="Race 1")

    answer = get(f"/api/v1/sessions/{session.pk}/results/").json()

    results = answer["results"]
    assert answer["team_drivers_only"] is False
    assert [r["placing"] for r in results] == ["1", "2", "3", "4", "5", "DNF"]
    winner, second, dnf = results[0], results[1], results[-1]
    assert winner["status"] == "cla"
    assert winner["gap"] is None
    assert second["gap"] == "+2.500"
    assert second["fastest_lap"] is True
    assert second["best_lap"] == "1:40.286"
    assert second["best_lap_ms"] == 100286
    assert dnf["position"] is None
    assert (dnf["status"], dnf["status_label"]) == ("dnf", "Did not finish")
    assert dnf["points"] == 0
    assert winner["points"] == 25
    assert winner["number"] is not None
    assert winner["team"]["name"] in ("Target", "Cyan")
    assert winner["car"].startswith("Hyundai Elantra")
    juniors = [r for r in results if r["class_positions"]]
    assert [r["class_positions"][0]["classification"] for r in juniors] == [
        "juniors",
        "juniors",
    ]
    assert [r["class_positions"][0]["position"] for r in juniors] == [1, 2]
    rival = next(r for r in results if not r["driver"]["is_own"])
    assert rival["driver"]["url"] is None
    own = next(r for r in results if r["driver"]["is_own"])
    assert own["driver"]["url"].endswith(f"/api/v1/drivers/{own['driver']['slug']}/")


def test_session_results_show_a_disqualification(get, championship):
    session = Session.objects.get(event__round_number=3, name="Race 2")

    results = get(f"/api/v1/sessions/{session.pk}/results/").json()["results"]

    assert results[-1]["placing"] == "DSQ"
    assert results[-1]["status"] == Result.Status.DISQUALIFIED


def test_unknown_session_and_a_session_id_that_is_no_number(get, db):
    assert get("/api/v1/sessions/999/results/").status_code == 404
    response = get("/api/v1/sessions/race-1/results/")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "session_id"]


def test_drivers_are_the_team_drivers_with_their_entries(get, championship):
    answer = get("/api/v1/drivers/").json()

    assert [d["name"] for d in answer["results"]] == ["Jessica Bäckman"]
    jessica = answer["results"][0]
    assert jessica["entries"][0]["season"]["year"] == 2023
    assert jessica["entries"][0]["team"]["name"] == "Target"
    assert jessica["page"].endswith(f"/drivers/{jessica['slug']}/")


def test_driver_detail_gives_bio_and_career_and_rivals_have_none(get, championship):
    jessica, rival = championship["drivers"][0], championship["drivers"][1]

    answer = get(f"/api/v1/drivers/{jessica.slug}/").json()

    assert answer["career"]["starts"] == 6
    assert answer["career"]["points"] > 0
    assert get(f"/api/v1/drivers/{rival.slug}/").status_code == 404


def test_index_points_to_each_list_and_the_description(get, db):
    answer = get("/api/v1/").json()

    assert answer["seasons"].endswith("/api/v1/seasons/")
    assert answer["openapi"].endswith("/api/v1/openapi.json")
    assert answer["docs"].endswith("/api/v1/docs/")
    assert reverse("api:index") == "/api/v1/"
