"""Batch edits of photos after upload: the same drivers, session, caption,
credit, licence, highlight or published state for many photos in one save."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from racing.models import Photo
from racing.services import page_cache

# What a change to these fields alters in the download copies.
EMBEDDED = {"caption", "credit", "licence_id"}


class DriverChange:
    ADD = "add"
    REPLACE = "replace"
    REMOVE = "remove"


@dataclass
class PhotoEdit:
    """Only what the press officer chose to change; `fields` maps Photo
    fields to their new value, `driver_ids` is None to leave drivers alone."""

    fields: dict = field(default_factory=dict)
    driver_ids: list[int] | None = None
    driver_change: str = DriverChange.ADD

    def __bool__(self):
        return bool(self.fields) or self.driver_ids is not None


def edit_photos(*, photo_ids: Iterable[int], edit: PhotoEdit) -> int:
    """Apply `edit` to the photos in one transaction; returns how many."""
    photo_ids = list(photo_ids)
    with transaction.atomic():
        photos = Photo.objects.filter(pk__in=photo_ids)
        count = photos.count()
        if edit.fields:
            photos.update(**edit.fields)
        if edit.driver_ids is not None:
            _change_drivers(photo_ids, edit.driver_ids, edit.driver_change)
        embedded = EMBEDDED & set(edit.fields) or edit.driver_ids is not None
        if embedded:
            from racing.tasks import refresh_downloads

            ready = list(photos.ready().values_list("pk", flat=True))
            transaction.on_commit(
                lambda: [refresh_downloads.enqueue(pk) for pk in ready]
            )
    page_cache.bump(*page_cache.tags_for_model(Photo))
    return count


def _change_drivers(photo_ids, driver_ids, change):
    through = Photo.drivers.through
    links = through.objects.filter(photo_id__in=photo_ids)
    if change == DriverChange.REMOVE:
        links.filter(driver_id__in=driver_ids).delete()
        return
    if change == DriverChange.REPLACE:
        links.delete()
    through.objects.bulk_create(
        [
            through(photo_id=photo_id, driver_id=driver_id)
            for photo_id in photo_ids
            for driver_id in driver_ids
        ],
        ignore_conflicts=True,
    )
