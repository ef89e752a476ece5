"""The session page as the press officer uses it on a race Sunday: quotes typed
beside the results, times in track time, lap times as timing sheets write them."""

import datetime as dt

import pytest
from django.urls import reverse

from racing.models import Quote
from tests.admin.conftest import errors_of, fill_rows, form_data
from tests.factories import make_circuit, make_driver, make_event, make_result
from tests.factories import make_session as _make_session

pytestmark = pytest.mark.django_db


def make_session(**overrides):
    return _make_session(**overrides)


def change_url(session):
    return reverse("admin:racing_session_change", args=[session.pk])


def post_page(client, session, *, quotes=(), results=(), **fields):
    data = form_data(client.get(change_url(session)))
    data.update(fields)
    fill_rows(data, "results", list(results))
    fill_rows(data, "quotes", list(quotes))
    return client.post(change_url(session), data)


def test_a_quote_typed_on_the_session_page_is_saved_with_the_event(press_client):
    race = make_session()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman")

    response = post_page(
        press_client,
        race,
        quotes=[
            {
                "driver": jessica.pk,
                "text": "The car was mega in the wet.",
                "language": "en",
                "order": 1,
            }
        ],
    )

    assert response.status_code == 302, errors_of(response)
    quote = Quote.objects.get()
    assert (quote.event, quote.session, quote.driver) == (race.event, race, jessica)


def test_a_quote_without_a_speaker_keeps_the_typed_text_on_the_page(press_client):
    race = make_session()

    response = post_page(
        press_client,
        race,
        quotes=[{"text": "Words nobody said.", "language": "en", "order": 1}],
    )

    assert response.status_code == 200
    assert "Pick either a driver or a team member as speaker." in errors_of(response)
    assert "Words nobody said." in response.content.decode()
    assert not Quote.objects.exists()


def lisbon_session(**overrides):
    estoril = make_circuit(name="Circuito Estoril", timezone="Europe/Lisbon")
    event = make_event(circuit=estoril, start_date=dt.date(2021, 10, 8))
    return make_session(event=event, **overrides)


def test_the_session_time_is_entered_in_track_time(press_client):
    race = lisbon_session()

    response = post_page(
        press_client, race, starts_at_0="2021-10-10", starts_at_1="13:00:00"
    )

    assert response.status_code == 302, errors_of(response)
    race.refresh_from_db()
    assert race.starts_at == dt.datetime(2021, 10, 10, 12, 0, tzinfo=dt.UTC)


def test_the_session_time_is_shown_in_track_time_with_the_zone(press_client):
    race = lisbon_session(starts_at=dt.datetime(2021, 10, 10, 12, 0, tzinfo=dt.UTC))

    response = press_client.get(change_url(race))

    form = response.context["adminform"].form
    assert form["starts_at"].value() == dt.datetime(2021, 10, 10, 13, 0)
    assert "Europe/Lisbon" in response.content.decode()


def test_sessions_on_the_event_page_are_entered_in_track_time(press_client):
    race = lisbon_session()
    url = reverse("admin:racing_event_change", args=[race.event.pk])
    data = form_data(press_client.get(url))
    data["sessions-0-starts_at_0"] = "2021-10-09"
    data["sessions-0-starts_at_1"] = "10:30"

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    race.refresh_from_db()
    assert race.starts_at == dt.datetime(2021, 10, 9, 9, 30, tzinfo=dt.UTC)


def test_a_session_set_to_pay_no_points_stays_so(press_client):
    race = make_session()
    winner = make_result(session=race, position=1)
    assert winner.points == 25

    response = post_page(press_client, race, pays_points="")

    assert response.status_code == 302, errors_of(response)
    race.refresh_from_db()
    winner.refresh_from_db()
    assert not race.pays_points
    assert winner.points == 0
    response = press_client.get(change_url(race))
    assert response.context["adminform"].form["pays_points"].value() is False


def test_best_laps_read_as_on_a_timing_sheet_in_the_grid(press_client):
    race = make_session()
    make_result(session=race, position=1, best_lap=dt.timedelta(seconds=71.2))

    response = press_client.get(change_url(race))

    html = response.content.decode()
    assert 'value="1:11.200"' in html
    assert "00:01:11.200000" not in html


def test_a_lap_time_typed_as_on_a_sheet_is_saved(press_client):
    race = make_session()

    response = post_page(
        press_client,
        race,
        results=[
            {
                "driver": make_driver().pk,
                "status": "cla",
                "position": 1,
                "best_lap": "8:52.123",
            }
        ],
    )

    assert response.status_code == 302, errors_of(response)
    assert race.results.get().best_lap == dt.timedelta(minutes=8, seconds=52.123)


def test_a_lap_time_that_is_not_one_is_refused_in_words(press_client):
    race = make_session()

    response = post_page(
        press_client,
        race,
        results=[
            {
                "driver": make_driver().pk,
                "status": "cla",
                "position": 1,
                "best_lap": "fast",
            }
        ],
    )

    assert response.status_code == 200
    assert any("is not a lap time" in e for e in errors_of(response)), errors_of(
        response
    )


def test_saving_a_points_override_returns_to_the_session(press_client):
    race = make_session()
    result = make_result(session=race, position=1)
    url = reverse("admin:racing_result_change", args=[result.pk])
    data = form_data(press_client.get(url))
    data.update(points_override=20, override_reason="Jump start")

    response = press_client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    assert response.url == change_url(race)


def test_the_admins_stockholm_time_note_is_kept_off_the_track_time(press_client):
    race = lisbon_session()

    html = press_client.get(change_url(race)).content.decode()

    field = html[
        html.index('id="id_starts_at_0"') - 600 : html.index(
            "</p>", html.index('id="id_starts_at_1"')
        )
    ]
    assert '<span class="timezonewarning" hidden></span>' in field
