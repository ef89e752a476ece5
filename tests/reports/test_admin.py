import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from racing.models import RaceReport, ReportQuote
from tests.factories import make_driver, make_event, make_quote, make_session

from .conftest import make_report

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:racing_racereport_changelist")
ADD = reverse("admin:racing_racereport_add")


def _form(event, **overrides):
    data = {
        "title": "Sunday at the Green Hell",
        "slug": "sunday-at-the-green-hell",
        "event": event.pk,
        "lead": "A lead.",
        "body": "Words.\n\n[[quote 1]]",
        "status": "scheduled",
        "publish_at_0": "2031-06-06",
        "publish_at_1": "20:15:00",
        "language": "en",
        "show_results": "on",
        "report_quotes-TOTAL_FORMS": "0",
        "report_quotes-INITIAL_FORMS": "0",
        "report_quotes-MIN_NUM_FORMS": "0",
        "report_quotes-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_changelist_smoke(press_client, visibility_cases):
    response = press_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Embargoed until later" in html and "Scheduled:" in html
    assert reverse("racing:report-preview", args=[visibility_cases["draft"].pk]) in html


def test_press_officer_schedules_a_report_with_a_quote(press_client, press_officer):
    event = make_event()
    quote = make_quote(event=event, text="Proud of the team.")

    response = press_client.post(
        ADD,
        _form(
            event,
            **{
                "report_quotes-TOTAL_FORMS": "1",
                "report_quotes-0-order": "1",
                "report_quotes-0-quote": quote.pk,
            },
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    report = RaceReport.objects.get(slug="sunday-at-the-green-hell")
    # Typed in the site's time zone (Stockholm, UTC+2 in June).
    assert report.publish_at == dt.datetime(2031, 6, 6, 18, 15, tzinfo=dt.UTC)
    assert report.author == press_officer
    assert list(report.quotes.all()) == [quote]
    assert not report.is_public


def test_scheduled_without_time_is_refused(press_client):
    event = make_event()

    response = press_client.post(ADD, _form(event, publish_at_0="", publish_at_1=""))

    assert response.status_code == 200
    assert "Give the date and time the report goes public." in response.content.decode()
    assert not RaceReport.objects.exists()


def test_sessions_of_another_event_are_refused(press_client):
    event = make_event()
    stray = make_session(name="Race 9")

    response = press_client.post(ADD, _form(event, sessions=[stray.pk]))

    assert "not part of the report&#x27;s event: Race 9" in response.content.decode()
    assert not RaceReport.objects.exists()


def test_quote_of_another_event_is_refused(press_client):
    event = make_event()
    other = make_quote(event=make_event())

    response = press_client.post(
        ADD,
        _form(
            event,
            **{
                "report_quotes-TOTAL_FORMS": "1",
                "report_quotes-0-order": "1",
                "report_quotes-0-quote": other.pk,
            },
        ),
    )

    assert "Pick a quote from the report&#x27;s event." in response.content.decode()
    assert not RaceReport.objects.exists() and not ReportQuote.objects.exists()


def test_translation_in_the_same_language_is_refused(press_client):
    original = make_report(language="en")

    response = press_client.post(
        ADD, _form(original.event, translation_of=original.pk, language="en")
    )

    assert "another language than its original" in response.content.decode()
    assert RaceReport.objects.count() == 1


def test_publish_now_and_withdraw_actions(press_client, client, visibility_cases):
    draft, live = visibility_cases["draft"], visibility_cases["published"]

    press_client.post(
        CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    press_client.post(CHANGELIST, {"action": "withdraw", "_selected_action": [live.pk]})

    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == "published" and draft.publish_at <= timezone.now()
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert live.status == "withdrawn"
    assert client.get(live.get_absolute_url()).status_code == 404


def test_view_on_site_only_for_public_reports(press_client, visibility_cases):
    draft, live = visibility_cases["draft"], visibility_cases["published"]

    draft_page = press_client.get(
        reverse("admin:racing_racereport_change", args=[draft.pk])
    ).content.decode()
    live_page = press_client.get(
        reverse("admin:racing_racereport_change", args=[live.pk])
    ).content.decode()

    assert "View on site" not in draft_page
    assert reverse("racing:report-preview", args=[draft.pk]) in draft_page
    assert "View on site" in live_page


def test_autocomplete_finds_reports_for_translation_of(press_client):
    make_report(title="Krasch på Nordslingan", language="sv")
    url = reverse("admin:autocomplete")

    response = press_client.get(
        url,
        {
            "term": "Krasch",
            "app_label": "racing",
            "model_name": "racereport",
            "field_name": "translation_of",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Krasch på Nordslingan"]


def test_drivers_autocomplete_is_wired(press_client):
    make_driver(first_name="Jessica", last_name="Bäckman")
    response = press_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Bäck",
            "app_label": "racing",
            "model_name": "racereport",
            "field_name": "drivers",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Jessica Bäckman"]
