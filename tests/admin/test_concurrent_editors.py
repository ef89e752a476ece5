"""Two editors on a race Sunday: saves at the same moment never end in a
server error, and a save over results changed since the page was opened is
refused with a message instead of silently overwriting them."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from racing.models import Session
from tests.admin.conftest import errors_of, fill_rows, form_data
from tests.factories import make_driver, make_event, make_result, make_session


def change_url(session):
    return reverse("admin:racing_session_change", args=[session.pk])


def editor(user):
    client = Client()
    client.force_login(user)
    return client


def at_once(*jobs):
    """Run the jobs in threads released together; their responses in order."""
    barrier = threading.Barrier(len(jobs))
    responses = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            responses[index] = job()
        finally:
            connection.close()  # each thread has its own; let the test DB go

    threads = [
        threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def add_row(client, session, driver, position):
    data = form_data(client.get(change_url(session)))
    fill_rows(
        data,
        "results",
        [{"driver": driver.pk, "status": "cla", "position": position}],
    )
    return lambda: client.post(change_url(session), data)


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_two_sessions_at_once_both_succeed(press_officer):
    event = make_event()
    race1 = make_session(event=event, name="Race 1")
    race2 = make_session(event=event, name="Race 2")
    first, second = editor(press_officer), editor(press_officer)

    for round_ in range(5):
        responses = at_once(
            add_row(first, race1, make_driver(), round_ + 1),
            add_row(second, race2, make_driver(), round_ + 1),
        )
        assert [r.status_code for r in responses] == [302, 302], [
            errors_of(r) for r in responses if r.status_code == 200
        ]

    assert race1.results.count() == race2.results.count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_editors_adding_the_same_driver_get_a_message_not_an_error(
    press_officer,
):
    race = make_session()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman")
    first, second = editor(press_officer), editor(press_officer)

    responses = at_once(
        add_row(first, race, jessica, 14), add_row(second, race, jessica, 14)
    )

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert any("changed since you opened" in e for e in errors_of(refused)), errors_of(
        refused
    )
    assert race.results.get().driver == jessica


@pytest.mark.django_db
def test_a_save_over_results_changed_since_the_page_was_opened_is_refused(
    press_client,
):
    race = make_session()
    winner = make_result(session=race, driver=make_driver(), position=1)
    data = form_data(press_client.get(change_url(race)))
    # Meanwhile another editor disqualifies the winner.
    winner.status, winner.position = "dsq", None
    winner.save()
    data["results-0-laps"] = 12

    response = press_client.post(change_url(race), data)

    assert response.status_code == 200
    assert any("changed since you opened" in e for e in errors_of(response))
    winner.refresh_from_db()
    assert (winner.status, winner.laps) == ("dsq", None)


@pytest.mark.django_db
def test_saving_again_after_reloading_works(press_client):
    race = make_session()
    make_result(session=race, driver=make_driver(), position=1)
    stale = form_data(press_client.get(change_url(race)))
    make_result(session=race, driver=make_driver(), position=2)
    press_client.post(change_url(race), stale)

    fresh = form_data(press_client.get(change_url(race)))
    fresh["weather"] = "Dry, 24 °C"
    response = press_client.post(change_url(race), fresh)

    assert response.status_code == 302, errors_of(response)
    assert Session.objects.get(pk=race.pk).weather == "Dry, 24 °C"
