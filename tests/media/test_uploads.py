import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from racing.models import Photo
from racing.models.media import photo_storage
from racing.services.uploads import add_photo

from .conftest import camera_exif, jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db


def stored_files():
    root = Path(photo_storage().location)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_refused(result, name, *words):
    assert result.status == "refused"
    assert result.photo is None
    assert result.message.startswith(f"{name}: ")
    for word in words:
        assert word in result.message
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_good_jpeg_is_stored_with_its_facts(add):
    data = jpeg_bytes((600, 400), exif=camera_exif())

    result = add(data, "IMG_0001.JPG")

    assert result.status == "created"
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (600, 400)
    assert photo.original_format == "jpeg"
    assert photo.original_filename == "IMG_0001.JPG"
    assert photo.file_size == len(data)
    assert photo.taken_at.isoformat() == "2021-06-05T12:03:22+00:00"
    with photo.original.open("rb") as stored:
        assert stored.read() == data  # the original is kept byte for byte


def test_png_and_webp_are_accepted(add):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "blue").save(buffer, "WEBP")

    assert add(png_bytes(), "logo.png").status == "created"
    assert add(buffer.getvalue(), "shot.webp").status == "created"
    assert sorted(Photo.objects.values_list("original_format", flat=True)) == [
        "png",
        "webp",
    ]


def test_same_content_again_is_reported_and_skipped(add):
    data = jpeg_bytes()
    add(data, "a.jpg")

    again = add(data, "a-copy.jpg")

    assert again.status == "duplicate"
    assert "already in this gallery" in again.message
    assert Photo.objects.count() == 1
    assert len([f for f in stored_files() if f.name.startswith("original")]) == 1


def test_rotated_photo_gets_upright_size(add):
    add(jpeg_bytes((600, 400), exif=camera_exif(orientation=6)), "portrait.jpg")

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (400, 600)


