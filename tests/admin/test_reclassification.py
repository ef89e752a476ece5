"""After the race: the stewards disqualify, exclude or penalise, and the press
officer reclassifies in one save, from the grid or with the Reclassify action."""

import datetime as dt

import pytest
from django.urls import reverse

from racing.models import Session
from tests.admin.conftest import errors_of, form_data
from tests.factories import make_driver, make_result, make_session

pytestmark = pytest.mark.django_db


def change_url(session):
    return reverse("admin:racing_session_change", args=[session.pk])


@pytest.fixture
def race():
    """Thirteen classified finishers, 1 second apart, on a 25-20-16… scale."""
    session = make_session(name="Race 1")
    for position in range(1, 14):
        make_result(
            session=session,
            driver=make_driver(last_name=f"Driver{position:02d}"),
            position=position,
            gap="" if position == 1 else f"+{position - 1}.000",
        )
    return session


def grid_rows(data):
    """{driver last name: row index} of the results grid as shown."""
    rows = {}
    for index in range(int(data["results-TOTAL_FORMS"])):
        pk = data.get(f"results-{index}-id")
        if pk:
            rows[index] = int(pk)
    return rows


def order(session):
    return [
        (r.driver.last_name, r.placing, int(r.points))
        for r in session.results.select_related("driver").in_running_order()
    ]


def test_disqualifying_p2_and_moving_eleven_cars_up_is_one_save(press_client, race):
    data = form_data(press_client.get(change_url(race)))
    by_position = {
        int(data[f"results-{i}-position"]): i
        for i in grid_rows(data)
        if data.get(f"results-{i}-position")
    }
    second = by_position[2]
    data[f"results-{second}-status"] = "dsq"
    data[f"results-{second}-position"] = ""
    for position in range(3, 14):
        data[f"results-{by_position[position]}-position"] = position - 1

    response = press_client.post(change_url(race), data)

    assert response.status_code == 302, errors_of(response)
    standings = order(race)
    assert standings[0] == ("Driver01", "1", 25)
    assert standings[1] == ("Driver03", "2", 20)
    assert standings[11] == ("Driver13", "12", 4)
    assert standings[12] == ("Driver02", "DSQ", 0)


def test_swapping_two_positions_is_one_save(press_client, race):
    data = form_data(press_client.get(change_url(race)))
    rows = {int(data[f"results-{i}-position"]): i for i in grid_rows(data)}
    data[f"results-{rows[4]}-position"] = 5
    data[f"results-{rows[5]}-position"] = 4

    response = press_client.post(change_url(race), data)

    assert response.status_code == 302, errors_of(response)
    assert order(race)[3:5] == [("Driver05", "4", 13), ("Driver04", "5", 11)]


def test_a_grid_that_ends_with_two_cars_in_one_place_is_refused(press_client, race):
    data = form_data(press_client.get(change_url(race)))
    rows = {int(data[f"results-{i}-position"]): i for i in grid_rows(data)}
    data[f"results-{rows[4]}-position"] = 5

    response = press_client.post(change_url(race), data)

    assert response.status_code == 200
    assert "Another driver already has this position." in errors_of(response)
    assert order(race)[3] == ("Driver04", "4", 13)


def test_a_withdrawn_entrant_has_no_position_and_shows_wd(press_client, client, race):
    withdrawn = make_driver(first_name="Late", last_name="Withdrawal")
    data = form_data(press_client.get(change_url(race)))
    index = int(data["results-TOTAL_FORMS"])
    data.update(
        {
            f"results-{index}-driver": withdrawn.pk,
            f"results-{index}-status": "wd",
            "results-TOTAL_FORMS": index + 1,
        }
    )

    response = press_client.post(change_url(race), data)

    assert response.status_code == 302, errors_of(response)
    result = race.results.get(driver=withdrawn)
    assert (result.position, result.points) == (None, 0)
    html = client.get(race.event.get_absolute_url()).content.decode()
    assert 'title="Withdrawn">WD</abbr>' in html


# -- the Reclassify action: pick, preview, confirm ----------------------------


def reclassify_url(session):
    return reverse("admin:racing_session_reclassify", args=[session.pk])


def seen(client, session):
    """The results token of the Reclassify page as the editor opened it."""
    return client.get(reclassify_url(session)).context["form"].initial["results_seen"]


def result_of(session, last_name):
    return session.results.get(driver__last_name=last_name)


def test_the_session_page_links_to_reclassify(press_client, race):
    html = press_client.get(change_url(race)).content.decode()

    assert reclassify_url(race) in html


def test_a_disqualification_is_previewed_and_changes_nothing_yet(press_client, race):
    second = result_of(race, "Driver02")

    response = press_client.post(
        reclassify_url(race),
        {"result": second.pk, "penalty": "dsq", "reason": "Stewards' decision 12"},
    )

    assert response.status_code == 200
    plan = response.context["plan"]
    after = [(line.after.driver.last_name, line.after.placing) for line in plan.lines]
    assert after[:3] == [("Driver01", "1"), ("Driver03", "2"), ("Driver04", "3")]
    assert after[-1] == ("Driver02", "DSQ")
    moved = {line.after.driver.last_name: line.points_after for line in plan.lines}
    assert (moved["Driver03"], moved["Driver02"]) == (20, 0)
    assert order(race)[1] == ("Driver02", "2", 20)


