"""The photo desk in a real browser: bulk upload with a hostile file, and the
lightbox driven by the keyboard."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from racing.models import Gallery, Licence, Photo
from racing.services.uploads import Batch, add_photo
from tests.browser.upload_page import open_upload_page
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def jpeg(colour, size=(900, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def gallery(db):
    return Gallery.objects.create(
        event=make_event(slug="germany"),
        title="Race day",
        slug="race-day",
        is_published=True,
    )


@pytest.fixture
def licence(db):
    return Licence.objects.create(name="Free", text="Free rights to use image")


def test_press_officer_bulk_uploads_a_batch_with_one_hostile_file(
    live_server, desktop, gallery, licence, press_officer, tmp_path
):
    files = []
    for name, data in [
        ("one.jpg", jpeg("red")),
        ("evil.jpg", b"<html><script>alert(1)</script></html>"),
        ("three.jpg", jpeg("blue")),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))
    page = desktop
    open_upload_page(page, live_server, gallery, licence)
    page.set_input_files("#upload-files", files)

    # The site's CSP forbids eval, so wait with locators, not wait_for_function.
    expect(page.locator(".upload-item[data-status]")).to_have_count(3, timeout=30_000)
    items = page.locator(".upload-item")
    assert items.nth(0).get_attribute("data-status") == "created"
    assert items.nth(1).get_attribute("data-status") == "refused"
    assert "evil.jpg: " in items.nth(1).inner_text()
    assert items.nth(2).get_attribute("data-status") == "created"
    assert page.locator("progress").count() == 3
    assert "3 of 3 files done: 2 added, 0 already there, 1 refused" in (
        page.inner_text("[data-upload-summary]")
    )
    assert sorted(Photo.objects.values_list("original_filename", flat=True)) == [
        "one.jpg",
        "three.jpg",
    ]


def test_visitor_moves_through_the_lightbox_with_the_keyboard(
    live_server, phone, gallery, licence
):
    for n, colour in enumerate(["red", "green", "blue"]):
        add_photo(
            gallery=gallery,
            file=io.BytesIO(jpeg(colour)),
            name=f"{n}.jpg",
            batch=Batch(licence_id=licence.pk, credit="FIA WTCR", caption=f"Shot {n}"),
        )
    page = phone
    page.goto(live_server.url + gallery.get_absolute_url())

    page.locator(".photo-card-link").first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert "Photo 1 of 3" in dialog.inner_text()
    assert "Shot 0" in dialog.inner_text()

    page.keyboard.press("ArrowRight")
    expect(dialog).to_contain_text("Photo 2 of 3")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # wraps round to the first
    assert "Shot 0" in dialog.inner_text()
    page.keyboard.press("ArrowLeft")
    assert "Photo 3 of 3" in dialog.inner_text()
    expect(page.locator("[data-lightbox-image]")).to_have_attribute(
        "src", re.compile(r"/photos/.+[.]jpg$")
    )

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    focused = page.evaluate("document.activeElement.className")
    assert "photo-card-link" in focused  # focus back on the grid
