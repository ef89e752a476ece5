"""Background work (Django tasks): renditions and download copies of photos.

Development runs them at once (ImmediateBackend); production queues them in the
database (django_tasks_db.DatabaseBackend) for `manage.py db_worker`, one worker
per core. Arguments are primary keys: a task may run after the photo changed
or was deleted.
"""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task
def process_photo(photo_id: int) -> None:
    """Renditions, then the download copies with embedded credits."""
    from racing.services.downloads import photo_download_queryset, prepare_downloads
    from racing.services.images import generate_renditions

    photo = photo_download_queryset().filter(pk=photo_id).first()
    if photo is None:
        logger.info("Photo %s was deleted before its renditions were made.", photo_id)
        return
    generate_renditions(photo=photo)
    prepare_downloads(photo=photo)


@task
def refresh_downloads(photo_id: int) -> None:
    """Remake the download copies after the caption, credit or licence changed."""
    from racing.services.downloads import photo_download_queryset, prepare_downloads

    photo = photo_download_queryset().filter(pk=photo_id).first()
    if photo is not None and photo.renditions:
        prepare_downloads(photo=photo)
