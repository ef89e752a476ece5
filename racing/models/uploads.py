"""Resumable uploads under way (tus): the file arrives in chunks, each kept in
the photo storage (a local folder or the bucket, so any app server can take
the next chunk) until the last one; then it is checked like any upload."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .media import Gallery

UPLOAD_PREFIX = "uploads"


def expiry():
    hours = getattr(settings, "RACING_PARTIAL_UPLOAD_HOURS", 24)
    return timezone.now() + timedelta(hours=hours)


class PartialUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(expires_at__lt=timezone.now())


class PartialUpload(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        Gallery, on_delete=models.CASCADE, related_name="+", verbose_name=_("gallery")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    length = models.PositiveBigIntegerField(_("size"))
    offset = models.PositiveBigIntegerField(_("received"), default=0)
    # The batch fields of the upload page (licence, credit, drivers...).
    batch = models.JSONField(default=dict)
    # What the check made of the whole file, once the last chunk is in.
    results = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=expiry)

    objects = PartialUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("upload under way")
        verbose_name_plural = _("uploads under way")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offset__lte=models.F("length")),
                name="upload_offset_within_length",
            )
        ]

    def __str__(self):
        return self.filename

    @property
    def folder(self):
        return f"{UPLOAD_PREFIX}/{self.pk}"

    def chunk_name(self, offset: int) -> str:
        return f"{self.folder}/{offset:012d}"

    @property
    def is_complete(self):
        return self.offset == self.length
