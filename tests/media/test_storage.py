"""Photo files follow their rows, and are written whole or not at all."""

import errno
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from racing.models import Gallery, Photo
from racing.models.media import PART_PREFIX, photo_storage
from racing.services.uploads import add_photo

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def files_under(storage, folder="photos"):
    found = []
    for root, _dirs, names in os.walk(storage.path(folder)):
        found += [os.path.join(root, name) for name in names]
    return found


def test_deleting_a_gallery_removes_every_file_of_its_photos(
    add, gallery, django_capture_on_commit_callbacks
):
    for n in range(3):
        add(jpeg_bytes(colour=(n * 40, 0, 0)), f"{n}.jpg")
    storage = photo_storage()
    assert len(files_under(storage)) > 3 * 2  # originals, renditions, downloads

    with django_capture_on_commit_callbacks(execute=True):
        Gallery.objects.filter(pk=gallery.pk).delete()

    assert files_under(storage) == []


def test_a_delete_rolled_back_keeps_the_files(add, gallery):
    add(jpeg_bytes(), "a.jpg")
    storage = photo_storage()
    before = files_under(storage)

    with pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.all().delete()
        raise RuntimeError("the save failed afterwards")

    assert Photo.objects.count() == 1
    assert files_under(storage) == before


class FullDisk(ContentFile):
    """Content whose second chunk cannot be written: the disk is full."""

    def chunks(self, chunk_size=None):
        yield self.read(1000)
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_half_way_leaves_no_file():
    storage = photo_storage()

    with pytest.raises(OSError):
        storage.save("photos/ab/abc/1600.webp", FullDisk(b"x" * 5000))

    assert files_under(storage) == []


def test_a_whole_write_leaves_no_part_file():
    storage = photo_storage()

    name = storage.save("photos/ab/abc/400.jpg", ContentFile(b"data"))

    assert name == "photos/ab/abc/400.jpg"
    assert [os.path.basename(path) for path in files_under(storage)] == ["400.jpg"]
    assert not any(PART_PREFIX in path for path in files_under(storage))


def test_an_upload_the_disk_cannot_hold_is_refused_and_leaves_nothing(
    gallery, batch, monkeypatch
):
    def full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(photo_storage()), "_save", full)

    result = add_photo(
        gallery=gallery, file=io.BytesIO(jpeg_bytes()), name="a.jpg", batch=batch
    )

    assert result.status == "refused"
    assert "could not be stored" in result.message
    assert not Photo.objects.exists()


def test_clean_photos_removes_part_files_and_files_of_deleted_photos(add, gallery):
    from django.core.management import call_command

    add(jpeg_bytes(), "kept.jpg")
    storage = photo_storage()
    kept = files_under(storage)
    orphan = storage.save("photos/zz/zzzz/original.jpg", ContentFile(b"old"))
    part = storage.path("photos/zz/zzzz/") + PART_PREFIX + "killed"
    with open(part, "wb") as f:
        f.write(b"half")
    old = 1_000_000_000
    for path in (storage.path(orphan), part):
        os.utime(path, (old, old))

    out = io.StringIO()
    call_command("clean_photos", stdout=out)

    assert sorted(files_under(storage)) == sorted(kept)
    assert "2 files removed." in out.getvalue()
