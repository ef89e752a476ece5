"""Resumable uploads: the core of the tus 1.0 protocol (https://tus.io),
with its creation, termination and expiration extensions.

Why here and not a package: the Django tus servers on PyPI are either
unmaintained (django-tus, last release 2020) or built on Django REST
framework with pinned, retired dependencies (drf-tus needs DRF, django-fsm
2.8 and jsonfield). The protocol's core is small; the client (Uppy with
tus-js-client, static/vendor/uppy/) is the maintained part that matters.

Each PATCH is one chunk (the page sends 5 MB), stored whole in the photo
storage under uploads/<id>/<offset> before the offset moves on, so a chunk
cut short by a dropped connection is simply sent again and any app server
can take the next one. When the last chunk is in, the chunks are joined into
a temporary file and checked like any upload (`add_upload`: type, size,
pixels, bombs, the same-file check) before anything becomes a photo; the
chunks are deleted either way. An upload not finished within a day expires
(`manage.py clean_uploads` removes it).
"""

import base64
import binascii
import logging
import tempfile

from django.core.files.base import ContentFile
from django.db import transaction

from racing.models import PartialUpload
from racing.models.media import photo_storage
from racing.services.uploads import (
    Batch,
    UploadRefused,
    add_upload,
    max_bytes,
    not_a_photo_message,
    sniff,
)

logger = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,termination,expiration"
MAX_CHUNK = 16 * 1024 * 1024
READ = 1024 * 1024


class Conflict(Exception):
    """The chunk does not start where the upload stands (HTTP 409)."""


def max_length() -> int:
    """A photo, or a zip of photos (the zip's members are checked one by one)."""
    return 20 * max_bytes()


def parse_metadata(header: str) -> dict[str, str]:
    """Upload-Metadata: comma-separated "key base64(value)" pairs."""
    metadata = {}
    for pair in filter(None, (part.strip() for part in header.split(","))):
        key, _space, encoded = pair.partition(" ")
        try:
            metadata[key] = base64.b64decode(encoded, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise ValueError(key) from None
    return metadata


def create_upload(*, gallery, user, length: int, filename: str, batch: Batch):
    return PartialUpload.objects.create(
        gallery=gallery,
        user=user,
        length=length,
        filename=filename[:255],
        batch=batch.__dict__,
    )


def append_chunk(*, upload: PartialUpload, offset: int, data: bytes) -> int:
    """Keep one chunk that starts at `offset`; returns the new offset. The
    first chunk must look like a photo or a zip, or the upload ends there."""
    if offset == 0 and (len(data) >= 64 or len(data) == upload.length):
        head = data[:512]
        if not head.startswith(b"PK\x03\x04") and sniff(head) not in (
            "jpeg",
            "png",
            "webp",
            "heic",
        ):
            delete_upload(upload)
            raise UploadRefused(upload.filename, not_a_photo_message())
    if offset + len(data) > upload.length:
        raise Conflict
    storage = photo_storage()
    with transaction.atomic():
        locked = PartialUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.offset != offset or locked.results is not None:
            raise Conflict
        name = locked.chunk_name(offset)
        if storage.exists(name):  # left by a request that died before saving
            storage.delete(name)
        storage.save(name, ContentFile(data))
        locked.offset = offset + len(data)
        locked.save(update_fields=["offset"])
    upload.offset = locked.offset
    return upload.offset


def finish_upload(*, upload: PartialUpload, user) -> list[dict]:
    """Check the whole file as the plain upload does; the chunks go."""
    storage = photo_storage()
    batch = Batch(**upload.batch)
    try:
        with tempfile.TemporaryFile() as whole:
            for name in chunk_names(upload):
                with storage.open(name, "rb") as chunk:
                    while piece := chunk.read(READ):
                        whole.write(piece)
            whole.seek(0)
            results = add_upload(
                gallery=upload.gallery,
                file=whole,
                name=upload.filename,
                batch=batch,
                user=user,
            )
    finally:
        delete_chunks(upload)
    upload.results = [result.as_json() for result in results]
    upload.save(update_fields=["results"])
    return upload.results


def chunk_names(upload: PartialUpload) -> list[str]:
    storage = photo_storage()
    try:
        _dirs, files = storage.listdir(upload.folder)
    except FileNotFoundError:
        return []
    return [f"{upload.folder}/{name}" for name in sorted(files) if name.isdigit()]


def delete_chunks(upload: PartialUpload) -> None:
    storage = photo_storage()
    for name in chunk_names(upload):
        storage.delete(name)


def delete_upload(upload: PartialUpload) -> None:
    delete_chunks(upload)
    upload.delete()


def clean_expired() -> int:
    """Remove the uploads not finished within their day; returns how many."""
    count = 0
    for upload in PartialUpload.objects.expired():
        delete_upload(upload)
        count += 1
    return count
