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


def test_original_keeps_other_exif_and_the_stored_file_keeps_everything(photo):
    fields = metadata.read(download_bytes(photo, "original"))
    with photo.original.open("rb") as f:
        stored = metadata.read(f.read())

    assert fields["Exif.Image.Model"] == "EOS R5"
    assert fields["Exif.Photo.DateTimeOriginal"] == "2021:06:05 14:03:22"
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
