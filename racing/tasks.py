"""Background work (Django tasks): renditions and download copies of photos.

Development runs them at once (ImmediateBackend); production queues them in the
database (django_tasks_db.DatabaseBackend) for `manage.py db_worker`, one worker
per core. Arguments are primary keys: a task may run after the photo changed
or was deleted. Each photo records where its work stands (`Photo.processing`),
so the press officer sees a failure and its reason, and a stalled photo is
queued again (`manage.py recover_photos`).
"""

import errno
import logging

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """A failure in words the press officer can act on."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _("The server's disk is full; ask for space, then retry.")
    return f"{type(error).__name__}: {error}"[:300]


def _set_state(photo_id, state, error=""):
    from racing.models import Photo
    from racing.services import page_cache

    Photo.objects.filter(pk=photo_id).update(
        processing=state, processing_error=error, processing_changed_at=timezone.now()
    )
    page_cache.bump("photos")  # ready photos appear on pages


# A worker takes the highest priority first: a new photo's thumbnails come
# before the large renditions of the photos sent before it, so each photo
# shows in the admin within seconds of its upload while a batch is processing.
# Journalists' work (download copies, gallery zips) keeps the default, between.
# The thumbnails also have a queue of their own: every worker serves all
# queues (`db_worker --queue-name '*'`, one per core) and one more serves only
# this one, so a new photo does not wait for a worker to finish a large photo.
THUMBNAILS_PRIORITY = 50
LARGE_RENDITIONS_PRIORITY = -10
THUMBNAILS_QUEUE = "thumbnails"


@task(priority=THUMBNAILS_PRIORITY, queue_name=THUMBNAILS_QUEUE)
def process_photo(photo_id: int) -> None:
    """The thumbnails, then queues the rest (`finish_photo`)."""
    from racing.models import Photo
    from racing.services.images import THUMBNAILS, generate_renditions

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        logger.info("Photo %s was deleted before its renditions were made.", photo_id)
        return
    _set_state(photo_id, Photo.Processing.PROCESSING)
    try:
        generate_renditions(photo=photo, stage=THUMBNAILS)
    except Exception as error:
        logger.exception("Photo %s could not be processed", photo_id)
        _set_state(photo_id, Photo.Processing.FAILED, describe(error))
        raise
    finish_photo.enqueue(photo_id)


@task(priority=LARGE_RENDITIONS_PRIORITY)
def finish_photo(photo_id: int) -> None:
    """The large renditions and AVIF, then the download copies with embedded
    credits; the photo is then ready for the public."""
    from racing.models import Photo
    from racing.services.downloads import photo_download_queryset, prepare_downloads
    from racing.services.images import REST, generate_renditions

    photo = photo_download_queryset().filter(pk=photo_id).first()
    if photo is None:
        logger.info("Photo %s was deleted before its renditions were made.", photo_id)
        return
    try:
        generate_renditions(photo=photo, stage=REST)
        prepare_downloads(photo=photo)
    except Exception as error:
        logger.exception("Photo %s could not be processed", photo_id)
        _set_state(photo_id, Photo.Processing.FAILED, describe(error))
        raise
    _set_state(photo_id, Photo.Processing.READY)


@task
def refresh_downloads(photo_id: int) -> None:
    """Remake the download copies after the caption, credit or licence changed."""
    from racing.services.downloads import photo_download_queryset, prepare_downloads

    photo = photo_download_queryset().filter(pk=photo_id).first()
    if photo is not None and photo.renditions:
        prepare_downloads(photo=photo)


@task
def build_gallery_zip(gallery_id: int) -> None:
    """The gallery's zip for journalists, once per version of the gallery."""
    from racing.models import Gallery
    from racing.services import gallery_zips

    gallery = Gallery.objects.select_related("event").filter(pk=gallery_id).first()
    if gallery is not None:
        gallery_zips.build_gallery_zip(gallery=gallery)


def queue_photos(photo_ids) -> None:
    """Queue the photos' processing again (after a failure or a lost worker)."""
    from racing.models import Photo

    photo_ids = list(photo_ids)
    Photo.objects.filter(pk__in=photo_ids).update(
        processing=Photo.Processing.QUEUED,
        processing_error="",
        processing_changed_at=timezone.now(),
    )
    for photo_id in photo_ids:
        process_photo.enqueue(photo_id)


@task
def send_confirmation(
    email: str, languages: list[str], driver_ids: list[int], language: str
) -> None:
    """The double opt-in mail of a release alert subscription."""
    from racing.services import alerts

    alerts.send_confirmation_mail(
        email=email, languages=languages, driver_ids=driver_ids, language=language
    )


@task
def send_release_alerts(story_id: int) -> int:
    """Alert mails for a story that went public, each at most once."""
    from racing.services import alerts

    return alerts.send_alerts(story_id=story_id)


@task
def send_embargo_links(story_id: int) -> int:
    """Personal embargoed links to a scheduled story, to accredited journalists."""
    from racing.services import embargo

    return embargo.send_links(story_id=story_id)


@task
def build_press_kit() -> str:
    """The press kit's zip, once per version of its content."""
    from racing.services import press_kit

    return press_kit.build_zip()
