"""Public pages on a large history: SQL queries, time, and the ratio to a
trivial view, uncached and cached, on SQLite and PostgreSQL (issue 9).

    .venv/bin/python bench/pages.py [--database sqlite|postgres|both] [--seconds 3]

Seeds a fresh database with `manage.py seed_history` (10 seasons x 12 events x
5 sessions x 30 results, 1,800 reports, 4,800 photos), then, in one process
serves it with gunicorn (2 workers, DEBUG off) and measures each page with
wrk on loopback against the trivial view (robots.txt: no database, the full
middleware) in the same server run, as requests per second. Uncached: the
server runs with a dummy cache. Cached: with Redis when it answers on
127.0.0.1:6379 (as in production). The SQL queries of each page are counted
in-process; "CPU ms" is the app server's CPU time per uncached request
under that load (the workers' CPU time over the run, from /proc, divided by
the requests answered). Targets: cached <= 2x the trivial view, uncached
<= 15x, the sitemap <= 10x. The first row, "frame alone", is a reference
with no target: a page of one sentence in the site's header, menu and
footer, which every page pays before its own content.
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from bench.served import gunicorn, listed_pages  # noqa: E402
from deploy.ports import redis_answers  # noqa: E402

PYTHON = str(BASE / ".venv/bin/python")
TARGETS = {"cached": 2, "uncached": 15, "sitemap": 10}
# The trivial view: a few lines of text, no database, the full middleware.
TRIVIAL = "/robots.txt"
# A reference, not a target: the site's frame alone (header, menu, footer, the
# settings read from the database) around one sentence, the press alerts'
# "check your inbox". Every page costs this before its own content.
FRAME = "/press/alerts/sent/"


def environment(database: str) -> dict:
    url = (
        "sqlite:////tmp/racing-bench.sqlite3"
        if database == "sqlite"
        else "postgres://postgres@127.0.0.1:5432/racing_bench"
    )
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_MEDIA_ROOT": "/tmp/racing-bench-media",
        "DJANGO_STATIC_ROOT": "/tmp/racing-bench-static",
        "CACHE_URL": "redis://127.0.0.1:6379/9"
        if redis_answers()
        else "locmemcache://",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def seed(database: str, env: dict) -> None:
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"/tmp/racing-bench.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        for statement in (
            "DROP DATABASE IF EXISTS racing_bench WITH (FORCE)",
            "CREATE DATABASE racing_bench",
        ):
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    "test",
                    "-qc",
                    statement,
                ],
                check=True,
            )
    commands = (
        ["migrate", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["seed_history"],
    )
    for command in commands:
        subprocess.run([PYTHON, "manage.py", *command], cwd=BASE, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument("--seconds", type=int, default=3, help="per page and pass")
    parser.add_argument(
        "--no-seed", action="store_true", help="reuse the last database"
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk (it sends the load).")
    databases = (
        ["sqlite", "postgres"] if options.database == "both" else [options.database]
    )
    load = os.getloadavg()[0]
    if load > 0.5:
        print(
            f"Warning: the machine is busy (load {load:.1f}); wrk and the server "
            "share its cores with that work, so the ratios will be off."
        )
    failed = False
    for database in databases:
        env = environment(database)
        if not options.no_seed:
            print(f"Seeding the {database} database…", flush=True)
            seed(database, env)
        pages = listed_pages(__file__, env)
        served = [page for page in pages if page[0] != "trivial"]
        uncached, cpu = serve_and_measure(
            served, {**env, "CACHE_URL": "dummycache://"}, options.seconds
        )
        cached, _cpu = serve_and_measure(served, env, options.seconds)
        failed |= report(database, env, pages, uncached, cached, cpu)
    return 1 if failed else 0


def serve_and_measure(pages, env, seconds) -> tuple[dict, dict]:
    """Requests per second of each page through gunicorn (2 workers) and wrk,
    and the milliseconds of the app server's CPU each request took (the
    workers' CPU time over the run, divided by the requests answered)."""
    with gunicorn(env) as server:
        rates, cpu = {}, {}
        for label, path, *_counts in [("trivial", TRIVIAL), *pages]:
            url = f"http://127.0.0.1:{server.port}{path}"
            subprocess.run(
                ["wrk", "-t1", "-c8", "-d1s", url], capture_output=True
            )  # warm
            before = server.cpu_seconds()
            out = subprocess.run(
                ["wrk", "-t2", "-c16", f"-d{seconds}s", url],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            used = server.cpu_seconds() - before
            rates[label] = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
            cpu[label] = 1000 * used / int(re.search(r"(\d+) requests in", out)[1])
            if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
                raise SystemExit(f"{label} answered errors under load: {out}")
        return rates, cpu


def report(database, env, pages, uncached, cached, cpu) -> bool:
    cache_kind = "Redis" if "redis" in env["CACHE_URL"] else "local memory"
    print(
        f"\n{database}: trivial view (robots.txt) {uncached['trivial']:.0f} req/s "
        f"uncached, {cached['trivial']:.0f} req/s with the cache ({cache_kind}); "
        f"app server CPU {cpu['trivial']:.2f} ms a request"
    )
    print(
        f"{'page':18} {'queries':>7} {'calls':>7} {'ratio':>6} "
        f"{'uncached req/s':>15} {'ratio':>6} {'CPU ms':>6} "
        f"{'cached req/s':>13} {'ratio':>6}"
    )
    trivial_calls = next(calls for label, _p, _q, calls in pages if label == "trivial")
    failures = []
    for label, _path, queries, calls in pages:
        if label == "trivial":
            continue
        slow = uncached["trivial"] / uncached[label]
        warm = cached["trivial"] / cached[label]
        print(
            f"{label:18} {queries:7d} {calls:7d} {calls / trivial_calls:6.1f} "
            f"{uncached[label]:15.0f} {slow:6.1f} {cpu[label]:6.1f} "
            f"{cached[label]:13.0f} {warm:6.1f}"
        )
        # The sitemap is measured as served: cached, remade when content changes.
        if label == "frame alone":
            checks = []
        elif label.startswith("sitemap"):
            checks = [("cached", warm, TARGETS["sitemap"])]
        else:
            checks = [("uncached", slow, TARGETS["uncached"])]
            checks.append(("cached", warm, TARGETS["cached"]))
        failures += [
            f"{label} {kind} {ratio:.1f}x > {limit}x"
            for kind, ratio, limit in checks
            if ratio > limit
        ]
    if failures:
        print("Targets NOT met: " + "; ".join(failures))
        return True
    print("Targets met: cached <= 2x, uncached <= 15x, sitemap (served) <= 10x.")
    return False


# -- in a process of its own with the bench database's settings --------------------


def list_pages() -> None:
    """The pages to measure, each with its SQL queries and Python function
    calls in one uncached request, as JSON. The calls are counted by cProfile:
    the same count on a busy machine as on a quiet one, where the ratios of
    requests per second are not; the trivial view's count comes first."""
    sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "media_site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from racing.models import Driver, Event, Gallery, Photo, RaceReport

    event = Event.objects.order_by("-start_date").first()
    gallery = Gallery.objects.filter(event=event).first()
    pages = [
        ("frame alone", FRAME),
        ("home", "/"),
        ("home (Swedish)", "/sv/"),
        ("report list", "/reports/"),
        ("report", RaceReport.objects.published().first().get_absolute_url()),
        ("event", event.get_absolute_url()),
        ("calendar", "/calendar/"),
        ("standings", "/standings/"),
        ("drivers", "/drivers/"),
        ("driver", Driver.objects.own().first().get_absolute_url()),
        ("gallery list", "/galleries/"),
        ("gallery", gallery.get_absolute_url()),
        ("photo", Photo.objects.filter(gallery=gallery).first().get_absolute_url()),
        ("search", "/search/?q=coronel"),
        ("RSS feed", "/reports/feed/rss/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap: reports", "/sitemap-reports.xml"),
    ]
    client = Client()
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    measured = []
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
        for label, path in [("trivial", TRIVIAL), *pages]:
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            count = len(queries)  # now: the next request empties the log
            with override_settings(CACHES=dummy):
                client.get(path)  # anything made on first use is made
                profile = cProfile.Profile()
                profile.enable()
                client.get(path)
                profile.disable()
            calls = pstats.Stats(profile).total_calls
            measured.append((label, path, count, calls))
    print(json.dumps(measured))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pages"]:
        list_pages()
        sys.exit(0)
    sys.exit(main())
