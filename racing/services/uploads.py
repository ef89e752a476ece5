"""Bulk upload of photos: checking each file, then storing it as a Photo.

A refused file raises `UploadRefused` with a message naming the file and the
reason, before anything is written; a file already in the gallery (same
content hash) is reported as a duplicate and skipped, so a batch can be sent
again after a broken connection.
"""

import datetime as dt
import hashlib
import logging
import re
import shutil
import tempfile
import time
import warnings
import zipfile
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from racing.models import Gallery, Photo

logger = logging.getLogger(__name__)

ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}
# ISO BMFF brands of HEIF stills (HEVC-coded; "mif1" is the generic one).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"}
CHUNK = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


def max_pixels() -> int:
    return getattr(settings, "RACING_MAX_PHOTO_PIXELS", 60_000_000)


def max_bytes() -> int:
    return getattr(settings, "RACING_MAX_PHOTO_BYTES", 80 * 1024 * 1024)


class UploadRefused(Exception):
    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass
class CheckedImage:
    format: str  # "jpeg", "png", "webp" or "heic"
    width: int  # upright, after the EXIF orientation
    height: int
    size: int
    content_hash: str
    taken_at: dt.datetime | None = None


@dataclass
class UploadResult:
    name: str
    status: str  # "created", "duplicate" or "refused"
    message: str
    photo: Photo | None = field(default=None, repr=False)

    def as_json(self) -> dict:
        data = {"name": self.name, "status": self.status, "message": self.message}
        if self.photo is not None:
            data["photo"] = self.photo.pk
        return data


def sniff(head: bytes) -> str | None:
    """The format the first bytes announce, whatever the file is called."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text or text.startswith(b"<?xml"):
        return "svg"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "html"
    return None


# SOF0-SOF15 but DHT, JPG and DAC: the frame header that starts the image.
JPEG_FRAMES = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RST0-7: no length
MAX_JPEG_SEGMENTS = 4096


def jpeg_has_frame(file) -> bool:
    """Walk a JPEG's segments to its frame header, reading only their headers.

    Pillow hunts byte by byte for the next marker when a JPEG's structure is
    broken: "FF D8 FF E0" and 79 MB of zeros cost it minutes of CPU. A real
    JPEG reaches its frame after a handful of segments, whatever their size.
    """
    file.seek(2)
    try:
        for _segment in range(MAX_JPEG_SEGMENTS):
            if file.read(1) != b"\xff":
                return False
            marker = file.read(1)
            for _fill in range(64):  # a few 0xFF fill bytes may pad a marker
                if marker != b"\xff":
                    break
                marker = file.read(1)
            if not marker or marker in (b"\xff", b"\xd8", b"\xd9"):
                return False
            if marker[0] in JPEG_FRAMES:
                return True
            if marker[0] in JPEG_STANDALONE:
                continue
            length = int.from_bytes(file.read(2) or b"\x00", "big")
            if length < 2:
                return False
            file.seek(length - 2, 1)
        return False
    finally:
        file.seek(0)


def hash_file(file) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


def check_image(file, *, name: str, tz: dt.tzinfo | None = None) -> CheckedImage:
    """Prove `file` is a whole JPEG, PNG, WebP or HEIC photo within the limits."""
    file.seek(0)
    kind = sniff(file.read(512))
    file.seek(0)
    if kind in ("svg", "html"):
        raise UploadRefused(
            name,
            _(
                "this is an SVG or HTML document, not a photo: only JPEG, PNG, "
                "WebP and HEIC."
            ),
        )
    if kind is None:
        raise UploadRefused(name, not_a_photo_message())
    content_hash, size = hash_file(file)
    if size > max_bytes():
        raise UploadRefused(
            name,
            _("the file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": size // 2**20, "limit": max_bytes() // 2**20},
        )
    if kind == "jpeg" and not jpeg_has_frame(file):
        raise UploadRefused(
            name, _("not a whole JPEG: its structure is broken before the image.")
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=list(ACCEPTED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UploadRefused(name, bomb_message()) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise UploadRefused(
                name,
                _("the file is damaged or not a JPEG, PNG, WebP or HEIC image."),
            ) from None
    with image:
        declared = image.size
        pixels = image.width * image.height
        # A real photo compresses to a few pixels per byte; thousands mean a
        # small file that would expand to gigabytes in memory.
        if pixels > 16_000_000 and pixels / max(size, 1) > 1000:
            raise UploadRefused(name, bomb_message())
        if pixels > max_pixels():
            raise UploadRefused(
                name,
                _("the image is %(mp).0f megapixels; the limit is %(limit).0f.")
                % {"mp": pixels / 1e6, "limit": max_pixels() / 1e6},
            )
        if ACCEPTED_FORMATS.get(image.format) != kind:
            raise UploadRefused(name, not_a_photo_message())
        exif = image.getexif()
        try:
            if image.format == "JPEG":
                # Decoding at 1/8 scale still reads every byte of the file.
                image.draft("RGB", (image.width // 8 or 1, image.height // 8 or 1))
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise UploadRefused(
                name,
                _("the file is truncated or damaged; upload it again."),
            ) from None
    width, height = oriented_size(exif, pixels_size=declared)
    file.seek(0)
    return CheckedImage(
        format=kind,
        width=width,
        height=height,
        size=size,
        content_hash=content_hash,
        taken_at=taken_at(exif, tz=tz),
    )


def not_a_photo_message() -> str:
    return _("not a JPEG, PNG, WebP or HEIC image.")


def bomb_message() -> str:
    return _(
        "refused as a decompression bomb: it declares far more pixels than it holds."
    )


def oriented_size(exif, *, pixels_size: tuple[int, int]) -> tuple[int, int]:
    width, height = pixels_size
    if exif.get(0x0112) in (5, 6, 7, 8):  # rotated by 90 or 270 degrees
        return height, width
    return width, height


def taken_at(exif, *, tz: dt.tzinfo | None) -> dt.datetime | None:
    """DateTimeOriginal, in its own offset if recorded, else the track's zone."""
    ifd = exif.get_ifd(0x8769)
    raw = ifd.get(0x9003) or exif.get(0x0132)
    if not isinstance(raw, str):
        return None
    try:
        moment = dt.datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = ifd.get(0x9011)
    if isinstance(offset, str):
        try:
            return dt.datetime.fromisoformat(moment.isoformat() + offset.strip("\x00 "))
        except ValueError:
            pass
    return moment.replace(tzinfo=tz or dt.UTC)


