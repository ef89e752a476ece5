"""The gallery's upload page as the press officer opens it in the browser tests."""

from django.urls import reverse


def open_upload_page(page, live_server, gallery, licence):
    """Sign in as the press officer (tests.conftest's `press_officer`), open
    `gallery`'s upload page and fill the batch's licence and credit."""
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "press")
    page.fill("#id_password", "pit-lane-42")
    page.click("input[type=submit]")
    page.goto(
        live_server.url + reverse("admin:racing_gallery_upload", args=[gallery.pk])
    )
    page.select_option("#id_licence", str(licence.pk))
    page.fill("#id_credit", "FIA WTCR")
