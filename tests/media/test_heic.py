"""Phone photos: HEIC is taken as sent, shown and downloaded upright, in its
colours, with its capture time and the embedded credit."""

import io

import pillow_heif
import pytest
from django.urls import reverse
from PIL import Image, ImageCms

from racing.models import Photo
from racing.services import metadata

from .conftest import camera_exif
from .test_uploads import assert_refused, stored_files

pytestmark = pytest.mark.django_db

BLUE, RED = (20, 40, 220), (220, 30, 30)


# The photo's own colour profile, which renditions must carry.
PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def heic_bytes(size=(600, 400), *, orientation=6) -> bytes:
    """As an iPhone held upright stores it: the sensor's landscape pixels
    (left half blue, right half red) and "rotate 90° clockwise"."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(
        buffer,
        quality=90,
        exif=camera_exif(orientation=orientation).tobytes(),
        icc_profile=PROFILE,
    )
    return buffer.getvalue()


def close(pixel, colour, tolerance=30):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def test_heic_is_kept_as_sent_with_its_facts(add):
    data = heic_bytes()

    result = add(data, "IMG_1234.HEIC")

    assert result.status == "created", result.message
    photo = Photo.objects.get()
    assert photo.original_format == "heic"
    assert photo.original.name.endswith("/original.heic")
    assert (photo.width, photo.height) == (400, 600)  # upright: a portrait
    assert photo.taken_at.isoformat() == "2021-06-05T12:03:22+00:00"
    with photo.original.open("rb") as stored:
        assert stored.read() == data


def test_heic_renditions_are_upright_in_their_colours(add):
    add(heic_bytes(), "IMG_1234.HEIC")

    photo = Photo.objects.get()
    assert photo.is_ready
    assert set(photo.renditions) == {"jpeg", "webp", "avif"}
    with photo.original.storage.open(photo.rendition_name(400, "jpeg")) as file:
        rendition = Image.open(file)
        rendition.load()
    assert rendition.size == (267, 400)
    # The blue half of the sensor is the top of the upright photo.
    assert close(rendition.getpixel((130, 20)), BLUE)
    assert close(rendition.getpixel((130, 380)), RED)
    assert rendition.info.get("icc_profile") == PROFILE


def test_heic_downloads_are_jpegs_with_the_credit(client, add, gallery):
    add(heic_bytes(), "IMG_1234.HEIC")
    photo = Photo.objects.get()

    for kind, long_side in (("original", 600), ("web", 600)):
        response = client.get(
            reverse("racing:photo-download", args=[gallery.slug, photo.pk, kind])
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"].endswith('.jpg"')
        data = b"".join(response.streaming_content)
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert image.size == (400, long_side)
        assert close(image.convert("RGB").getpixel((200, 20)), BLUE)
        fields = metadata.read(data)
        assert fields["Iptc.Application2.Credit"] == "FIA WTCR"
        assert fields["Xmp.xmpRights.UsageTerms"] == {
            'lang="x-default"': "Free rights to use image"
        }
    original = metadata.read(
        photo.original.storage.open(photo.download_name("original")).read()
    )
    assert original["Exif.Photo.DateTimeOriginal"] == "2021:06:05 14:03:22"
    assert "Exif.Image.Make" not in original  # the camera stays private


def test_truncated_heic_is_refused_and_nothing_kept(add):
    data = heic_bytes((1200, 800))

    result = add(data[: len(data) // 2], "IMG_1234.HEIC")

    assert_refused(result, "IMG_1234.HEIC")
    assert stored_files() == []


def test_heic_over_the_pixel_limit_is_refused(add, settings):
    settings.RACING_MAX_PHOTO_PIXELS = 200_000

    assert_refused(add(heic_bytes(), "IMG_1234.HEIC"), "IMG_1234.HEIC", "megapixels")
