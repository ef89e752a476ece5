"""Photos for the photo desk tests: real JPEG/PNG bytes made by Pillow."""

import io

import pytest
from PIL import Image

from racing.models import Gallery, Licence
from racing.services.uploads import Batch, add_photo
from tests.factories import make_driver, make_event


def jpeg_bytes(size=(600, 400), *, colour="red", exif=None, quality=85) -> bytes:
    image = Image.new("RGB", size, colour)
    # A gradient so every size and format has something to encode.
    for x in range(0, size[0], max(1, size[0] // 20)):
        image.paste((x % 255, 80, 200), (x, 0, x + 4, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png_bytes(size=(300, 200), colour=(0, 120, 0, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def camera_exif(*, orientation=1, gps=True, serial="SN-123456"):
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R5"
    exif[0x0112] = orientation
    details = exif.get_ifd(0x8769)
    details[0x9003] = "2021:06:05 14:03:22"
    details[0x9011] = "+02:00"
    details[0x829A] = (1, 1000)
    if serial:
        details[0xA431] = serial
    if gps:
        exif[0x8825] = {1: "N", 2: (50.0, 20.0, 8.0), 3: "E", 4: (6.0, 56.0, 50.0)}
    return exif


@pytest.fixture
def licence(db):
    return Licence.objects.create(
        name="Free rights to use image", text="Free rights to use image"
    )


@pytest.fixture
def gallery(db):
    event = make_event(name="WTCR Race of Germany", slug="wtcr-germany")
    return Gallery.objects.create(
        event=event, title="Race day", slug="race-day", is_published=True
    )


@pytest.fixture
def batch(licence):
    return Batch(licence_id=licence.pk, credit="FIA WTCR", caption="On track")


@pytest.fixture
def add(gallery, batch, django_capture_on_commit_callbacks):
    """Upload bytes as the press officer would; renditions run at once."""

    def upload(data: bytes, name="photo.jpg", *, to=None, **batch_overrides):
        chosen = Batch(**{**batch.__dict__, **batch_overrides})
        with django_capture_on_commit_callbacks(execute=True):
            result = add_photo(
                gallery=to or gallery, file=io.BytesIO(data), name=name, batch=chosen
            )
        return result

    return upload


@pytest.fixture
def driver(db):
    return make_driver(
        first_name="Jessica", last_name="Bäckman", slug="jessica", is_own=True
    )
