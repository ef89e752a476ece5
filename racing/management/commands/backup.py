"""Back up the database and every photo and media file into one archive.

    manage.py backup /var/backups/racing/racing-$(date +%F-%H%M).tar

See README ("Backups") for scheduling and keeping copies off the machine.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from racing.services.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write the database and all stored files to one archive with hashes."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive to write (.tar)")

    def handle(self, *args, archive, **options):
        try:
            summary = create_backup(path=archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up the database and {summary.files} files to {summary.path} "
            f"({summary.size / 2**20:.1f} MB)."
        )
