"""A journalist walks from any page's footer to the press area, downloads the
press kit's zip and subscribes to release alerts; the newsroom's pages pass
axe and the Nu HTML checker."""

import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

from racing.models import PressContact, Subscriber
from tests.browser.quality_tools import axe_violations, describe, nu_errors

pytestmark = pytest.mark.django_db(transaction=True)


def nu_check(html: str, tmp_path: Path) -> str:
    page = tmp_path / f"page-{len(list(tmp_path.iterdir()))}.html"
    page.write_text(html)
    return nu_errors({str(page): str(page)})


def test_journalist_gets_the_kit_and_subscribes_from_the_press_area(
    live_server, desktop, tmp_path, kit_data
):
    PressContact.objects.create(
        name="Maja Ek",
        role="Press officer",
        phone="+46 70 123 45 67",
        email="press@team.example",
        languages="English, Swedish",
    )
    page = desktop
    checked = []
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Press area").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Press"
    assert "+46 70 123 45 67" in page.locator("main").inner_text()
    checked.append((page.url, axe_violations(page), page.content()))

    page.get_by_role("link", name="Open the press kit").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Press kit"
    checked.append((page.url, axe_violations(page), page.content()))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole kit (zip)").click()
    kit = tmp_path / "kit.zip"
    download.value.save_as(kit)
    with zipfile.ZipFile(kit) as archive:
        assert "CREDITS.txt" in archive.namelist()
        assert any(name.startswith("headshots/") for name in archive.namelist())
    page.get_by_role("main").get_by_role("link", name="Press", exact=True).click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Subscribe to release alerts").click()
    page.wait_for_load_state()
    checked.append((page.url, axe_violations(page), page.content()))
    page.get_by_label("Email address").fill("desk@paper.example")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    assert "Check your inbox" in page.locator("main").inner_text()
    checked.append((page.url, axe_violations(page), page.content()))

    [message] = mail.outbox
    link = re.search(r"https?://\S+/press/alerts/confirm/\S+/", message.body)
    page.goto(live_server.url + urlsplit(link.group(0)).path)
    checked.append((page.url, axe_violations(page), page.content()))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    assert "You are subscribed" in page.locator("main").inner_text()
    assert Subscriber.objects.active().filter(email="desk@paper.example").exists()

    page.goto(live_server.url + "/press/accreditation/")
    checked.append((page.url, axe_violations(page), page.content()))

    for url, violations, _html in checked:
        assert not violations, f"axe on {url}:\n{describe(violations)}"
    for url, _violations, html in checked:
        assert not (errors := nu_check(html, tmp_path)), f"Nu on {url}:\n{errors}"


def test_the_embargoed_copy_passes_axe_and_nu(
    live_server, desktop, tmp_path, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from racing.models import Journalist, RaceReport
    from tests.reports.conftest import make_report

    Journalist.objects.create(
        name="Kim Berg", email="kim@motor.example", outlet="Motor", status="accredited"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_report(
            title="Win at Monza",
            status=RaceReport.Status.SCHEDULED,
            publish_at=timezone.now() + dt.timedelta(hours=2),
        )
    [message] = mail.outbox
    link = re.search(r"https?://\S+/press/embargo/\S+/", message.body).group(0)

    desktop.goto(live_server.url + urlsplit(link).path)

    assert "EMBARGOED UNTIL" in desktop.locator("main").inner_text()
    assert not (found := axe_violations(desktop)), describe(found)
    assert not (errors := nu_check(desktop.content(), tmp_path)), errors
