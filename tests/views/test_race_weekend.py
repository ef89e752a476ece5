"""Race-weekend mode: from a week before an event to its end, home leads with it."""

import datetime as dt

import pytest
from django.utils import timezone

from racing.models import Result
from racing.services.weekend import race_weekend
from tests.factories import make_driver, make_event, make_result, make_session

pytestmark = pytest.mark.django_db


def weekend_in(days, **event_fields):
    start = timezone.localdate() + dt.timedelta(days=days)
    event = make_event(
        name=event_fields.pop("name", "Race of Portugal"),
        start_date=start,
        live_timing_url="https://timing.example.com/live",
        stream_url="https://stream.example.com/wtcr",
        **event_fields,
    )
    first_race = timezone.make_aware(dt.datetime.combine(start, dt.time(13, 0)))
    race = make_session(event=event, name="Race 1", starts_at=first_race)
    return event, race


def test_a_weekend_more_than_a_week_away_is_not_a_race_weekend():
    event, _ = weekend_in(8)

    assert race_weekend(event) is None


def test_a_week_before_the_weekend_it_counts_down_to_the_first_session():
    event, race = weekend_in(7)
    make_session(
        event=event, name="Race 2", starts_at=race.starts_at + dt.timedelta(hours=3)
    )

    weekend = race_weekend(event)

    assert weekend.next_session == race
    assert not weekend.is_on
    assert weekend.results == []


def test_our_results_fill_in_as_they_are_entered():
    event, race = weekend_in(0)
    ours = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    make_result(session=race, driver=ours, position=6)
    make_result(session=race, position=1)  # a rival: not in our summary

    weekend = race_weekend(event, now=race.starts_at + dt.timedelta(hours=1))

    assert weekend.is_on
    assert weekend.next_session is None  # every session has started
    [(session, results)] = weekend.results
    assert session == race and [r.driver for r in results] == [ours]


def test_home_leads_with_the_weekend_its_timetable_and_live_links(client):
    event, race = weekend_in(3)

    html = client.get("/").content.decode()

    assert "Next race weekend" in html
    hero = html[html.index('class="hero') : html.index("</section>")]
    assert "Race of Portugal" in hero
    assert f'data-countdown="{race.starts_at.astimezone(dt.UTC):%Y-%m-%dT%H:%M}' in hero
    assert 'href="https://timing.example.com/live"' in hero
    assert 'href="https://stream.example.com/wtcr"' in hero
    assert "Timetable" in html and "Results appear here as each session ends." in html


def test_during_the_weekend_home_shows_our_results_so_far(client):
    event, race = weekend_in(0)
    make_result(
        session=race,
        driver=make_driver(first_name="Andreas", last_name="Bäckman", is_own=True),
        status=Result.Status.DID_NOT_FINISH,
    )

    html = client.get("/").content.decode()

    assert "Race weekend now" in html
    results = html[html.index('id="weekend-results"') :]
    assert "Race 1" in results and "Andreas" in results and "DNF" in results


def test_outside_a_weekend_home_leads_with_the_latest_report(client, demo):
    html = client.get("/").content.decode()

    hero = html[html.index('class="hero') : html.index("</section>")]
    assert "Latest report" in hero and demo["report"].title in hero
    assert "Next race weekend" not in html


def test_the_event_page_links_live_timing_until_the_weekend_is_over(client):
    event, _ = weekend_in(2)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'href="https://timing.example.com/live"' in html

    past, _ = weekend_in(-10)
    html = client.get(past.get_absolute_url()).content.decode()
    assert "timing.example.com" not in html


def test_a_finished_season_calendar_leads_with_its_results(client):
    past, _ = weekend_in(-30)

    html = client.get("/calendar/").content.decode()

    assert "Results of every round" in html and past.name in html
    assert "Upcoming" not in html


def test_a_season_under_way_shows_what_is_coming_first(client):
    past, _ = weekend_in(-30)
    coming, _ = weekend_in(20, season=past.season, name="Race of Spain")

    html = client.get("/calendar/").content.decode()

    assert html.index("Upcoming") < html.index(coming.name)
    assert (
        html.index(coming.name) < html.index("Results so far") < html.index(past.name)
    )
