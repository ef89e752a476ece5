"""Remove resumable uploads not finished within a day, with their chunks.

    manage.py clean_uploads

Run it every hour (README, "Production"); RACING_PARTIAL_UPLOAD_HOURS sets
how long an upload may wait for its next chunk (24 by default).
"""

from django.core.management.base import BaseCommand

from racing.services.resumable import clean_expired


class Command(BaseCommand):
    help = "Remove expired partial uploads and their chunks."

    def handle(self, *args, **options):
        self.stdout.write(f"{clean_expired()} expired uploads removed.")