@dataclass
class Batch:
    """What the press officer set for the whole batch."""

    licence_id: int
    credit: str
    caption: str = ""
    alt_text: str = ""
    session_id: int | None = None
    driver_ids: list[int] = field(default_factory=list)
    is_published: bool = True


def add_photo(*, gallery: Gallery, file, name: str, batch: Batch, user=None):
    """Check `file` and store it in `gallery`; returns an UploadResult."""
    try:
        checked = check_image(file, name=name, tz=_track_zone(gallery))
    except UploadRefused as refused:
        return UploadResult(name, "refused", f"{name}: {refused.reason}")
    existing = Photo.objects.filter(
        gallery=gallery, content_hash=checked.content_hash
    ).first()
    if existing is not None and existing.needs_retry:
        # Sent again because it never became ready: try it once more.
        from racing.tasks import queue_photos

        transaction.on_commit(lambda: queue_photos([existing.pk]))
        return UploadResult(
            name,
            "created",
            _("%(name)s: already here but not processed; processing it again.")
            % {"name": name},
            existing,
        )
    if existing is not None:
        return _duplicate(name)
    photo = Photo(
        gallery=gallery,
        original_filename=name.rsplit(" › ", 1)[-1].rsplit("/", 1)[-1][:255],
        original_format=checked.format,
        content_hash=checked.content_hash,
        width=checked.width,
        height=checked.height,
        file_size=checked.size,
        taken_at=checked.taken_at,
        caption=batch.caption,
        alt_text=batch.alt_text,
        credit=batch.credit,
        licence_id=batch.licence_id,
        session_id=batch.session_id,
        is_published=batch.is_published,
        renditions_pending=True,
        uploaded_by=user if user and user.is_authenticated else None,
        order=_next_order(gallery),
    )
    file.seek(0)
    try:
        photo.original.save(name, File(file), save=False)
    except OSError:
        logger.exception("Could not store the original of %s", name)
        return UploadResult(
            name,
            "refused",
            _(
                "%(name)s: could not be stored (the server's disk may be full); "
                "nothing was kept, send it again later."
            )
            % {"name": name},
        )
    try:
        with transaction.atomic():
            photo.save()
            if batch.driver_ids:
                photo.drivers.set(batch.driver_ids)
    except IntegrityError:
        photo.original.delete(save=False)
        return _duplicate(name)
    except BaseException:
        photo.original.delete(save=False)
        raise
    from racing.tasks import process_photo

    transaction.on_commit(lambda: process_photo.enqueue(photo.pk))
    return UploadResult(name, "created", _("%(name)s: added.") % {"name": name}, photo)


