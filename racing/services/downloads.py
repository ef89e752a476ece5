"""Journalist downloads: copies with embedded credits, file hand-over, zips.

Download copies (the original and the 2560 px JPEG with caption, credit and
licence embedded, GPS and serial numbers removed) are made once by the photo
task and remade only when the embedded fields change, so a download is a plain
file the web server can send (X-Accel-Redirect) without Python in the way.
"""

import io
import logging
import zipfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import content_disposition_header

from racing.models import DownloadDay, Gallery, Photo
from racing.models.media import WEB_DOWNLOAD_WIDTH

from . import images, metadata

logger = logging.getLogger(__name__)
CHUNK = 256 * 1024
KINDS = ("web", "original")


def photo_download_queryset():
    """Photos with all that `metadata_for` reads, in a fixed number of queries."""
    return Photo.objects.select_related(
        "gallery__event__season__series", "gallery__event__circuit", "licence"
    ).prefetch_related("drivers")


def prepare_downloads(*, photo: Photo, force: bool = False) -> bool:
    """Make the download copies of `photo` if its embedded fields changed.
    Returns whether anything was written."""
    meta = metadata.metadata_for(photo)
    fingerprint = meta.fingerprint()
    if fingerprint == photo.downloads_fingerprint and not force:
        return False
    storage = photo.original.storage
    with storage.open(photo.original.name, "rb") as original:
        original_bytes = original.read()
    if photo.original_is_downloadable:
        full_size = original_bytes
    else:
        full_size = images.full_size_jpeg(io.BytesIO(original_bytes))
    images.save_file(
        storage, photo.download_name("original"), metadata.embed(full_size, meta)
    )
    web_width = _web_width(photo)
    web_name = photo.rendition_name(web_width, "jpeg")
    if storage.exists(web_name):
        with storage.open(web_name, "rb") as web:
            web_bytes = web.read()
    else:
        web_bytes = images.build_renditions(
            io.BytesIO(original_bytes), widths=[web_width], formats=["jpeg"]
        )[0].data
    images.save_file(
        storage, photo.download_name("web"), metadata.embed(web_bytes, meta)
    )
    photo.downloads_fingerprint = fingerprint
    Photo.objects.filter(pk=photo.pk).update(downloads_fingerprint=fingerprint)
    return True


def _web_width(photo):
    long_side = max(photo.width, photo.height)
    return images.widths_for(long_side, [WEB_DOWNLOAD_WIDTH, long_side])[0]


def download_filename(photo: Photo, kind: str) -> str:
    suffix = photo.download_name(kind).rsplit(".", 1)[-1]
    label = "" if kind == "original" else "-web"
    return f"{photo.gallery.event.slug}-{photo.gallery.slug}-{photo.pk}{label}.{suffix}"


def send_file(
    storage,
    name: str,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    public: bool = True,
) -> HttpResponse:
    """Hand a file of the private photo storage to the client.

    With RACING_X_ACCEL_PREFIX set (nginx, see docs/photo-desk.md) the web
    server sends the file; else Django streams it (development, or storages
    without a web server in front, such as S3 behind RACING_PHOTO_REDIRECT)."""
    prefix = getattr(settings, "RACING_X_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type or "")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name
    elif getattr(settings, "RACING_PHOTO_REDIRECT", False):
        # S3 and friends: a short-lived signed URL made by the storage.
        response = HttpResponseRedirect(storage.url(name))
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    if public and response.status_code == 302:
        # The signed URL expires (django-storages: after an hour); the redirect
        # must not outlive it in a cache.
        response["Cache-Control"] = "public, max-age=600"
    elif public:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def count_download(*, kind: str, gallery_id: int, photo_id: int | None = None):
    """Count one download, all-time and for today; a failure is logged and
    never breaks the download."""
    try:
        if kind == "zip":
            Gallery.objects.filter(pk=gallery_id).update(
                zip_downloads=F("zip_downloads") + 1
            )
        else:
            column = f"{kind}_downloads"
            Photo.objects.filter(pk=photo_id).update(**{column: F(column) + 1})
        _count_today(kind=kind, gallery_id=gallery_id, photo_id=photo_id)
    except DatabaseError:
        logger.exception("Could not count a %s download", kind)


def _count_today(*, kind: str, gallery_id: int, photo_id: int | None):
    day = timezone.localdate()
    rows = DownloadDay.objects.filter(day=day, kind=kind, photo_id=photo_id)
    if photo_id is None:
        rows = rows.filter(gallery_id=gallery_id)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():  # a savepoint: the first of the day may race
            DownloadDay.objects.create(
                day=day, kind=kind, gallery_id=gallery_id, photo_id=photo_id, count=1
            )
    except IntegrityError:
        rows.update(count=F("count") + 1)


class _Sink:
    """A write-only file that hands what zipfile writes to a generator."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def credits_text(entries: Iterable[tuple[str, Photo]]) -> str:
    lines = ["File\tCaption\tCredit\tLicence", ""]
    for name, photo in entries:
        # One line per photo, tab-separated: no field may hold a tab or a newline.
        fields = (
            name,
            photo.caption or photo.alt_text,
            photo.credit,
            photo.licence.text,
        )
        lines.append("\t".join(" ".join(str(field).split()) for field in fields))
    return "\n".join(lines) + "\n"


def stream_gallery_zip(*, photos: Iterable[Photo]) -> Iterator[bytes]:
    """A zip of the photos' original downloads plus CREDITS.txt, produced while
    it is sent: memory holds one chunk whatever the gallery size. The originals
    are already compressed JPEGs, so they are stored, not deflated again."""
    sink = _Sink()
    archive = zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED)
    written = []
    used = set()
    for photo in photos:
        prepare_downloads(photo=photo)
        name = _unique(download_filename(photo, "original"), used)
        storage = photo.original.storage
        info = zipfile.ZipInfo(name, date_time=_zip_time(photo))
        info.compress_type = zipfile.ZIP_STORED
        with (
            storage.open(photo.download_name("original"), "rb") as source,
            archive.open(info, mode="w", force_zip64=True) as target,
        ):
            yield sink.take()  # the entry's header goes out before its data
            while chunk := source.read(CHUNK):
                target.write(chunk)
                yield sink.take()
        if tail := sink.take():
            yield tail
        written.append((name, photo))
    archive.writestr("CREDITS.txt", credits_text(written).encode())
    archive.close()
    yield sink.take()


def _unique(name, used):
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}{dot}{ext}"
    used.add(candidate)
    return candidate


def _zip_time(photo):
    moment = timezone.localtime(photo.taken_at or photo.uploaded_at)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
