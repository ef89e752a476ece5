"""Pick up photos whose worker was lost: queue them again.

    manage.py recover_photos

A photo queued or processing for longer than RACING_PHOTO_STALE_MINUTES lost
its worker (killed, restarted, a full disk); its task is marked failed and the
photo is queued again. Run it every few minutes (README, "Production").
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone

from racing.models import Photo
from racing.tasks import finish_photo, process_photo, queue_photos


class Command(BaseCommand):
    help = "Queue again the photos whose processing stalled."

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = now - timedelta(minutes=settings.RACING_PHOTO_STALE_MINUTES)
        stale_tasks = self._close_stale_tasks(cutoff, now)
        stalled = list(
            Photo.objects.filter(
                processing__in=[Photo.Processing.QUEUED, Photo.Processing.PROCESSING],
                processing_changed_at__lt=cutoff,
            ).values_list("pk", flat=True)
        )
        queue_photos(stalled)
        self.stdout.write(
            f"{len(stalled)} stalled photos queued again; "
            f"{stale_tasks} abandoned tasks marked failed."
        )

    def _close_stale_tasks(self, cutoff, now) -> int:
        try:
            from django_tasks_db.models import DBTaskResult
        except ImportError:  # another task backend
            return 0
        return (
            DBTaskResult.objects.filter(
                status=TaskResultStatus.RUNNING,
                task_path__in=[process_photo.module_path, finish_photo.module_path],
            )
            .filter(Q(started_at__lt=cutoff) | Q(started_at__isnull=True))
            .update(status=TaskResultStatus.FAILED, finished_at=now)
        )
