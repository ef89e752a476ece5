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


def detailed_photo(size, *, grain_px=1) -> Image.Image:
    """Grain (noise of `grain_px` pixels; 1 is the worst case for a resize, a
    level change at every pixel) and hard edges."""
    width, height = size
    small = (max(1, width // grain_px), max(1, height // grain_px))
    grain = [Image.effect_noise(small, 60 + 20 * band) for band in range(3)]
    image = Image.merge("RGB", grain).resize(size, Image.Resampling.BICUBIC)
    image.paste((250, 30, 20), (width // 5, height // 5, width // 2, height // 2))
    image.paste((20, 40, 230), (width // 2, height // 3, width - 7, height - 5))
    return image


@pytest.mark.parametrize(
    ("size", "target"),
    [
        ((3000, 2000), (2560, 1707)),  # the large sizes of a 24 MP camera file
        ((2560, 1707), (1600, 1067)),
        ((1500, 1000), (800, 533)),  # its thumbnails
        ((800, 533), (400, 267)),
        ((1201, 1799), (534, 800)),  # odd sizes, portrait
        ((4800, 3200), (1600, 1067)),  # a wider step: one convolution still
        ((2400, 1600), (400, 267)),  # a PNG 6x larger: no box shrink first
    ],
)
def test_libvips_resizes_as_pillows_bicubic(size, target):
    image = detailed_photo(size)
    image.info = {"icc_profile": b"a profile"}

    made, packed = images.resize(image, target)
    expected = image.resize(target, Image.Resampling.BICUBIC)

    assert made.mode == "RGB" and made.size == target
    assert packed == made.tobytes()
    assert made.info == {"icc_profile": b"a profile"}
    # The same kernel in other arithmetic: on noise at every pixel, some
    # pixels are up to 15 levels apart, never a different look (PSNR > 45 dB)...
    assert mean_difference(made, expected) < 0.5
    assert psnr(made, expected) > 45
    # ...and on a photo's grain 99.5 % of the pixels are within 4 levels
    # (measured: 99.64 % at worst, the 6x step; with a box shrink first, as
    # libvips does by default, 92 %).
    grainy = detailed_photo(size, grain_px=2)
    made, _packed = images.resize(grainy, target)
    expected = grainy.resize(target, Image.Resampling.BICUBIC)
    assert psnr(made, expected) > 50
    assert share_apart(made, expected, levels=4) < 0.005


def test_libvips_resizes_from_the_packed_bytes_it_made():
    image = detailed_photo((1500, 1000))
    first, packed = images.resize(image, (800, 533))

    again, _ = images.resize(first, (400, 267), packed)

    assert again.tobytes() == images.resize(first, (400, 267))[0].tobytes()


def test_transparent_photos_are_resized_by_pillow_with_their_alpha():
    image = Image.new("RGBA", (900, 600), (0, 120, 0, 0))
    image.paste((200, 10, 10, 255), (300, 200, 600, 400))

    made, packed = images.resize(image, (400, 267))

    assert packed is None
    assert made.mode == "RGBA"
    assert made.tobytes() == image.resize((400, 267), images.RESAMPLE).tobytes()


def share_apart(a, b, *, levels) -> float:
    """The share of pixels of which a channel differs by more than `levels`."""
    from PIL import ImageChops

    difference = ImageChops.difference(a, b)
    worst = ImageChops.lighter(
        ImageChops.lighter(difference.getchannel(0), difference.getchannel(1)),
        difference.getchannel(2),
    )
    return sum(worst.histogram()[levels + 1 :]) / (a.width * a.height)


def psnr(a, b) -> float:
    import math

    from PIL import ImageChops, ImageStat

    rms = ImageStat.Stat(ImageChops.difference(a, b)).rms
    return 10 * math.log10(255**2 / (sum(r * r for r in rms) / len(rms)))
