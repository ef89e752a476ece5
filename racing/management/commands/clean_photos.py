"""Remove what no photo row owns: part files left by a killed process, and the
folders of photos whose rows are gone (local photo storage).

    manage.py clean_photos [--dry-run] [--older-than-hours 1]

Run it daily beside the backup (README, "Production").
"""

import os
import time

from django.core.management.base import BaseCommand

from racing.models import Photo
from racing.models.media import PART_PREFIX, photo_storage


class Command(BaseCommand):
    help = "Remove part files and the files of photos that no longer exist."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=1,
            help="Leave files younger than this: an upload may be under way.",
        )

    def handle(self, *args, dry_run=False, older_than_hours=1, **options):
        storage = photo_storage()
        if not hasattr(storage, "path"):
            self.stdout.write("Photo storage is a bucket: nothing to clean here.")
            return
        root = storage.path("photos")
        cutoff = time.time() - older_than_hours * 3600
        keys = set(Photo.objects.values_list("file_key", flat=True))
        removed = 0
        for directory, _dirs, names in os.walk(root, topdown=False):
            owned = os.path.basename(directory) in keys
            for name in names:
                path = os.path.join(directory, name)
                stray = name.startswith(PART_PREFIX) or not owned
                if stray and os.path.getmtime(path) < cutoff:
                    removed += 1
                    self.stdout.write(
                        f"{'would remove' if dry_run else 'removed'} {path}"
                    )
                    if not dry_run:
                        os.unlink(path)
            if not dry_run and directory != root and not os.listdir(directory):
                os.rmdir(directory)
        self.stdout.write(f"{removed} files {'to remove' if dry_run else 'removed'}.")
