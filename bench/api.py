"""The Results API on a large history: SQL queries, time and size of each
answer, uncached and from the page cache, in-process.

    .venv/bin/python bench/api.py [--seed] [--runs 20]

Uses DATABASE_URL (default: a SQLite file in /tmp). With --seed, or on an empty
database, migrates and runs `manage.py seed_history --photos 0` (10 seasons x
12 events x 5 sessions x 30 results, 1,800 reports). Times are the median of
`--runs` requests through the test client and the full middleware; "uncached"
runs with a dummy cache, "cached" with the local-memory cache after a first
request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/racing-api-bench.sqlite3")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import django_setup  # noqa: E402, F401
from racing.models import Driver, Event, RaceReport, Season, Session  # noqa: E402

DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def urls() -> list[str]:
    season = Season.objects.order_by("-year").first()
    event = season.events.order_by("round_number").first()
    race = Session.objects.filter(event=event, kind="race").first()
    driver = Driver.objects.own().first()
    report = RaceReport.objects.published().first()
    return [
        "/api/v1/seasons/?limit=100",
        f"/api/v1/seasons/{season.slug}/",
        f"/api/v1/seasons/{season.slug}/standings/drivers/",
        "/api/v1/events/?limit=100",
        f"/api/v1/events/{event.slug}/",
        f"/api/v1/sessions/{race.pk}/results/",
        "/api/v1/drivers/?limit=100",
        f"/api/v1/drivers/{driver.slug}/",
        "/api/v1/reports/?limit=100",
        f"/api/v1/reports/{report.slug}/",
        "/api/v1/openapi.json",
    ]


def median_ms(client, url, runs) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    if options.seed or not Event.objects.exists():
        call_command("seed_history", photos=0)
    client = Client()
    print(
        f"{connection.vendor}: {Season.objects.count()} seasons, "
        f"{Event.objects.count()} events, {RaceReport.objects.count()} reports\n"
    )
    print(f"{'answer':58} {'queries':>7} {'uncached':>9} {'cached':>7} {'size':>8}")
    for url in urls():
        with override_settings(CACHES=DUMMY):
            with CaptureQueriesContext(connection) as queries:
                body = client.get(url).content
            count = len(queries)  # read now: the next requests reset the log
            uncached = median_ms(client, url, options.runs)
        with override_settings(CACHES=LOCMEM):
            client.get(url)
            cached = median_ms(client, url, options.runs)
        print(
            f"{url[:58]:58} {count:7} {uncached:7.1f}ms "
            f"{cached:5.1f}ms {len(body) / 1024:6.1f}kB"
        )


if __name__ == "__main__":
    main()
