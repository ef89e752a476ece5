"""Downloads counted per day, so the press officer can see what journalists
took in the last week (the photo's and gallery's own counters are all-time)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .media import Gallery, Photo


class DownloadDay(models.Model):
    """How often one photo file (web or original) or one gallery's zip was
    downloaded on one day (site time zone)."""

    class Kind(models.TextChoices):
        WEB = "web", _("Web size")
        ORIGINAL = "original", _("Original")
        ZIP = "zip", _("Gallery zip")

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    # The photo's gallery at the time, so a gallery's total is one GROUP BY.
    gallery = models.ForeignKey(
        Gallery,
        on_delete=models.CASCADE,
        related_name="download_days",
        verbose_name=_("gallery"),
    )
    photo = models.ForeignKey(
        Photo,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="download_days",
        verbose_name=_("photo"),
    )
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("downloads of a day")
        verbose_name_plural = _("downloads per day")
        indexes = [models.Index(fields=["day"], name="download_day_idx")]
        constraints = [
            # Two partial constraints: NULL photos (zips) are never equal in
            # a plain unique constraint on SQLite or PostgreSQL before 15.
            models.UniqueConstraint(
                fields=["day", "photo", "kind"],
                condition=Q(photo__isnull=False),
                name="one_download_row_per_photo_day",
            ),
            models.UniqueConstraint(
                fields=["day", "gallery", "kind"],
                condition=Q(photo__isnull=True),
                name="one_download_row_per_gallery_day",
            ),
            models.CheckConstraint(
                condition=Q(kind="zip", photo__isnull=True)
                | Q(kind__in=["web", "original"], photo__isnull=False),
                name="zip_rows_have_no_photo",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.kind}: {self.count}"
