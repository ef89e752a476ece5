"""Session times at a circuit outside Central European time: the track's own
clock and Stockholm's, on every page that prints them."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import make_circuit, make_event, make_season, make_session

pytestmark = pytest.mark.django_db

UTC_NOON = dt.datetime(2031, 10, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def estoril_race(db):
    season = make_season(year=2031)
    estoril = make_circuit(name="Circuito Estoril", timezone="Europe/Lisbon")
    start = dt.date(2031, 10, 8)
    event = make_event(season=season, circuit=estoril, start_date=start)
    return make_session(event=event, name="Race 1", starts_at=UTC_NOON)


def test_the_event_page_shows_lisbon_time_as_track_time(client, estoril_race):
    response = client.get(estoril_race.event.get_absolute_url())

    html = response.content.decode()
    assert "Friday 10 October, 13:00</time> track time" in html
    assert "14:00</time> track time" not in html


def test_the_calendar_shows_track_time_and_stockholm_time(client, estoril_race):
    response = client.get(
        estoril_race.event.season.get_absolute_url().replace("standings", "calendar")
    )

    html = response.content.decode()
    row = html[html.index('<th scope="row">Race 1</th>') :]
    row = row[: row.index("</tr>")]
    assert "Fri 10 Oct, 13:00" in row
    assert "Fri 14:00" in row


def test_the_home_page_shows_the_next_round_in_track_time(client, estoril_race):
    with timezone.override("Europe/Stockholm"):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
    event = estoril_race.event
    event.start_date, event.end_date = tomorrow, tomorrow + dt.timedelta(days=2)
    event.save()

    response = client.get("/")

    html = response.content.decode()
    assert "10 Oct, 13:00" in html
    assert "Fri 14:00" in html
