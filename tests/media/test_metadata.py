import json
import shutil
import subprocess

import pytest

from racing.models import Photo
from racing.services import metadata
from racing.services.downloads import photo_download_queryset, prepare_downloads
from tests.factories import make_driver

from .conftest import camera_exif, jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(add, gallery):
    gallery.event.circuit.name = "Nürburgring Nordschleife"
    gallery.event.circuit.save()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", slug="jb")
    add(
        jpeg_bytes((3000, 2000), exif=camera_exif()),
        "IMG_1.jpg",
        caption="Jessica Bäckman at the Nürburgring",
        driver_ids=[jessica.pk],
    )
    return photo_download_queryset().get()


def download_bytes(photo, kind):
    with photo.original.storage.open(photo.download_name(kind), "rb") as f:
        return f.read()


@pytest.mark.parametrize("kind", ["web", "original"])
def test_downloads_carry_caption_credit_and_licence_in_utf8(photo, kind):
    fields = metadata.read(download_bytes(photo, kind))

    assert fields["Iptc.Envelope.CharacterSet"] == "\x1b%G"
    assert fields["Iptc.Application2.Caption"] == "Jessica Bäckman at the Nürburgring"
    assert fields["Iptc.Application2.Byline"] == ["FIA WTCR"]
    assert fields["Iptc.Application2.Credit"] == "FIA WTCR"
    assert fields["Iptc.Application2.Copyright"] == "© 2021 FIA WTCR"
    assert fields["Iptc.Application2.SpecialInstructions"] == "Free rights to use image"
    assert fields["Iptc.Application2.DateCreated"] == "2021-06-05"
    assert "Jessica Bäckman" in fields["Iptc.Application2.Keywords"]
    assert "WTCR Race of Germany" in fields["Iptc.Application2.Keywords"]
    assert fields["Xmp.dc.description"] == {
        'lang="x-default"': "Jessica Bäckman at the Nürburgring"
    }
    assert fields["Xmp.dc.creator"] == ["FIA WTCR"]
    assert fields["Xmp.photoshop.Credit"] == "FIA WTCR"
    assert fields["Xmp.xmpRights.UsageTerms"] == {
        'lang="x-default"': "Free rights to use image"
    }
    assert "Nürburgring Nordschleife" in fields["Xmp.dc.subject"]


@pytest.mark.parametrize("kind", ["web", "original"])
def test_gps_and_serial_numbers_are_stripped_from_downloads(photo, kind):
    fields = metadata.read(download_bytes(photo, kind))

    assert not [key for key in fields if "GPS" in key or "Serial" in key]


def test_original_keeps_date_and_orientation_and_the_stored_file_everything(photo):
    fields = metadata.read(download_bytes(photo, "original"))
    with photo.original.open("rb") as f:
        stored = metadata.read(f.read())

    assert "Exif.Image.Model" not in fields  # the camera is nobody's business
    assert fields["Exif.Image.Orientation"] == "1"
    assert fields["Exif.Photo.DateTimeOriginal"] == "2021:06:05 14:03:22"
    assert stored["Exif.Image.Model"] == "EOS R5"
    assert stored["Exif.Photo.BodySerialNumber"] == "SN-123456"
    assert "Exif.GPSInfo.GPSLatitude" in stored


def test_edited_caption_is_in_the_next_download(photo):
    Photo.objects.filter(pk=photo.pk).update(caption="Nytt bildtext: Bäckman")
    photo = photo_download_queryset().get()

    assert prepare_downloads(photo=photo) is True
    assert prepare_downloads(photo=photo) is False  # unchanged: nothing redone
    fields = metadata.read(download_bytes(photo, "web"))
    assert fields["Iptc.Application2.Caption"] == "Nytt bildtext: Bäckman"


@pytest.mark.skipif(not shutil.which("exiftool"), reason="exiftool not installed")
def test_exiftool_reads_the_fields(photo, tmp_path):
    path = tmp_path / "web.jpg"
    path.write_bytes(download_bytes(photo, "web"))

    output = subprocess.run(
        ["exiftool", "-G1", "-a", "-charset", "iptc=UTF8", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "Jessica Bäckman at the Nürburgring" in output
    assert "FIA WTCR" in output
    assert "Free rights to use image" in output
    assert "GPS" not in output


def leaky_jpeg() -> bytes:
    """A camera file with private data where deny-lists do not look: a serial
    number in IFD0 (0xA431), owner, software, comments, a thumbnail."""
    exif = camera_exif()
    exif[0xA431] = "IFD0-SERIAL-998877"  # SerialNumber, misplaced in IFD0
    exif[0x013B] = "Secret Photographer"  # Artist
    exif[0x0131] = "Firmware 1.2.3"  # Software
    exif[0x010E] = "Pit lane, garage 12"  # ImageDescription
    exif[0x8298] = "Owner copyright"  # Copyright
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00Driver is angry"  # UserComment
    exif.get_ifd(0x8769)[0xA430] = "Owner Name"  # CameraOwnerName
    data = jpeg_bytes((1200, 800), exif=exif)
    # A JPEG comment segment right after SOI.
    comment = b"Personal note 4711"
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return data[:2] + segment + data[2:]


LEAKS = [
    "IFD0-SERIAL-998877",
    "Secret Photographer",
    "Firmware",
    "garage 12",
    "Owner",
    "angry",
    "Personal note",
    "EOS R5",
    "Canon",
    "SN-123456",
]
# What a public copy may carry (exiftool -G1 groups and tag names).
ALLOWED_TAGS = {
    "IFD0": {"Orientation", "XResolution", "YResolution", "ResolutionUnit"},
    "ExifIFD": {
        "DateTimeOriginal",
        "OffsetTimeOriginal",
        "ExifImageWidth",
        "ExifImageHeight",
        "ColorSpace",
        "ExifVersion",
    },
}
FREE_GROUPS = {"ExifTool", "System", "File", "JFIF", "Composite", "IPTC", "Photoshop"}


@pytest.fixture
def leaky_photo(add):
    add(leaky_jpeg(), "IMG_2.jpg", caption="Caption")
    return photo_download_queryset().get()


@pytest.mark.parametrize("kind", ["web", "original"])
def test_public_copies_carry_only_allowed_fields(leaky_photo, kind):
    data = download_bytes(leaky_photo, kind)

    for leak in LEAKS:
        assert leak.encode() not in data, leak


@pytest.mark.skipif(not shutil.which("exiftool"), reason="exiftool not installed")
@pytest.mark.parametrize("kind", ["web", "original"])
def test_exiftool_shows_nothing_but_the_allowed_fields(leaky_photo, kind, tmp_path):
    path = tmp_path / f"{kind}.jpg"
    path.write_bytes(download_bytes(leaky_photo, kind))

    output = subprocess.run(
        ["exiftool", "-G1", "-a", "-s", "-j", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    [tags] = json.loads(output)
    unexpected = [
        key
        for key in tags
        if ":" in key
        and (group := key.split(":")[0]) not in FREE_GROUPS
        and not group.startswith(("XMP-", "ICC"))
        and key.split(":")[1] not in ALLOWED_TAGS.get(group, set())
    ]
    assert unexpected == []
    assert tags["IPTC:Caption-Abstract"] == "Caption"
