"""A fan on a phone reads the seed report and switches to Swedish."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

SEED_TITLE = "Crash and first points in the WTCR premiere for the Bäckman siblings"


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_fan_reaches_the_seed_report_from_home_and_switches_to_swedish(
    live_server, demo, phone
):
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert no_horizontal_scroll(phone), "the home page scrolls sideways at 360 px"

    # One click: the report is on the home page.
    phone.get_by_role("link", name=SEED_TITLE).first.click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1).inner_text() == SEED_TITLE
    text = phone.locator("main").inner_text()
    assert "Free Practice 1" in text and "DNF" in text  # the results block
    assert no_horizontal_scroll(phone), "the report scrolls sideways at 360 px"

    # The language switch, behind the Menu button on a phone, keeps the fan
    # on the same story, now in Swedish.
    banner = phone.get_by_role("banner")
    banner.get_by_text("Menu", exact=True).click()
    banner.get_by_role("link", name="Svenska", exact=True).click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "sv"
    assert "/sv/" in phone.url
    assert phone.get_by_role("heading", level=1).inner_text() != SEED_TITLE
    assert no_horizontal_scroll(phone), "the Swedish report scrolls sideways"

    # And back to English on the same story.
    banner.get_by_text("Meny", exact=True).click()
    banner.get_by_role("link", name="English", exact=True).click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1).inner_text() == SEED_TITLE


PAGES = [
    "/",
    "/events/wtcr-2021-race-of-germany/",
    "/calendar/",
    "/standings/",
    "/drivers/",
    "/drivers/jessica-backman/",
    "/search/?q=backman",
    "/sv/",
    "/sv/events/wtcr-2021-race-of-germany/",
]


def test_pages_fit_a_phone_and_load_without_console_errors(live_server, demo, phone):
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    for path in PAGES:
        response = phone.goto(live_server.url + path)

        assert response.status == 200, path
        assert no_horizontal_scroll(phone), f"{path} scrolls sideways at 360 px"
        assert errors == [], path  # CSP violations and missing files show up here