def already_here(*, gallery: Gallery, files: list[tuple[str, str]]) -> list[dict]:
    """The upload page asks before sending: of these (name, SHA-256) pairs,
    the files `gallery` already holds, each as the upload would report it.

    A photographer drops the whole card again after a few more shots, or the
    browser was closed halfway; over a media centre's network, sending a
    hundred 25 MB files only for the server to skip them costs minutes. The
    digest is the client's word, used for nothing but not sending: a file
    sent anyway is checked by its own bytes (`add_photo`). A photo that never
    became ready is not reported, so sending it again processes it again."""
    digests = {digest for _name, digest in files if SHA256.fullmatch(digest)}
    known = set(
        Photo.objects.filter(gallery=gallery, content_hash__in=digests)
        .exclude(pk__in=Photo.objects.needing_retry().values("pk"))
        .values_list("content_hash", flat=True)
    )
    return [
        {"sha256": digest, **_duplicate(name).as_json()}
        for name, digest in files
        if digest in known
    ]


def _duplicate(name):
    return UploadResult(
        name,
        "duplicate",
        _("%(name)s: already in this gallery, skipped.") % {"name": name},
    )


def _next_order(gallery):
    last = (
        Photo.objects.filter(gallery=gallery)
        .order_by("-order")
        .values_list("order", flat=True)
        .first()
    )
    return (last or 0) + 1


def _track_zone(gallery):
    try:
        return zoneinfo.ZoneInfo(gallery.event.circuit.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


MAX_ZIP_RATIO = 100


def cpu_budget() -> float:
    """CPU seconds one upload request may spend checking files."""
    return getattr(settings, "RACING_UPLOAD_CPU_SECONDS", 60)


def zip_members(
    file, *, name: str, deadline: float = float("inf")
) -> Iterator[tuple[str, object]]:
    """Each photo in a zip as (name, temporary file), or UploadRefused for the
    zip or one member. Limits stop zip bombs before anything is extracted;
    past `deadline` (this thread's CPU time) the rest are not even extracted."""
    max_members = getattr(settings, "RACING_MAX_ZIP_MEMBERS", 2000)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        raise UploadRefused(name, _("not a readable zip file.")) from None
    with archive:
        # macOS adds a __MACOSX/ twin of every file: not the photographer's.
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not info.filename.startswith("__MACOSX/")
        ]
        if len(members) > max_members:
            raise UploadRefused(
                name,
                _("the zip holds %(count)d files; the limit is %(limit)d.")
                % {"count": len(members), "limit": max_members},
            )
        for index, info in enumerate(members):
            member_name = f"{name} › {info.filename}"
            # The first member is always checked.
            if index and time.thread_time() > deadline:
                yield (
                    member_name,
                    UploadRefused(
                        member_name,
                        _(
                            "not checked: this upload used its share of the "
                            "server's time; send it again on its own or in a "
                            "smaller zip."
                        ),
                    ),
                )
                continue
            if info.filename.rsplit("/", 1)[-1].startswith("."):
                yield (
                    member_name,
                    UploadRefused(
                        member_name,
                        _("a hidden file (its name starts with a dot), skipped."),
                    ),
                )
                continue
            if info.flag_bits & 0x1:
                yield (
                    member_name,
                    UploadRefused(member_name, _("encrypted files cannot be read.")),
                )
                continue
            if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                # Photos are compressed already: a member that shrank a
                # hundredfold in the zip is mostly nothing (zeros).
                yield member_name, UploadRefused(member_name, bomb_message())
                continue
            if info.file_size > max_bytes():
                yield (
                    member_name,
                    UploadRefused(
                        member_name,
                        _("the file is %(size)d MB; the limit is %(limit)d MB.")
                        % {
                            "size": info.file_size // 2**20,
                            "limit": max_bytes() // 2**20,
                        },
                    ),
                )
                continue
            with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spool:
                try:
                    with archive.open(info) as source:
                        shutil.copyfileobj(source, spool, CHUNK)
                except (zipfile.BadZipFile, OSError, EOFError):
                    yield (
                        member_name,
                        UploadRefused(
                            member_name, _("this file in the zip is damaged.")
                        ),
                    )
                    continue
                spool.seek(0)
                yield member_name, spool


def add_upload(*, gallery: Gallery, file, name: str, batch: Batch, user=None):
    """One uploaded file, which may be a zip of photos: a list of UploadResult."""
    file.seek(0)
    head = file.read(4)
    file.seek(0)
    if head != b"PK\x03\x04":
        return [
            add_photo(gallery=gallery, file=file, name=name, batch=batch, user=user)
        ]
    results = []
    # A budget stops a zip of many costly files (whatever Pillow makes of
    # them) from holding a worker for minutes.
    deadline = time.thread_time() + cpu_budget()
    try:
        for member_name, member in zip_members(file, name=name, deadline=deadline):
            if isinstance(member, UploadRefused):
                results.append(UploadResult(member_name, "refused", str(member)))
                continue
            results.append(
                add_photo(
                    gallery=gallery,
                    file=member,
                    name=member_name,
                    batch=batch,
                    user=user,
                )
            )
    except UploadRefused as refused:
        results.append(UploadResult(name, "refused", str(refused)))
    return results
