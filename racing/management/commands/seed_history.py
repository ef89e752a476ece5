"""Load a large made-up history for benchmarks (bench/pages.py).

    manage.py seed_history [--seasons 10] [--events 12] [--field 30]
                           [--photos 40] [--reports 15]

Adds to what is there (a season already seeded is skipped). Never on a
production database: it is for measuring pages at scale.
"""

from django.core.management.base import BaseCommand

from racing.demo.history import seed_history


class Command(BaseCommand):
    help = "Load seasons of made-up results, reports and photos for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--seasons", type=int, default=10)
        parser.add_argument("--events", type=int, default=12, help="per season")
        parser.add_argument("--field", type=int, default=30, help="cars per session")
        parser.add_argument("--photos", type=int, default=40, help="per gallery")
        parser.add_argument("--reports", type=int, default=15, help="per event")

    def handle(self, *args, seasons, events, field, photos, reports, **options):
        made = seed_history(
            seasons=seasons, events=events, field=field, photos=photos, reports=reports
        )
        self.stdout.write(
            f"Seeded {made['seasons']} seasons: {made['results']} results, "
            f"{made['reports']} reports, {made['photos']} photos."
        )
