"""How fast release alerts go out, and what a second run costs (issue 11).

    .venv/bin/python bench/alerts.py [SUBSCRIBERS]

On a fresh SQLite test database (PostgreSQL with DATABASE_URL) and Django's
in-memory mail backend: SUBSCRIBERS (default 2000) confirmed addresses, one
report going public. Prints mails per second and queries per mail for the
first run (each mail claimed, rendered, sent, marked), then the queries of a
second run, which must send nothing.
"""

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django_setup  # noqa: E402, F401  (the project, set up)
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402

from racing.models import (  # noqa: E402
    Circuit,
    Event,
    RaceReport,
    Season,
    Series,
    Subscriber,  # noqa: E402
)
from racing.services import alerts  # noqa: E402


def main(count: int) -> None:
    setup_test_environment()  # the locmem mail backend
    name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        series = Series.objects.create(name="Cup", short_name="C", slug="cup")
        season = Season.objects.create(series=series, year=2026, slug="cup-2026")
        circuit = Circuit.objects.create(name="Anderstorp", slug="anderstorp")
        event = Event.objects.create(
            season=season,
            circuit=circuit,
            name="Anderstorp",
            slug="anderstorp",
            round_number=1,
            start_date=dt.date(2026, 6, 1),
            end_date=dt.date(2026, 6, 2),
        )
        now = timezone.now()
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n}@paper.example",
                languages="sv,en" if n % 3 else "en",
                confirmed_at=now,
            )
            for n in range(count)
        )
        # Without the post_save signal, which would send at once.
        [report] = RaceReport.objects.bulk_create(
            [
                RaceReport(
                    event=event,
                    title="Double podium",
                    slug="double-podium",
                    lead="Both on the podium.",
                    status=RaceReport.Status.PUBLISHED,
                    publish_at=now - dt.timedelta(seconds=1),
                )
            ]
        )
        with CaptureQueriesContext(connection) as first:
            start = time.perf_counter()
            sent = alerts.send_alerts(story_id=report.pk)
            seconds = time.perf_counter() - start
        with CaptureQueriesContext(connection) as second:
            again = alerts.send_alerts(story_id=report.pk)
        assert (sent, len(mail.outbox), again) == (count, count, 0), (
            sent,
            len(mail.outbox),
            again,
        )
        print(f"database: {connection.vendor}, subscribers: {count}")
        print(
            f"first run: {sent} mails in {seconds:.2f} s = "
            f"{sent / seconds:.0f} mails/s, "
            f"{len(first.captured_queries) / sent:.2f} queries per mail"
        )
        print(f"second run: {again} mails, {len(second.captured_queries)} queries")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
