"""What follows a save or a delete, whoever made it: a deleted photo's files
go once the deletion commits, and cached pages showing what changed are remade.

Signals, not admin hooks, because rows also change through the database
cascade, imports and tasks, which no admin method sees.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from racing.models import Photo, RaceReport
from racing.services import alerts, embargo, page_cache, press_kit
from racing.services.images import delete_files


@receiver(post_delete, sender=Photo, dispatch_uid="racing-photo-files")
def delete_photo_files(sender, instance, using, **kwargs):
    storage, folder = instance.original.storage, instance.folder
    # Only once the deletion is committed: a rolled-back delete keeps its files.
    transaction.on_commit(lambda: delete_files(storage, folder), using=using)


@receiver(post_save, dispatch_uid="racing-page-cache-save")
@receiver(post_delete, dispatch_uid="racing-page-cache-delete")
@receiver(m2m_changed, dispatch_uid="racing-page-cache-m2m")
def refresh_cached_pages(sender, **kwargs):
    """Cached pages showing what changed are remade on every app server.

    Writes that bypass signals (queryset updates, bulk updates) call
    `page_cache.bump` themselves (services/points.py, admin actions, tasks).
    """
    model = kwargs.get("instance").__class__ if "instance" in kwargs else sender
    if kwargs.get("action", "post_").startswith("post_"):
        page_cache.bump(*page_cache.tags_for_model(model))
        if model._meta.model_name in PRESS_KIT_MODELS:
            press_kit.content_changed()


# What the press kit's zip holds: fact sheets, records, photos, the logo.
PRESS_KIT_MODELS = {
    "driver",
    "entry",
    "team",
    "car",
    "result",
    "photo",
    "licence",
    "sitesettings",
}


@receiver(post_save, sender=RaceReport, dispatch_uid="racing-report-newsroom")
def mail_the_newsroom(sender, instance, raw=False, **kwargs):
    """A report saved scheduled or published: alerts for its subscribers when
    it goes public, embargoed links for accredited journalists before that.
    The admin's "publish now" (a queryset update) calls the same services."""
    if raw:  # loaddata
        return
    alerts.note_reports(reports=[instance])
    embargo.note_reports(reports=[instance])
