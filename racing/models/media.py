"""Photo galleries: licences, galleries of a race weekend, and their photos.

Every photo file (original, renditions, download copies) lives in the photo
storage, which the web server never serves directly: the views check that the
photo is published before handing the file over (X-Accel-Redirect in
production, see docs/photo-desk.md). Files of one photo share a folder named
after its unguessable `file_key`.
"""

import os
import secrets
import tempfile
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .calendar import Event, Session
from .localized import Localized
from .people import Driver

# Long side of each rendition in pixels, and the formats made at each size.
RENDITION_WIDTHS = (400, 800, 1600, 2560)
RENDITION_FORMATS = ("avif", "webp", "jpeg")
# The sizes the admin and the gallery grids use, made first in a task of their
# own so a new photo shows in the admin within seconds of its upload while a
# batch is processing; the large sizes follow. In every format: the large
# sizes then start from their own decode without resizing down to 400 again.
THUMBNAIL_MAX_WIDTH = 800
WEB_DOWNLOAD_WIDTH = 2560


PART_PREFIX = ".part-"


class PhotoStorage(FileSystemStorage):
    """Photo files on local disk, in a folder beside MEDIA_ROOT (never below it,
    so the web server's public /media/ location cannot reach them).

    Files are written whole or not at all: into a hidden part file beside the
    target, then linked into place. A full disk or a killed process leaves no
    truncated photo under a name the site serves (`manage.py clean_photos`
    removes part files left by a killed process).
    """

    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=directory, prefix=PART_PREFIX)
        try:
            with os.fdopen(fd, "wb") as target:
                for chunk in content.chunks():
                    target.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                target.flush()
                os.fsync(target.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(part, self.file_permissions_mode)
            while True:
                try:
                    os.link(part, self.path(name))  # never replaces a file
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            os.unlink(part)
        return str(name).replace("\\", "/")

    @cached_property
    def base_location(self):
        default = getattr(settings, "RACING_PHOTO_ROOT", None) or (
            Path(settings.MEDIA_ROOT).parent
            / f"{Path(settings.MEDIA_ROOT).name}-photos"
        )
        return self._value_or_setting(self._location, default)


_local_photo_storage = PhotoStorage()


def photo_storage():
    """STORAGES["photos"] when configured (e.g. a private S3 bucket), else local."""
    if "photos" in settings.STORAGES:
        return storages["photos"]
    return _local_photo_storage


def new_file_key():
    return secrets.token_hex(12)


def original_path(photo, filename):
    suffix = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "heic": ".heic"}.get(
        photo.original_format, Path(filename).suffix.lower()
    )
    return f"photos/{photo.file_key[:2]}/{photo.file_key}/original{suffix}"


