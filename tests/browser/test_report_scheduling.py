"""The press officer schedules a report in the admin; it goes public at its time."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from racing.models import RaceReport
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)

LEAD_SECONDS = 3


def test_scheduled_report_appears_on_the_list_at_its_time(
    live_server, desktop, press_officer
):
    event = make_event(name="Race of the Green Hell")
    page = desktop
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "press")
    page.fill("#id_password", "pit-lane-42")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/racing/racereport/add/")

    # Whole seconds in the site's time zone, typed as the press officer would.
    go_live = timezone.localtime() + dt.timedelta(seconds=LEAD_SECONDS + 1)
    go_live = go_live.replace(microsecond=0)
    page.fill("#id_title", "Embargoed Sunday report")
    # The slug fills itself in from the title, as in the admin by hand.
    _pick_autocomplete(page, "event", "Green Hell")
    page.fill("#id_lead", "The lead.")
    page.fill("#id_body", "## Heading\n\nThe body.")
    page.select_option("#id_status", "scheduled")
    page.fill("#id_publish_at_0", go_live.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", go_live.strftime("%H:%M:%S"))
    invalid = page.evaluate(
        "[...document.querySelectorAll('#racereport_form :invalid')].map(e => e.name)"
    )
    assert invalid == [], invalid
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], errors
    assert page.locator(".messagelist .success").count() == 1

    report = RaceReport.objects.get(slug="embargoed-sunday-report")
    assert report.status == "scheduled" and report.event == event
    assert report.publish_at == go_live

    page.goto(f"{live_server.url}/reports/")
    assert page.locator("text=Embargoed Sunday report").count() == 0
    assert timezone.now() < go_live, "the embargo passed before the first look"

    remaining = (go_live - timezone.now()).total_seconds()
    time.sleep(max(remaining, 0) + 0.5)
    page.goto(f"{live_server.url}/reports/")
    page.click("text=Embargoed Sunday report")
    assert page.locator("h1").inner_text() == "Embargoed Sunday report"


def _pick_autocomplete(page, field, term):
    page.click(f"#id_{field} + .select2 .select2-selection")
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(term)
    page.locator(".select2-results__option--highlighted").wait_for()
    search.press("Enter")