def png_claiming(width, height) -> bytes:
    """A small PNG whose header declares width x height pixels of zeros."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = zlib.compress(b"\x00" * (1 + width // 8) * 64, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused(add):
    data = png_claiming(30_000, 30_000)  # 900 megapixels in a few kilobytes

    assert_refused(add(data, "bomb.png"), "bomb.png", "decompression bomb")


def test_bomb_below_pillows_own_limit_is_refused(add, settings):
    settings.RACING_MAX_PHOTO_PIXELS = 100_000_000
    data = png_claiming(8_000, 8_000)  # 64 megapixels, under Pillow's 89

    assert_refused(add(data, "sneaky.png"), "sneaky.png", "decompression bomb")


def test_truncated_jpeg_is_refused(add):
    data = jpeg_bytes((1200, 800))

    assert_refused(add(data[: len(data) // 2], "cut.jpg"), "cut.jpg", "truncated")


def test_renamed_pdf_is_refused(add):
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" * 20

    assert_refused(add(data, "photo.jpg"), "photo.jpg", "not a JPEG, PNG, WebP or HEIC")


def test_svg_is_refused(add):
    data = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'

    assert_refused(add(data, "logo.svg"), "logo.svg", "SVG or HTML")


def test_html_renamed_as_jpeg_is_refused(add):
    data = b"<!DOCTYPE html><html><script>alert(1)</script></html>"

    assert_refused(add(data, "image.jpg"), "image.jpg", "SVG or HTML")


def test_image_over_the_pixel_limit_is_refused(add, settings):
    settings.RACING_MAX_PHOTO_PIXELS = 200_000

    assert_refused(
        add(jpeg_bytes((600, 400)), "big.jpg"), "big.jpg", "megapixels", "limit"
    )


def test_heic_header_with_garbage_is_refused(add):
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100

    assert_refused(add(data, "IMG_1234.HEIC"), "IMG_1234.HEIC", "damaged")


def test_jpeg_header_with_garbage_is_refused(add):
    data = b"\xff\xd8\xff\xe0" + b"garbage" * 100

    assert_refused(add(data, "broken.jpg"), "broken.jpg")


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_zip(gallery, batch, data, name="batch.zip"):
    from racing.services.uploads import add_upload

    return add_upload(gallery=gallery, file=io.BytesIO(data), name=name, batch=batch)


def test_zip_keeps_good_photos_and_names_the_bad_one(gallery, batch):
    data = make_zip(
        {
            "day1/a.jpg": jpeg_bytes(colour="red"),
            "day1/b.jpg": jpeg_bytes(colour="blue"),
            "day1/evil.jpg": b"<html><script>x</script></html>",
            "__MACOSX/._a.jpg": b"resource fork",
        }
    )

    results = upload_zip(gallery, batch, data)

    assert [r.status for r in results] == ["created", "created", "refused"]
    assert results[2].message.startswith("batch.zip › day1/evil.jpg: ")
    assert sorted(Photo.objects.values_list("original_filename", flat=True)) == [
        "a.jpg",
        "b.jpg",
    ]


def test_zip_with_too_many_files_is_refused_before_extracting(gallery, batch, settings):
    settings.RACING_MAX_ZIP_MEMBERS = 2
    data = make_zip({f"{n}.jpg": jpeg_bytes() for n in range(3)})

    results = upload_zip(gallery, batch, data)

    assert [r.status for r in results] == ["refused"]
    assert "limit is 2" in results[0].message
    assert Photo.objects.count() == 0


def test_damaged_zip_is_refused(gallery, batch):
    results = upload_zip(gallery, batch, b"PK\x03\x04" + b"\x00" * 50)

    assert [r.status for r in results] == ["refused"]
    assert "zip" in results[0].message


def test_a_hidden_file_in_a_zip_gets_its_own_result_line(gallery, batch):
    data = make_zip({"a.jpg": jpeg_bytes(), ".hidden.jpg": jpeg_bytes(colour="blue")})

    results = upload_zip(gallery, batch, data)

    assert [(r.name, r.status) for r in results] == [
        ("batch.zip › a.jpg", "created"),
        ("batch.zip › .hidden.jpg", "refused"),
    ]
    assert "hidden file" in results[1].message
    assert Photo.objects.count() == 1


FAKE_JPEG_BOMB = b"\xff\xd8\xff\xe0" + bytes(79 * 2**20)


def test_a_fake_jpeg_of_zeros_is_refused_without_decoding(gallery, batch, monkeypatch):
    def must_not_decode(*args, **kwargs):
        raise AssertionError("Pillow was asked to scan the file")

    monkeypatch.setattr(Image, "open", must_not_decode)

    result = add_photo(
        gallery=gallery, file=io.BytesIO(FAKE_JPEG_BOMB), name="zeros.jpg", batch=batch
    )

    assert result.status == "refused"
    assert "not a whole JPEG" in result.message
    assert Photo.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0\x00\x00",  # a segment length of 0
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 7 + b"garbage",  # no marker
        b"\xff\xd8\xff\xe0\x7f\xff" + b"\x00" * 100,  # runs past the end
        b"\xff\xd8" + b"\xff\xfe\x00\x04ab" * 5000,  # comments, never a frame
    ],
)
def test_jpeg_structure_without_a_frame_is_refused(gallery, batch, data):
    result = add_photo(
        gallery=gallery, file=io.BytesIO(data), name="odd.jpg", batch=batch
    )

    assert result.status == "refused"
    assert Photo.objects.count() == 0


def test_a_camera_jpeg_with_big_app_segments_passes_the_structure_check(gallery, batch):
    photo = jpeg_bytes((800, 600))
    app = b"\xff\xe2" + (65535).to_bytes(2, "big") + b"\x00" * 65533
    data = photo[:2] + app * 30 + photo[2:]  # 2 MB of ICC/MPF-like segments

    result = add_photo(
        gallery=gallery, file=io.BytesIO(data), name="camera.jpg", batch=batch
    )

    assert result.status == "created", result.message


def test_one_upload_request_has_a_cpu_budget(gallery, batch, settings):
    settings.RACING_UPLOAD_CPU_SECONDS = 0
    data = make_zip({f"{n}.jpg": jpeg_bytes(colour=(n, 9, 9)) for n in range(3)})

    results = upload_zip(gallery, batch, data)

    assert [r.status for r in results] == ["created", "refused", "refused"]
    assert "send it again" in results[1].message
    assert Photo.objects.count() == 1


def test_a_zip_of_fake_jpegs_is_refused_member_by_member_unextracted(
    gallery, batch, monkeypatch
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"fake{n}.jpg", FAKE_JPEG_BOMB)
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("extracted a bomb")
    )

    results = upload_zip(gallery, batch, buffer.getvalue())

    assert [r.status for r in results] == ["refused"] * 3
    assert all("decompression bomb" in r.message for r in results)