def test_confirming_a_disqualification_saves_the_new_order_at_once(press_client, race):
    Session.objects.filter(pk=race.pk).update(results_status="final")
    second = result_of(race, "Driver02")

    response = press_client.post(
        reclassify_url(race),
        {
            "result": second.pk,
            "penalty": "dsq",
            "reason": "Stewards' decision 12: underweight",
            "confirm": "1",
            "results_seen": seen(press_client, race),
        },
    )

    assert response.status_code == 302
    assert response.url == change_url(race)
    standings = order(race)
    assert standings[1] == ("Driver03", "2", 20)
    assert standings[-1] == ("Driver02", "DSQ", 0)
    race.refresh_from_db()
    assert race.results_status == "amended"
    assert race.results_amended_at is not None


def test_the_history_says_who_changed_what_and_why(press_client, race, press_officer):
    second = result_of(race, "Driver02")
    press_client.post(
        reclassify_url(race),
        {
            "result": second.pk,
            "penalty": "exc",
            "reason": "Excluded: technical infringement",
            "confirm": "1",
            "results_seen": seen(press_client, race),
        },
    )

    response = press_client.get(
        reverse("admin:racing_session_results_history", args=[race.pk])
    )

    changes = response.context["changes"]
    of_p2 = [c for c in changes if c.subject.endswith("Driver02")]
    excluded = next(c for c in of_p2 if any(f[0] == "status" for f in c.fields))
    assert excluded.user == press_officer.username
    assert excluded.reason == "Excluded: technical infringement"
    assert ("status", "Classified", "Excluded") in excluded.fields
    assert any(("points", "20", "0") in c.fields for c in of_p2)
    promoted = [c for c in changes if c.subject.endswith("Driver03") and c.fields]
    assert any(("position", "3", "2") in c.fields for c in promoted)
    assert "Excluded: technical infringement" in response.content.decode()


def test_a_time_penalty_drops_the_winner_behind_the_cars_within_it(press_client, race):
    winner = result_of(race, "Driver01")

    response = press_client.post(
        reclassify_url(race),
        {
            "result": winner.pk,
            "penalty": "time",
            "seconds": "2.5",
            "reason": "Track limits",
            "confirm": "1",
            "results_seen": seen(press_client, race),
        },
    )

    assert response.status_code == 302
    standings = order(race)
    assert standings[:3] == [
        ("Driver02", "1", 25),
        ("Driver03", "2", 20),
        ("Driver01", "3", 16),
    ]
    winner.refresh_from_db()
    assert winner.gap == "+1.500"
    assert winner.time_penalty == dt.timedelta(seconds=2.5)
    assert result_of(race, "Driver04").gap == "+2.000"


def test_a_time_penalty_needs_seconds(press_client, race):
    response = press_client.post(
        reclassify_url(race),
        {"result": result_of(race, "Driver01").pk, "penalty": "time", "reason": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["seconds"] == [
        "Give the penalty in seconds, e.g. 5."
    ]


def test_a_time_penalty_for_a_lapped_car_is_refused_in_words(press_client, race):
    lapped = result_of(race, "Driver13")
    lapped.gap = "+1 lap"
    lapped.save()

    response = press_client.post(
        reclassify_url(race),
        {"result": lapped.pk, "penalty": "time", "seconds": "5", "reason": "x"},
    )

    assert response.status_code == 200
    assert "is not a time" in str(response.context["form"].non_field_errors())
    assert order(race)[12] == ("Driver13", "13", 3)


def test_results_made_final_need_a_reason_to_change_in_the_grid(press_client, race):
    Session.objects.filter(pk=race.pk).update(results_status="final")
    data = form_data(press_client.get(change_url(race)))
    rows = {int(data[f"results-{i}-position"]): i for i in grid_rows(data)}
    data[f"results-{rows[4]}-position"] = 5
    data[f"results-{rows[5]}-position"] = 4

    refused = press_client.post(change_url(race), data)
    data["change_reason"] = "Stewards' decision 3"
    saved = press_client.post(change_url(race), data)

    assert refused.status_code == 200
    assert any("give the reason" in e for e in errors_of(refused)), errors_of(refused)
    assert saved.status_code == 302, errors_of(saved)
    race.refresh_from_db()
    assert race.results_status == "amended"
    history = race.results.get(driver__last_name="Driver05").history.first()
    assert history.history_change_reason == "Stewards' decision 3"


def test_the_reclassify_page_is_titled_with_the_session(press_client, race):
    response = press_client.get(reclassify_url(race))

    assert response.context["title"] == f"Reclassify: {race}"


def test_a_preview_of_results_changed_since_is_not_saved(press_client, race):
    second = result_of(race, "Driver02")
    form = press_client.get(reclassify_url(race)).context["form"]
    seen = form.initial["results_seen"]
    # Meanwhile another editor gives the winner a penalty.
    winner = result_of(race, "Driver01")
    winner.points_override, winner.override_reason = 0, "Excluded"
    winner.save()

    response = press_client.post(
        reclassify_url(race),
        {
            "result": second.pk,
            "penalty": "dsq",
            "reason": "x",
            "results_seen": seen,
            "confirm": "1",
        },
    )

    assert response.status_code == 200
    assert "changed since you opened" in str(response.context["form"].errors)
    assert result_of(race, "Driver02").status == "cla"