class Licence(models.Model):
    """Terms a journalist may use a photo under, maintained by the press officer."""

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("e.g. Free rights to use")
    )
    text = models.TextField(
        _("usage terms"),
        help_text=_(
            "Shown to journalists and embedded in every download, "
            "e.g. Free rights to use image."
        ),
    )
    url = models.URLField(_("link to full terms"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self):
        return self.name


class GalleryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_season(self, season):
        return self.filter(event__season=season)

    def with_driver(self, driver):
        photos = Photo.objects.published().filter(
            gallery=OuterRef("pk"), drivers=driver
        )
        return self.filter(Exists(photos))


class Gallery(models.Model):
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="galleries",
        verbose_name=_("event"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="galleries",
        verbose_name=_("session"),
        help_text=_("Optional: the session these photos come from."),
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(
        _("description (Swedish)"), blank=True, help_text=_("Empty: the English one.")
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Unpublished galleries and their files are hidden from the public."
        ),
    )
    cover_photo = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
        help_text=_("Empty: the first published photo."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    zip_downloads = models.PositiveIntegerField(
        _("zip downloads"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GalleryQuerySet.as_manager()

    class Meta:
        ordering = ["-event__start_date", "order", "pk"]
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("racing:gallery-detail", kwargs={"slug": self.slug})

    @property
    def zip_filename(self):
        return f"{self.event.slug}-{self.slug}.zip"

    local_description = Localized("description")


class PhotoQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, gallery__is_published=True)

    def ready(self):
        """Every rendition has been made (not only the thumbnails)."""
        return self.exclude(renditions={}).filter(renditions_pending=False)

    def for_driver(self, driver):
        return self.filter(drivers=driver)

    def needing_retry(self):
        """Failed, or stalled (see `Photo.is_stalled`): to process again."""
        limit = timezone.now() - timedelta(minutes=settings.RACING_PHOTO_STALE_MINUTES)
        waiting = [Processing.QUEUED, Processing.PROCESSING]
        return self.filter(
            Q(processing=Processing.FAILED)
            | Q(processing__in=waiting, processing_changed_at__lt=limit)
        )

    def latest(self):
        return self.order_by(
            "-gallery__event__start_date", "-is_highlight", "-taken_at", "-pk"
        )

    def for_report(self, report):
        """Published photos of the report's weekend that show one of its drivers,
        best first: highlights, then the report's own sessions, then the newest."""
        # The report's drivers and sessions are usually prefetched: their
        # keys make a plainer query than subqueries would.
        drivers = [driver.pk for driver in report.drivers.all()]
        if not drivers:
            return self.none()
        sessions = [session.pk for session in report.sessions.all()]
        shows_driver = Photo.drivers.through.objects.filter(
            photo=OuterRef("pk"), driver__in=drivers
        )
        in_sessions = Q(session__in=sessions) | Q(gallery__session__in=sessions)
        return (
            self.published()
            .ready()
            .filter(gallery__event_id=report.event_id)
            .filter(Exists(shows_driver))
            .alias(
                in_report_sessions=models.Case(
                    models.When(in_sessions, then=1),
                    default=0,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("-is_highlight", "-in_report_sessions", "-taken_at", "pk")
        )


def _step(percent) -> int:
    return min(100, max(0, 5 * round((percent or 0) / 5)))


class Processing(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Photo(models.Model):
    Processing = Processing

    gallery = models.ForeignKey(
        Gallery,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("gallery"),
    )
    original = models.FileField(
        _("original"), storage=photo_storage, upload_to=original_path, max_length=200
    )
    original_filename = models.CharField(_("uploaded as"), max_length=255)
    original_format = models.CharField(_("format"), max_length=4, editable=False)
    content_hash = models.CharField(_("SHA-256"), max_length=64, editable=False)
    file_key = models.CharField(
        max_length=24, unique=True, default=new_file_key, editable=False
    )
    caption = models.TextField(_("caption"), blank=True)
    caption_sv = models.TextField(
        _("caption (Swedish)"),
        blank=True,
        help_text=_("For the Swedish pages; files carry the English caption."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for screen readers. Empty: the caption."),
    )
    alt_text_sv = models.CharField(_("alt text (Swedish)"), max_length=250, blank=True)
    # Where the subject is, in percent from the left and the top: every crop
    # (cards, heroes, portraits, social images) keeps this point in frame.
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    credit = models.CharField(
        _("credit"),
        max_length=150,
        help_text=_("Photographer or agency, e.g. FIA WTCR"),
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        related_name="photos",
        verbose_name=_("licence"),
    )
    drivers = models.ManyToManyField(
        Driver, blank=True, related_name="photos", verbose_name=_("drivers shown")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("session"),
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    is_highlight = models.BooleanField(
        _("highlight"),
        default=False,
        help_text=_("Preferred as hero photo of race reports and on driver pages."),
    )
    # {"jpeg": [400, 800, ...], "webp": [...], "avif": [...]}; empty until made.
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)
    # A new photo whose renditions are not all made yet: its thumbnails show
    # in the admin, the public sees it once this is cleared.
    renditions_pending = models.BooleanField(default=False, editable=False)
    # Where the background work of this photo stands, for the press officer.
    processing = models.CharField(
        _("processing"),
        max_length=10,
        choices=Processing,
        default=Processing.QUEUED,
        editable=False,
    )
    processing_error = models.CharField(
        _("processing error"), max_length=300, blank=True, editable=False
    )
    processing_changed_at = models.DateTimeField(
        _("processing changed"), default=timezone.now, editable=False
    )
    # Fingerprint of the metadata embedded in the current download copies.
    downloads_fingerprint = models.CharField(max_length=40, blank=True, editable=False)
    web_downloads = models.PositiveIntegerField(
        _("web downloads"), default=0, editable=False
    )
    original_downloads = models.PositiveIntegerField(
        _("original downloads"), default=0, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["gallery", "order", "taken_at", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["gallery", "content_hash"],
                name="photo_once_per_gallery",
                violation_error_message=_("This photo is already in the gallery."),
            ),
        ]
        indexes = [models.Index(fields=["gallery", "order"])]

    def __str__(self):
        return self.caption[:60] or self.original_filename

    def get_absolute_url(self):
        return reverse(
            "racing:photo-detail",
            kwargs={"slug": self.gallery.slug, "pk": self.pk},
        )

    @property
    def description(self):
        return self.alt_text or self.caption or self.original_filename

    @property
    def focal_class(self):
        """CSS classes that crop around the focal point: "fx-35 fy-60", in
        steps of 5 % (static/css/site.css; the CSP allows no inline styles)."""
        return f"fx-{_step(self.focal_x)} fy-{_step(self.focal_y)}"

    @property
    def social_image_url(self):
        """The 1200 x 630 Open Graph picture, cut around the focal point on
        first request (services/crops.py)."""
        return self.file_url(f"{self.folder}/social-{self.focal_x}-{self.focal_y}.jpg")

    local_caption = Localized("caption")
    local_alt_text = Localized("alt_text")

    @property
    def local_description(self):
        """The alt text, else the caption, in the reader's language."""
        return self.local_alt_text or self.local_caption or self.original_filename

    @property
    def is_ready(self):
        """Every rendition is made: the photo can be shown to the public."""
        return bool(self.renditions) and not self.renditions_pending

    @property
    def has_thumbnails(self):
        """The small renditions exist: the admin can show the photo."""
        return bool(self.renditions)

    @property
    def is_public(self):
        """Shown to fans: published, in a published gallery, renditions made."""
        return self.is_published and self.gallery.is_published and self.is_ready

    @property
    def is_stalled(self):
        """Queued or processing for longer than any photo takes: the worker
        stopped (killed, restarted) and the photo needs another try."""
        waiting = self.processing in (Processing.QUEUED, Processing.PROCESSING)
        limit = timezone.now() - timedelta(minutes=settings.RACING_PHOTO_STALE_MINUTES)
        return waiting and self.processing_changed_at < limit

    @property
    def needs_retry(self):
        return self.processing == Processing.FAILED or self.is_stalled

    @property
    def is_landscape(self):
        return self.width >= self.height

    @property
    def folder(self):
        return f"photos/{self.file_key[:2]}/{self.file_key}"

    def rendition_name(self, width, fmt):
        ext = "jpg" if fmt == "jpeg" else fmt
        return f"{self.folder}/{width}.{ext}"

    @property
    def original_is_downloadable(self):
        """A journalist gets the original file itself, or (HEIC, which few
        newsroom tools open) a full-size JPEG made from it."""
        return self.original_format != "heic"

    def download_name(self, kind):
        if kind == "original" and self.original_is_downloadable:
            ext = Path(self.original.name).suffix
        else:
            ext = ".jpg"
        return f"{self.folder}/download-{kind}{ext}"

    def file_url(self, name):
        """Public URL of one of this photo's files (checked by `photo_file`)."""
        return _file_url_prefix() + name.removeprefix("photos/")

    def rendition_sizes(self, fmt):
        """[(url, width, height)] for srcset, smallest first."""
        result = []
        for width in self.renditions.get(fmt, []):
            scale = width / max(self.width, self.height)
            result.append(
                (
                    self.file_url(self.rendition_name(width, fmt)),
                    round(self.width * scale),
                    round(self.height * scale),
                )
            )
        return result

    def srcset(self, fmt):
        return ", ".join(f"{url} {w}w" for url, w, _h in self.rendition_sizes(fmt))

    @property
    def srcset_avif(self):
        return self.srcset("avif")

    @property
    def srcset_webp(self):
        return self.srcset("webp")

    @property
    def srcset_jpeg(self):
        return self.srcset("jpeg")

    def rendition_url(self, fmt="jpeg", *, min_width=800):
        """The smallest rendition at least `min_width` wide (else the largest)."""
        sizes = self.rendition_sizes(fmt)
        for url, width, _height in sizes:
            if max(width, _height) >= min_width:
                return url
        return sizes[-1][0] if sizes else ""

    @property
    def thumbnail_url(self):
        return self.rendition_url(min_width=800)

    @property
    def large_url(self):
        return self.rendition_url(min_width=1600)


@cache
def _file_url_prefix():
    # One URL per file whatever the visitor's language, so caches hold one copy.
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("racing:photo-file", kwargs={"path": "x/y"})
    return url.removesuffix("x/y")
