import io

import pytest
from PIL import Image, ImageOps

from racing.models import Photo
from racing.services import images

from .conftest import camera_exif, jpeg_bytes

pytestmark = pytest.mark.django_db


def open_rendition(photo, width, fmt):
    with photo.original.storage.open(photo.rendition_name(width, fmt), "rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
        return image


def test_every_size_and_format_is_made(add):
    add(jpeg_bytes((3000, 2000)), "wide.jpg")

    photo = Photo.objects.get()
    assert photo.renditions == {
        "avif": [400, 800, 1600, 2560],
        "webp": [400, 800, 1600, 2560],
        "jpeg": [400, 800, 1600, 2560],
    }
    for fmt, pil_format in [("jpeg", "JPEG"), ("webp", "WEBP"), ("avif", "AVIF")]:
        for width in (400, 800, 1600, 2560):
            image = open_rendition(photo, width, fmt)
            assert image.format == pil_format
            assert image.size == (width, round(width * 2 / 3))


def test_small_photos_are_never_upscaled(add):
    add(jpeg_bytes((900, 600)), "small.jpg")

    photo = Photo.objects.get()
    assert photo.renditions["jpeg"] == [400, 800]


def test_orientation_is_applied_to_renditions(add):
    add(jpeg_bytes((1200, 800), exif=camera_exif(orientation=6)), "portrait.jpg")

    photo = Photo.objects.get()
    assert open_rendition(photo, 800, "jpeg").size == (533, 800)
    assert open_rendition(photo, 800, "webp").size == (533, 800)


def quadrants_jpeg(size, orientation) -> bytes:
    """A photo in four colours (red, green / blue, white), stored turned."""
    width, height = size
    image = Image.new("RGB", size, "white")
    image.paste("red", (0, 0, width // 2, height // 2))
    image.paste("lime", (width // 2, 0, width, height // 2))
    image.paste("blue", (0, height // 2, width // 2, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=camera_exif(orientation=orientation))
    return buffer.getvalue()


def mean_difference(a, b) -> float:
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("orientation", range(1, 9))
def test_renditions_are_upright_as_if_turned_before_resizing(orientation):
    # The orientation is applied after the first resize: every size must look
    # as when the whole decode is turned first (which it used to be).
    data = quadrants_jpeg((1800, 1200), orientation)
    with Image.open(io.BytesIO(data)) as original:
        upright = ImageOps.exif_transpose(original).convert("RGB")

    renditions = images.build_renditions(
        io.BytesIO(data), widths=[400, 800, 1600], formats=["jpeg"]
    )

    assert [r.width for r in renditions] == [1600, 800, 400]
    for rendition in renditions:
        made = Image.open(io.BytesIO(rendition.data)).convert("RGB")
        expected = upright.resize(made.size, Image.Resampling.BICUBIC)
        assert made.size == images.fit(upright.size, rendition.width)
        assert rendition.size == made.size
        assert mean_difference(made, expected) < 2


def test_renditions_carry_no_gps_or_camera_data(add):
    add(jpeg_bytes((1200, 800), exif=camera_exif()), "gps.jpg")

    image = open_rendition(Photo.objects.get(), 800, "jpeg")
    assert 0x8825 not in image.getexif()  # no GPS IFD
    assert not image.getexif().get_ifd(0x8769)


def test_draft_decodes_at_the_largest_renditions_aspect_ratio():
    data = jpeg_bytes((6000, 4000))

    image = images.open_for_renditions(io.BytesIO(data), long_side=2560)

    # libjpeg scaled the decode by 1/2: enough for 2560 x 1707, never less.
    assert image.size == (3000, 2000)


def test_each_size_comes_from_the_next_larger():
    image = Image.new("RGB", (3000, 2000), "red")

    sizes = [(w, i.size) for w, i in images.resize_chain(image, [400, 2560, 800])]

    assert sizes == [(2560, (2560, 1707)), (800, (800, 533)), (400, (400, 267))]


def test_photo_page_srcset_lists_real_widths(add):
    add(jpeg_bytes((1200, 1800)), "tall.jpg")

    photo = Photo.objects.get()
    assert "/800.webp 533w, " in photo.srcset_webp
    assert photo.srcset_webp.endswith("/1600.webp 1067w")
    assert " 267w" in photo.srcset_jpeg


def sixteen_bit_png(value, size=(500, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("I;16", size, value).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["jpeg", "webp", "avif"])
def test_a_16_bit_png_keeps_its_grey_in_every_format(add, fmt):
    add(sixteen_bit_png(30000), "scan.png")

    image = open_rendition(Photo.objects.get(), 400, fmt).convert("L")

    # 30000 of 65535 is 46 % grey: 117 of 255, not white.
    assert abs(image.getpixel((200, 150)) - 117) <= 3


def test_a_16_bit_png_black_stays_black():
    image = images.open_for_renditions(io.BytesIO(sixteen_bit_png(0)), long_side=400)

    assert image.mode == "RGB" and image.getpixel((10, 10)) == (0, 0, 0)
