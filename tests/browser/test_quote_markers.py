"""The press officer types [[quote N]] markers in the admin's textarea (which
sends CRLF line endings) and the public page places each quote at its marker."""

import pytest

from racing.models import RaceReport
from tests.factories import make_driver, make_event, make_quote
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "press")
    page.fill("#id_password", "pit-lane-42")
    page.click("input[type=submit]")


def test_markers_typed_in_the_admin_place_their_quotes(
    live_server, desktop, press_officer
):
    event = make_event()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    report = make_report(event=event, title="Points at the Green Hell")
    for order, text in enumerate(["Mega in the wet.", "Proud of the team."], 1):
        quote = make_quote(event=event, driver=jessica, text=text)
        report.report_quotes.create(quote=quote, order=order)
    page = desktop
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/racing/racereport/{report.pk}/change/")

    page.fill(
        "#id_body",
        "Saturday went well.\n\n[[quote 1]]\n\nSunday was better.\n\n[[quote 2]]\n\n"
        "On to Portugal.",
    )
    with page.expect_navigation():
        page.locator("input[name=_save]").first.click()
    assert page.locator(".errornote").count() == 0

    report.refresh_from_db()
    assert "\r" not in report.body
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    article = page.locator("main").inner_text()
    assert "[[quote" not in article
    assert (
        article.index("Saturday went well.")
        < article.index("Mega in the wet.")
        < article.index("Sunday was better.")
        < article.index("Proud of the team.")
        < article.index("On to Portugal.")
    )


def test_the_preview_flags_a_marker_inside_a_sentence(
    live_server, desktop, press_officer
):
    event = make_event()
    report = make_report(event=event, status=RaceReport.Status.DRAFT, publish_at=None)
    report.report_quotes.create(quote=make_quote(event=event), order=1)
    page = desktop
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/racing/racereport/{report.pk}/change/")
    page.fill("#id_body", "As she said [[quote 1]] after the race.\n\n[[quote 4]]")
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()

    page.goto(f"{live_server.url}/reports/{report.pk}/preview/")

    banner = page.locator(".preview-banner").inner_text()
    assert "[[quote 1]] is not on a line of its own" in banner
    assert "[[quote 4]] has no embedded quote 4" in banner
