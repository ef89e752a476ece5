"""The quality gate of issue 10: every public page kind passes axe-core (WCAG 2.2
AA and axe's best practices) on a phone and a desktop, in the light and the
dark scheme, with the phone menu and the lightbox open too; and the Nu Html
Checker finds no error in its HTML nor in the site's stylesheet.

The tools come from npm (package.json, `npm ci` in `make test`); without
node_modules these tests skip and say so. Lighthouse scores are measured by
bench/lighthouse.py, a script rather than a test.
"""

from pathlib import Path

import pytest

from tests.browser.quality_tools import axe_violations, describe, nu_errors

pytestmark = pytest.mark.django_db(transaction=True)

STYLESHEET = Path(__file__).resolve().parents[2] / "static/css/site.css"
VIEWPORTS = {"phone": (360, 800), "desktop": (1280, 900)}

# Findings we accept, each with the reason: (rule id, CSS selector of the node).
# Empty on purpose: a finding is fixed, not listed, unless it cannot be.
AXE_ALLOWED: set[tuple[str, str]] = set()
# Nu checker messages we accept, each with the reason (a substring of the message).
VNU_ALLOWED: list[str] = []


def public_pages(demo) -> dict[str, str]:
    """A path for each public page kind, from the demo weekend."""
    from racing.models import Photo

    gallery = demo["galleries"][0]
    photo = Photo.objects.filter(gallery=gallery).order_by("order", "pk").first()
    return {
        "home": "/",
        "home (Swedish)": "/sv/",
        "report list": "/reports/",
        "report": demo["report"].get_absolute_url(),
        "event": demo["event"].get_absolute_url(),
        "calendar": "/calendar/",
        "standings": "/standings/",
        "drivers": "/drivers/",
        "driver": demo["drivers"]["jessica-backman"].get_absolute_url(),
        "gallery list": "/galleries/",
        "gallery": gallery.get_absolute_url(),
        "photo": photo.get_absolute_url(),
        "search": "/search/?q=backman",
        "not found (404)": "/no-such-page/",
    }


def open_menu(page):
    page.get_by_role("banner").locator("summary").click()
    page.locator(".menu-panel a").first.wait_for()


def open_lightbox(page):
    page.locator("[data-gallery] a[data-lightbox]").first.click()
    page.locator("dialog[open] img[src]").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_public_page_passes_axe_on_a_phone_and_a_desktop(
    live_server, demo, browser, scheme
):
    pages = public_pages(demo)
    failures = []
    for viewport, (width, height) in VIEWPORTS.items():
        # bypass_csp: the site's CSP would refuse the injected axe script.
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            bypass_csp=True,
        )
        page = context.new_page()
        try:
            for label, path in pages.items():
                response = page.goto(live_server.url + path)
                expected = 404 if "404" in label else 200
                assert response.status == expected, (path, response.status)
                states = {"": None}
                # The menu's links show only when it is open; it is the same
                # on every page, so in each language once.
                if viewport == "phone" and label.startswith("home"):
                    states[", menu open"] = open_menu
                if label == "gallery":
                    states[", lightbox open"] = open_lightbox
                for state, action in states.items():
                    if action:
                        page.goto(live_server.url + path)
                        action(page)
                    violations = axe_violations(page, allowed=AXE_ALLOWED)
                    if violations:
                        failures.append(
                            f"{label} {path} ({viewport}, {scheme}{state}):\n"
                            + describe(violations)
                        )
        finally:
            context.close()
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_every_public_page_and_the_stylesheet_pass_the_nu_html_checker(
    client, demo, tmp_path
):
    files = {}
    for label, path in public_pages(demo).items():
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        file = tmp_path / f"{len(files):02d}.html"
        file.write_bytes(response.content)
        files[str(file)] = f"{label} {path}"

    files[str(STYLESHEET)] = "static/css/site.css"

    listed = nu_errors(files, allowed=VNU_ALLOWED)
    assert not listed, "Nu Html Checker errors:\n" + listed
