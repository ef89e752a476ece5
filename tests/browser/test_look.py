"""The fan's first screen at phone and desktop sizes: photos, a compact header,
no sideways scrolling, results that fit a phone, the dark scheme, and crops
that follow the focal point the press officer set."""

import datetime as dt
import re

import pytest

from tests.factories import (
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_season,
    make_session,
)

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": (360, 800), "desktop": (1280, 900)}


@pytest.fixture(params=list(SIZES))
def screen(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def photo_led_pages(demo):
    return {
        "home": "/",
        "report list": "/reports/",
        "report": demo["report"].get_absolute_url(),
        "driver": demo["drivers"]["jessica-backman"].get_absolute_url(),
        "event": demo["event"].get_absolute_url(),
    }


def every_page(demo):
    gallery = demo["galleries"][0]
    return {
        **photo_led_pages(demo),
        "Swedish home": "/sv/",
        "Swedish report": demo["report_sv"].get_absolute_url(),
        "calendar": "/calendar/",
        "standings": "/standings/",
        "drivers": "/drivers/",
        "galleries": "/galleries/",
        "gallery": gallery.get_absolute_url(),
        "photo": gallery.photos.first().get_absolute_url(),
        "search": "/search/?q=backman",
        "not found": "/no-such-page/",
    }


# Photos a fan sees first, before scrolling.
FIRST_SCREEN_IMAGES = """() => [...document.querySelectorAll("main img")]
  .filter(img => {
    // Loaded and at least partly inside the window.
    const box = img.getBoundingClientRect();
    return img.complete && img.naturalWidth > 0 && box.width >= 48
        && box.top < window.innerHeight && box.bottom > 0;
}).map(img => img.currentSrc)"""


RENDITION = re.compile(r"/photos/\w+/\w+/\d+\.(avif|webp|jpg)$")


def test_home_report_list_report_driver_and_event_open_on_a_photo(
    live_server, demo, screen
):
    for name, path in photo_led_pages(demo).items():
        screen.goto(live_server.url + path, wait_until="load")

        shown = screen.evaluate(FIRST_SCREEN_IMAGES)

        assert shown, f"no photo in the first screen of the {name} ({screen.size_name})"
        # Renditions (a width and a format), never the original upload.
        assert all(RENDITION.search(src) for src in shown), shown


def test_the_header_is_compact_and_no_page_scrolls_sideways(live_server, demo, screen):
    for name, path in every_page(demo).items():
        screen.goto(live_server.url + path)

        header = screen.locator(".site-header").bounding_box()
        assert header["height"] <= 64, f"{name}: header {header['height']} px high"
        fits = screen.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        assert fits, f"the {name} page scrolls sideways ({screen.size_name})"


def test_the_header_stays_on_screen_while_reading(live_server, demo, phone):
    phone.goto(live_server.url + demo["report"].get_absolute_url())
    phone.mouse.wheel(0, 2000)
    phone.wait_for_function("window.scrollY > 1000")

    assert phone.locator(".site-header").bounding_box()["y"] == 0


def test_the_phone_menu_opens_without_javascript(live_server, demo, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    banner = page.get_by_role("banner")
    standings = banner.get_by_role("link", name="Standings")
    assert not standings.is_visible()

    banner.get_by_text("Menu", exact=True).click()
    standings.click()

    assert page.url.endswith("/standings/")
    context.close()


def test_a_phone_sees_position_driver_gap_and_points_of_every_result(
    live_server, phone
):
    """Every column filled, long names: the four that matter still fit."""
    season = make_season()
    race = make_session(event=make_event(season=season), name="Race 1")
    for position in range(1, 4):
        driver = make_driver(first_name="Maximiliano", last_name="Bäckman-Gené")
        make_entry(season=season, driver=driver, number=100 + position)
        make_result(
            session=race,
            driver=driver,
            position=position,
            laps=20,
            best_lap=dt.timedelta(minutes=2, seconds=position),
            gap=f"+{position}.456",
        )

    phone.goto(live_server.url + race.event.get_absolute_url())
    headers = phone.locator("table.result-table thead th")
    shown = {
        cell.text_content().strip(): cell.bounding_box()
        for cell in headers.all()
        if cell.is_visible()
    }

    assert list(shown) == ["Pos.", "Driver", "Gap", "Pts"]
    assert all(
        0 <= box["x"] and box["x"] + box["width"] <= 360 for box in shown.values()
    )
    # The rest are under each driver's name, not gone.
    first = phone.locator("table.result-table tbody tr").first
    assert "101" in first.inner_text() and "2:01" in first.inner_text()


def test_the_dark_scheme_follows_the_readers_setting(live_server, demo, browser):
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(live_server.url + "/")
        backgrounds[scheme] = page.evaluate(
            "getComputedStyle(document.body).backgroundColor"
        )
        context.close()

    def brightness(colour):
        red, green, blue = (int(part) for part in colour[4:-1].split(",")[:3])
        return (red + green + blue) / 3

    assert brightness(backgrounds["light"]) > 200, backgrounds
    assert brightness(backgrounds["dark"]) < 60, backgrounds


def test_moving_the_focal_point_moves_the_crop_of_the_card(live_server, demo, desktop):
    gallery = demo["galleries"][0]
    photo = gallery.photos.first()
    positions = {}
    for focal_x in (0, 100):
        photo.focal_x, photo.focal_y = focal_x, 50
        photo.save()  # as the admin does: the cached gallery page is renewed
        # A new address each time, or Chromium shows its cached copy.
        desktop.goto(f"{live_server.url}{gallery.get_absolute_url()}?x={focal_x}")
        image = desktop.locator(f'a[href="{photo.get_absolute_url()}"] img').first
        positions[focal_x] = image.evaluate(
            "img => getComputedStyle(img).objectPosition"
        )

    assert positions[0] == "0% 50%"
    assert positions[100] == "100% 50%"
