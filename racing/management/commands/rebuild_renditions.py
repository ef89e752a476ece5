"""Regenerate renditions and download copies, for all photos or some.

    manage.py rebuild_renditions                  # every photo
    manage.py rebuild_renditions --gallery SLUG   # one gallery
    manage.py rebuild_renditions --missing        # only photos without renditions
    manage.py rebuild_renditions 12 13 14         # these photo ids

Runs here, one process per core (--jobs), rather than through the task queue,
so a rebuild after changing the rendition sizes finishes as fast as the
machine allows.
"""

import os
from concurrent.futures import ProcessPoolExecutor, as_completed

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from racing.models import Photo


def _rebuild(photo_id: int) -> tuple[int, str]:
    import django

    if not django.apps.apps.ready:  # a freshly spawned worker process
        django.setup()
    from racing.services.downloads import photo_download_queryset, prepare_downloads
    from racing.services.images import generate_renditions

    photo = photo_download_queryset().filter(pk=photo_id).first()
    if photo is None:
        return photo_id, "gone"
    generate_renditions(photo=photo)
    prepare_downloads(photo=photo, force=True)
    return photo_id, "ok"


def _init_worker():
    # Never share the parent's database connections across processes.
    connections.close_all()


class Command(BaseCommand):
    help = "Regenerate renditions and download copies of photos."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Photo ids.")
        parser.add_argument("--gallery", help="Only this gallery (slug).")
        parser.add_argument(
            "--missing", action="store_true", help="Only photos without renditions."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes to use (default: one per core).",
        )

    def handle(self, *args, ids, gallery, missing, jobs, **options):
        photos = Photo.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
            unknown = set(ids) - set(photos.values_list("pk", flat=True))
            if unknown:
                raise CommandError(
                    f"No photo with id {', '.join(map(str, sorted(unknown)))}."
                )
        if gallery:
            if not Photo.objects.filter(gallery__slug=gallery).exists():
                raise CommandError(f"No gallery “{gallery}” with photos.")
            photos = photos.filter(gallery__slug=gallery)
        if missing:
            photos = photos.filter(renditions={})
        photo_ids = list(photos.values_list("pk", flat=True))
        if not photo_ids:
            self.stdout.write("No photos to rebuild.")
            return
        failures = 0
        if jobs <= 1 or len(photo_ids) == 1:
            results = (self._safe(_rebuild, pk) for pk in photo_ids)
        else:
            connections.close_all()
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
            futures = {pool.submit(_rebuild, pk): pk for pk in photo_ids}
            results = (self._future(f, futures[f]) for f in as_completed(futures))
        for done, (pk, status) in enumerate(results, start=1):
            if status not in ("ok", "gone"):
                failures += 1
                self.stderr.write(f"Photo {pk}: {status}")
            if done % 25 == 0 or done == len(photo_ids):
                self.stdout.write(f"{done}/{len(photo_ids)} photos done.")
        if jobs > 1 and len(photo_ids) > 1:
            pool.shutdown()
        if failures:
            raise CommandError(f"{failures} photos failed; see above.")
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {len(photo_ids)} photos."))

    @staticmethod
    def _safe(function, pk):
        try:
            return function(pk)
        except Exception as error:  # report and go on with the others
            return pk, f"{type(error).__name__}: {error}"

    @staticmethod
    def _future(future, pk):
        try:
            return future.result()
        except Exception as error:
            return pk, f"{type(error).__name__}: {error}"
