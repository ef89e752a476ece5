"""Resumable uploads in a real browser: the network drops in the middle of a
large file and comes back; the upload goes on from the last chunk the server
kept instead of starting over."""

import io
import os
import time
import zipfile

import pytest
from PIL import Image
from playwright.sync_api import expect

from racing.admin import resumable_upload
from racing.models import Gallery, Licence, Photo
from tests.browser.upload_page import open_upload_page
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gallery(db):
    return Gallery.objects.create(
        event=make_event(slug="germany"), title="Race day", slug="race-day"
    )


@pytest.fixture
def received(monkeypatch):
    """Every byte of every chunk the server reads, kept or not; each megabyte
    read takes 50 ms, a media centre's uplink rather than loopback's."""
    seen = {"bytes": 0, "methods": []}
    read = resumable_upload._read
    resource = resumable_upload.resource

    def noting_resource(request, upload_id, **kwargs):
        seen["methods"].append(request.method)
        return resource(request, upload_id, **kwargs)

    def counting_read(request, length):
        original = request.read

        def slow_read(size=-1):
            data = original(size)
            seen["bytes"] += len(data)
            if data:
                time.sleep(0.05 * len(data) / 2**20)
            return data

        request.read = slow_read
        return read(request, length)

    monkeypatch.setattr(resumable_upload, "_read", counting_read)
    monkeypatch.setattr(resumable_upload, "resource", noting_resource)
    return seen


def large_jpeg(path):
    """About 30 MB: a 24 MP photo of noise, which hardly compresses."""
    image = Image.frombytes("RGB", (6000, 4000), os.urandom(6000 * 4000 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def test_a_dropped_connection_resumes_without_starting_over(
    live_server, desktop, gallery, press_officer, tmp_path, settings, received
):
    # Renditions are not what this test is about: leave them queued.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }
    licence = Licence.objects.create(name="Free", text="Free rights to use image")
    size = large_jpeg(tmp_path / "IMG_0042.JPG")
    page = desktop
    open_upload_page(page, live_server, gallery, licence)

    page.set_input_files("#upload-files", str(tmp_path / "IMG_0042.JPG"))
    item = page.locator(".upload-item").first
    expect(item.locator(".upload-state")).to_have_text("Uploading…", timeout=20_000)
    page.wait_for_timeout(600)  # a few chunks in
    page.context.set_offline(True)

    expect(page.locator("[data-upload-network]")).to_contain_text(
        "Waiting for the network"
    )
    expect(item.locator(".upload-state")).to_have_text("Waiting for the network…")
    page.wait_for_timeout(3000)
    before = len(received["methods"])
    page.context.set_offline(False)

    expect(item).to_have_attribute("data-status", "created", timeout=60_000)
    assert "IMG_0042.JPG: added." in item.inner_text()
    photo = Photo.objects.get()
    assert photo.file_size == size
    # Back online, the client asked where the upload stood and went on.
    assert received["methods"][before] == "HEAD"
    assert received["methods"].count("PATCH") >= 2
    assert received["bytes"] < 1.5 * size


def test_a_card_dropped_again_sends_only_its_new_photos(
    live_server, desktop, gallery, press_officer, tmp_path, received
):
    licence = Licence.objects.create(name="Free", text="Free rights to use image")
    for name, colour in (("IMG_0001.JPG", "orange"), ("IMG_0002.JPG", "teal")):
        Image.new("RGB", (1600, 1000), colour).save(tmp_path / name, "JPEG")
    page = desktop
    open_upload_page(page, live_server, gallery, licence)
    page.set_input_files("#upload-files", str(tmp_path / "IMG_0001.JPG"))
    expect(page.locator(".upload-item").first).to_have_attribute(
        "data-status", "created", timeout=30_000
    )
    sent_before = received["bytes"]

    # The whole card again, with one new photo on it.
    page.set_input_files(
        "#upload-files",
        [str(tmp_path / "IMG_0001.JPG"), str(tmp_path / "IMG_0002.JPG")],
    )

    again, new = (
        page.locator(".upload-item").nth(1),
        page.locator(".upload-item").nth(2),
    )
    expect(again).to_have_attribute("data-status", "duplicate", timeout=30_000)
    expect(again).to_contain_text("IMG_0001.JPG: already in this gallery, skipped.")
    expect(new).to_have_attribute("data-status", "created", timeout=30_000)
    expect(page.locator("[data-upload-summary]")).to_have_text(
        "3 of 3 files done: 2 added, 1 already there, 0 refused."
    )
    # Only the new photo travelled.
    assert received["bytes"] - sent_before == (tmp_path / "IMG_0002.JPG").stat().st_size
    assert Photo.objects.count() == 2


def test_a_zip_goes_up_whole_and_its_photos_are_added(
    live_server, desktop, gallery, press_officer, tmp_path
):
    licence = Licence.objects.create(name="Free", text="Free rights to use image")
    with zipfile.ZipFile(tmp_path / "card.zip", "w") as archive:
        for name, colour in (("IMG_0003.JPG", "navy"), ("IMG_0004.JPG", "olive")):
            buffer = io.BytesIO()
            Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG")
            archive.writestr(name, buffer.getvalue())
    page = desktop
    open_upload_page(page, live_server, gallery, licence)

    page.set_input_files("#upload-files", str(tmp_path / "card.zip"))

    item = page.locator(".upload-item").first
    expect(item).to_have_attribute("data-status", "created", timeout=30_000)
    expect(item).to_contain_text("IMG_0003.JPG: added.")
    expect(item).to_contain_text("IMG_0004.JPG: added.")
    assert Photo.objects.count() == 2


@pytest.fixture
def touch_phone(browser):
    """A phone's 360 px touch screen, where the camera button shows."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    yield context.new_page()
    context.close()


def test_a_phone_uploads_from_its_camera_roll_at_360_px(
    live_server, touch_phone, gallery, press_officer, tmp_path
):
    licence = Licence.objects.create(name="Free", text="Free rights to use image")
    image = Image.new("RGB", (1200, 800), "orange")
    image.save(tmp_path / "IMG_0001.JPG", "JPEG")
    page = touch_phone
    open_upload_page(page, live_server, gallery, licence)

    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    camera = page.locator("#upload-camera")
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("accept") == "image/*"
    expect(page.locator("label[for=upload-files]")).to_be_visible()
    expect(page.locator("label[for=upload-camera]")).to_be_visible()
    page.set_input_files("#upload-files", str(tmp_path / "IMG_0001.JPG"))

    item = page.locator(".upload-item").first
    expect(item).to_have_attribute("data-status", "created", timeout=30_000)
    bar = item.locator("progress").bounding_box()
    assert bar["width"] > 250  # the whole width of the phone
    assert Photo.objects.get().original_filename == "IMG_0001.JPG"
