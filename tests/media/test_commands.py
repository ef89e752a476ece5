import pytest
from django.core.management import CommandError, call_command

from racing.models import Photo

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_rebuild_renditions_remakes_missing_files(add):
    add(jpeg_bytes((900, 600)), "a.jpg")
    photo = Photo.objects.get()
    storage = photo.original.storage
    storage.delete(photo.rendition_name(800, "webp"))
    Photo.objects.update(renditions={})

    call_command("rebuild_renditions", "--missing", "--jobs", "1")

    photo.refresh_from_db()
    assert photo.renditions["webp"] == [400, 800]
    assert storage.exists(photo.rendition_name(800, "webp"))


def test_rebuild_renditions_names_unknown_photos(db):
    with pytest.raises(CommandError, match="No photo with id 404"):
        call_command("rebuild_renditions", "404")
