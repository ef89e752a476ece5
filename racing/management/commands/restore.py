"""Restore an archive made by `manage.py backup` into an empty instance.

    manage.py migrate && manage.py restore racing-2031-10-12-2300.tar

Every file is checked against the archive's hashes before anything changes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from racing.services.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Fill an empty instance from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            summary = restore_backup(path=archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the database and {summary.files} files from {summary.path}."
        )
