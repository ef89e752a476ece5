"""The press officer's dashboard reads on a phone: no sideways scrolling, and
the race-day shortcuts come first."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from racing.models import DownloadDay, Gallery, Licence, Photo
from tests.factories import make_event, make_session
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dashboard_fits_a_phone(live_server, phone, press_officer):
    now = timezone.now()
    event = make_event(
        name="WTCR Race of Germany at the Nürburgring Nordschleife",
        start_date=timezone.localdate(),
    )
    make_session(event=event, name="Race 1", starts_at=now - dt.timedelta(hours=1))
    gallery = Gallery.objects.create(
        event=event, title="Saturday in the Green Hell, qualifying", slug="saturday"
    )
    licence = Licence.objects.create(name="Editorial", text="Editorial use")
    photo = Photo.objects.create(
        gallery=gallery,
        original="photos/x/a.jpg",
        original_filename="WTCR_2026_NUR_SATURDAY_QUALIFYING_0001.jpg",
        content_hash="a",
        width=100,
        height=60,
        file_size=1,
        credit="FIA WTCR",
        licence=licence,
        caption="Jessica Bäckman on the way to pole position in the wet",
        processing=Photo.Processing.FAILED,
        processing_error="cannot identify image file: the upload was cut short",
    )
    DownloadDay.objects.create(
        day=timezone.localdate(), kind="web", gallery=gallery, photo=photo, count=12
    )
    make_report(
        event=event,
        title="Bäckman siblings both in the top ten after a chaotic qualifying",
        status="scheduled",
        publish_at=now + dt.timedelta(hours=5),
    )
    make_report(event=event, title="Race 1 report", status="draft", publish_at=None)

    page = phone
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "press")
    page.fill("#id_password", "pit-lane-42")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/")
    if shot := os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=shot, full_page=True)

    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert page.locator("#press-dashboard h2").first.inner_text() == "Race day"
    assert page.locator("#press-dashboard a.button").count() == 3
    assert page.locator("#content-main .app-racing").count() == 1  # the app list
