"""[[quote N]] markers as the press officer types them in the admin's textarea."""

import pytest
from django.urls import reverse

from racing.models import RaceReport
from tests.factories import make_event, make_quote

from .conftest import make_report

pytestmark = pytest.mark.django_db

BODY = "Intro.\r\n\r\n[[quote 1]]\r\n\r\nMiddle.\r\n\r\n[[quote 2]]\r\n\r\nEnd."


def report_with_quotes(body, **overrides):
    event = make_event()
    report = make_report(event=event, body=body, **overrides)
    for order, text in enumerate(["First words.", "Second words."], start=1):
        report.report_quotes.create(
            quote=make_quote(event=event, text=text), order=order
        )
    return report


def test_saving_a_report_stores_the_body_with_plain_newlines():
    report = report_with_quotes(BODY)

    report.refresh_from_db()
    assert "\r" not in report.body
    assert report.body.startswith("Intro.\n\n[[quote 1]]\n")


def test_the_public_page_places_each_quote_at_its_marker(client):
    report = report_with_quotes(BODY)
    # Stored before line endings were normalised on save.
    RaceReport.objects.filter(pk=report.pk).update(body=BODY)

    html = client.get(report.get_absolute_url()).content.decode()

    assert "[[quote" not in html
    assert html.index("First words.") < html.index("Middle.")
    assert html.index("Second words.") < html.index("End.")


def preview(client, report):
    url = reverse("racing:report-preview", args=[report.pk])
    return client.get(url).context["preview_warnings"]


def test_the_preview_flags_a_marker_with_no_quote(press_client):
    report = report_with_quotes("Intro.\r\n\r\n[[quote 3]]\r\n")

    warnings = preview(press_client, report)

    assert "[[quote 3]] has no embedded quote 3, so it shows nothing." in warnings


def test_the_preview_flags_a_marker_that_is_not_on_its_own_line(press_client):
    report = report_with_quotes("As she said [[quote 1]] after the race.")

    warnings = preview(press_client, report)

    assert any(
        "[[quote 1]] is not on a line of its own" in warning for warning in warnings
    ), warnings


def test_the_preview_flags_quotes_that_no_marker_places(press_client):
    report = report_with_quotes("Intro.\n\n[[quote 1]]\n")

    warnings = preview(press_client, report)

    assert any("Quote 2 has no marker" in warning for warning in warnings), warnings


def test_published_with_no_time_goes_public_now(press_client):
    event = make_event()
    data = {
        "title": "Sunday at the Green Hell",
        "slug": "sunday-at-the-green-hell",
        "event": event.pk,
        "lead": "A lead.",
        "body": "Words.",
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "language": "en",
        "show_results": "on",
        "report_quotes-TOTAL_FORMS": "0",
        "report_quotes-INITIAL_FORMS": "0",
        "report_quotes-MIN_NUM_FORMS": "0",
        "report_quotes-MAX_NUM_FORMS": "1000",
    }

    response = press_client.post(reverse("admin:racing_racereport_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    report = RaceReport.objects.get()
    assert report.is_public
