"""The team's look as the press officer sets it, and what fans see of it:
name, mark, colours, social links, share links, Swedish texts."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from racing.models import SiteSettings
from racing.services import brand
from tests.factories import make_driver

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/racing/sitesettings/1/change/"


def settings_form(**changes):
    data = {
        "name": "Bäckman Racing",
        "short_name": "Bäckman",
        "tagline": "",
        "tagline_sv": "",
        "accent_colour": "#d4002a",
        **{key: "" for key in ("instagram", "facebook", "x", "youtube", "tiktok")},
        "linkedin": "",
    }
    return {**data, **changes}


def image_file(fmt, name):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 96), "navy").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize("accent", ["#d4002a", "#ffd400", "#00e5ff", "#101010"])
def test_any_accent_gives_text_colours_that_read_on_both_schemes(accent):
    colours = brand.palette(accent)

    assert brand.contrast(colours["accent_light"], brand.LIGHT_PAGE) >= 4.5
    assert brand.contrast(colours["accent_dark"], brand.DARK_PAGE) >= 4.5


def test_the_press_officer_renames_the_site_and_every_page_says_so(
    press_client, client
):
    assert press_client.get("/admin/racing/sitesettings/").url == SETTINGS_URL
    assert "Team Bäckman" not in client.get("/standings/").content.decode()

    response = press_client.post(
        SETTINGS_URL,
        settings_form(name="Team Bäckman", instagram="https://instagram.com/backman"),
    )

    assert response.status_code == 302
    html = client.get("/standings/").content.decode()
    assert "<title>" in html and "Team Bäckman" in html
    footer = html[html.index('class="site-footer"') :]
    assert 'href="https://instagram.com/backman" rel="me noopener">Instagram' in footer
    assert "Facebook" not in footer  # no link, no entry
    assert SiteSettings.objects.count() == 1


def test_a_page_seen_before_a_rename_shows_the_new_name_after_it(press_client, client):
    def footer():
        html = client.get("/drivers/").content.decode()
        return html[html.index('class="site-footer"') :]

    assert "Bäckman Racing" in footer()

    press_client.post(SETTINGS_URL, settings_form(name="Team Bäckman"))

    assert '<p class="display">Team Bäckman</p>' in footer()


def test_a_new_accent_colour_reaches_pages_through_a_new_stylesheet(
    press_client, client
):
    old = re.search(r'href="(/brand-\w+\.css)"', client.get("/").content.decode())[1]

    press_client.post(SETTINGS_URL, settings_form(accent_colour="#0057b8"))

    html = client.get("/").content.decode()
    new = re.search(r'href="(/brand-\w+\.css)"', html)[1]
    assert new != old
    response = client.get(new)
    assert response["Content-Type"] == "text/css"
    assert "--accent:#0057b8" in response.content.decode()
    assert "immutable" in response["Cache-Control"]
    # A page cached elsewhere with the old address still gets today's colours.
    assert client.get(old).url == new


def test_a_wrong_colour_or_logo_is_refused_and_nothing_changes(press_client):
    response = press_client.post(
        SETTINGS_URL, settings_form(name="Renamed", accent_colour="red")
    )
    assert "Give the colour as #rrggbb" in response.content.decode()

    response = press_client.post(
        SETTINGS_URL,
        settings_form(name="Renamed", logo=image_file("GIF", "logo.gif")),
    )
    assert "Upload the logo as PNG or WebP." in response.content.decode()
    assert SiteSettings.current().name == "Bäckman Racing"


def test_a_png_logo_replaces_the_drawn_mark(press_client, client):
    press_client.post(SETTINGS_URL, settings_form(logo=image_file("PNG", "logo.png")))

    header = client.get("/").content.decode().split("</header>")[0]

    assert 'class="brand-logo" src="/media/brand/logo' in header
    assert "brand-mark" not in header


def test_a_report_offers_share_links_without_third_party_scripts(
    client, demo_with_photos
):
    html = client.get(demo_with_photos["report"].get_absolute_url()).content.decode()

    share = html[html.index('class="share') :].split("</ul>")[0]
    link = "%2Freports%2Fcrash-and-first-points-in-the-wtcr-premiere%2F"
    assert re.search(
        rf"https://x.com/intent/post\?url=https?%3A%2F%2F[^&]+{link}", share
    )
    assert "https://www.facebook.com/sharer/sharer.php?u=" in share
    assert "mailto:?subject=Crash%20and%20first%20points" in share
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_a_report_shares_its_photo_cut_for_social_networks(client, demo_with_photos):
    html = client.get(demo_with_photos["report"].get_absolute_url()).content.decode()

    image = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
    path = re.fullmatch(r"https?://[^/]+(/photos/\w+/\w+/social-\d+-\d+\.jpg)", image)
    assert client.get(path[1]).status_code == 200


def test_swedish_readers_get_swedish_texts_and_english_where_none_is_written(
    client, demo
):
    jessica = demo["drivers"]["jessica-backman"]
    rookie = make_driver(
        first_name="Rob", last_name="Huff", bio="British champion.", is_own=True
    )

    jessica_url, rookie_url = jessica.get_absolute_url(), rookie.get_absolute_url()

    swedish = client.get(f"/sv{jessica_url}").content.decode()
    english = client.get(jessica_url).content.decode()
    fallback = client.get(f"/sv{rookie_url}").content.decode()

    assert jessica.bio_sv in swedish and jessica.bio not in swedish
    assert jessica.bio in english
    assert "British champion." in fallback


def test_a_photo_caption_falls_back_to_english():
    from racing.models import Photo

    photo = Photo(caption="On the grid", caption_sv="")
    with translation.override("sv"):
        assert photo.local_caption == "On the grid"
        photo.caption_sv = "På startgridden"
        assert photo.local_caption == "På startgridden"
    assert photo.local_caption == "On the grid"
