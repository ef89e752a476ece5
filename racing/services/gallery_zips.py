"""A gallery's zip, built once per version of the gallery and then sent like
any other photo file (nginx X-Accel-Redirect, or the bucket's signed URL).

A zip streamed by Django held a request worker for the whole download: three
journalists on slow lines took the site down. Now a worker spends seconds
building the zip in the background; downloads cost the app servers nothing.
A version is what a zip holds: which photos, in which order, with which
embedded captions and credits; any change makes a new zip and drops the old.
"""

import hashlib
import tempfile
from collections.abc import Sequence

from django.core.files import File

from racing.models import Gallery, Photo

from . import metadata
from .downloads import photo_download_queryset, stream_gallery_zip


def zip_photos(gallery: Gallery) -> list[Photo]:
    """What the public zip holds: the published, processed photos in order."""
    return list(
        photo_download_queryset()
        .filter(gallery=gallery, is_published=True)
        .ready()
        .order_by("order", "taken_at", "pk")
    )


def zip_version(gallery: Gallery, photos: Sequence[Photo]) -> str:
    # The embedded fields as they are now, not as the last copies were made:
    # a caption edited a moment ago is a new version.
    parts = [gallery.zip_filename] + [
        f"{photo.pk}:{metadata.metadata_for(photo).fingerprint()}" for photo in photos
    ]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:20]


def zip_folder(gallery: Gallery) -> str:
    return f"photos/galleries/{gallery.pk}"


def zip_name(gallery: Gallery, version: str) -> str:
    return f"{zip_folder(gallery)}/{version}.zip"


def storage():
    return Photo._meta.get_field("original").storage


def build_gallery_zip(*, gallery: Gallery) -> str | None:
    """Write the zip of the gallery's current version (once); returns its name,
    or None when the gallery has no photo to zip. Older versions are removed."""
    photos = zip_photos(gallery)
    if not photos:
        return None
    name = zip_name(gallery, zip_version(gallery, photos))
    files = storage()
    if not files.exists(name):
        with tempfile.TemporaryFile() as spool:
            for chunk in stream_gallery_zip(photos=photos):
                spool.write(chunk)
            spool.seek(0)
            files.save(name, File(spool))
    _remove_other_versions(files, gallery, keep=name)
    return name


def _remove_other_versions(files, gallery, *, keep):
    try:
        _dirs, names = files.listdir(zip_folder(gallery))
    except FileNotFoundError:
        return
    for other in names:
        path = f"{zip_folder(gallery)}/{other}"
        if path != keep and other.endswith(".zip"):
            files.delete(path)
