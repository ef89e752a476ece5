"""Race-day intake: time to first thumbnail while a batch is processing, and
the batch's time against the encode-only floor, with real task workers.

    .venv/bin/python bench/intake.py [--photos 300] [--late 30] [--mbit 100]

On a fresh PostgreSQL database (racing_bench_intake on 127.0.0.1) with one
`manage.py db_worker` per core (django-tasks-db, as in production):

1. a batch of --photos camera JPEGs (24 MP) is checked and stored as the
   upload view does (racing.services.uploads.add_upload), and queued at once
   when the workers are up, so the batch's time holds only processing;
2. once the batch's thumbnails are made (they come first) and while its
   large sizes are being made, --late more photos are uploaded two at a time
   over a simulated --mbit link, and each one's time from the end of its
   upload to its first thumbnail in the database is recorded;
3. the batch time runs from the first task started to the last finished, for
   all photos (renditions and download copies), against the floor: only
   encoding the same renditions from already-resized images, on as many
   processes as there are cores, measured before and after the batch. The
   workers' CPU time against the floor's is printed too, and before all
   that one photo's two tasks and encoding only are timed in turn in one
   process: the machine may be shared, and these show the pipeline's own
   cost whatever else runs.

Targets (issue 12): first thumbnail within 2 s of the upload; the batch
within 1.1x the floor.
"""

import argparse
import io
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "racing_bench_intake"
MEDIA = "/tmp/racing-bench-intake-media"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_MEDIA_ROOT": MEDIA,
    "CACHE_URL": "locmemcache://",
    "DJANGO_LOG_LEVEL": "ERROR",
}


def fresh_database() -> None:
    for statement in (
        f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {DATABASE}",
    ):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres"]
            + ["-qc", statement],
            check=True,
        )
    subprocess.run(["rm", "-rf", MEDIA, MEDIA + "-photos"], check=True)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "-v0"], cwd=BASE, env=ENV, check=True
    )


def variant(jpeg: bytes, number: int) -> bytes:
    """The same photo as another file: a comment segment after SOI."""
    text = f"bench photo {number}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:]


_prepared = []


def _prepare(photos):
    from renditions import resized_set

    _prepared.extend(resized_set(p) for p in photos)


def _encode_only(index) -> float:
    from renditions import floor

    start = time.process_time()
    floor(_prepared[index % len(_prepared)])
    return time.process_time() - start


def measure_floor(photos, cores, count) -> tuple[float, float]:
    """(wall seconds a photo on every core, CPU seconds a photo) of only
    encoding the renditions, each process with its own resized images."""
    with ProcessPoolExecutor(cores, initializer=_prepare, initargs=(photos,)) as pool:
        list(pool.map(_encode_only, range(cores)))  # started and prepared
        start = time.perf_counter()
        cpu = list(pool.map(_encode_only, range(count)))
        wall = time.perf_counter() - start
    return wall / count, statistics.mean(cpu)


def cpu_seconds(pid) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--late", type=int, default=30)
    parser.add_argument("--distinct", type=int, default=6)
    parser.add_argument("--megapixels", type=float, default=24)
    parser.add_argument("--mbit", type=float, default=100)
    parser.add_argument(
        "--thumbnail-workers",
        type=int,
        default=1,
        help="workers for the thumbnails queue only, beside one per core (default 1)",
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1

    print(f"Fresh database {DATABASE}…")
    fresh_database()
    os.environ.update(ENV)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django_setup  # noqa: F401  (the project, set up)
    from renditions import camera_jpeg

    print(f"Generating {args.distinct} camera JPEGs of {args.megapixels:g} MP…")
    originals = [camera_jpeg(i, args.megapixels) for i in range(args.distinct)]
    mean_mb = statistics.mean(len(p) for p in originals) / 2**20
    print(f"{mean_mb:.1f} MB each; measuring the encode-only floor on every core…")
    floor_before = measure_floor(originals, cores, 8 * cores)

    gallery, batch = setup_gallery()
    overhead = interleaved_cost(gallery, batch, originals)
    print(f"Checking and storing the batch of {args.photos}…")
    from django.test import override_settings

    dummy = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }
    with override_settings(TASKS=dummy):  # queued below, all at once
        batch_ids = [
            upload(gallery, batch, variant(originals[n % 6], n), f"b-{n:04}.jpg")
            for n in range(args.photos)
        ]

    # As in production (README): one worker per core for every queue, one
    # more for the thumbnails only.
    queues = ["*"] * cores + ["thumbnails"] * args.thumbnail_workers
    workers = [
        subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "-v0"]
            + ["--queue-name", queue],
            cwd=BASE,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for queue in queues
    ]
    try:
        time.sleep(4)  # the workers are up and idle
        cpu_before = sum(cpu_seconds(worker.pid) for worker in workers)
        queued_at = time.monotonic()
        queue(batch_ids)
        thumbnails = wait_for_thumbnails(batch_ids) - queued_at
        print(
            f"{cores} workers and {args.thumbnail_workers} for thumbnails only: "
            f"the thumbnails of all "
            f"{args.photos} photos after "
            f"{thumbnails:.1f} s; the large sizes follow. Uploading {args.late} late "
            f"photos two at a time over {args.mbit:g} Mbit/s meanwhile…"
        )
        late = upload_late(gallery, batch, originals, args)
        total = args.photos + args.late
        wait_until_done(total)
        cpu = sum(cpu_seconds(worker.pid) for worker in workers) - cpu_before
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait()
    print("Measuring the floor again (the machine's load may have changed)…")
    floor_after = measure_floor(originals, cores, 8 * cores)
    floor_wall, floor_cpu = (
        statistics.mean(pair) for pair in zip(floor_before, floor_after, strict=True)
    )
    print(
        f"floor: {1000 * floor_before[0]:.0f} ms a photo before, "
        f"{1000 * floor_after[0]:.0f} ms after"
    )
    report(late, total, cores, cpu=cpu, floor_wall=floor_wall, floor_cpu=floor_cpu)
    print(f"  one photo's tasks in turn with encoding only: {overhead:.2f}x")


def interleaved_cost(gallery, batch, originals) -> float:
    """CPU of both tasks of a photo (renditions, download copies, database)
    against encoding only, photo by photo in turn in this process, so the
    machine's load weighs on both alike."""
    from django.test import override_settings
    from renditions import floor, resized_set

    from racing.models import Photo
    from racing.tasks import finish_photo, process_photo

    dummy = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }
    tasks = encoding = 0.0
    with override_settings(TASKS=dummy):
        for n, original in enumerate(originals):
            prepared = resized_set(original)
            pk = upload(gallery, batch, variant(original, 50_000 + n), f"i-{n}.jpg")
            start = time.process_time()
            floor(prepared)
            middle = time.process_time()
            process_photo.call(pk)
            finish_photo.call(pk)
            end = time.process_time()
            if n:  # the first warms the libraries up
                encoding += middle - start
                tasks += end - middle
    Photo.objects.filter(original_filename__startswith="i-").delete()
    print(
        f"one photo's tasks, in turn with encoding only: {1000 * tasks / n:.0f} ms "
        f"CPU against {1000 * encoding / n:.0f} ms: {tasks / encoding:.2f}x"
    )
    return tasks / encoding


def wait_for_thumbnails(photo_ids) -> float:
    from racing.models import Photo

    missing = Photo.objects.filter(pk__in=photo_ids, renditions={})
    while missing.exists():
        time.sleep(0.1)
    return time.monotonic()


def queue(photo_ids):
    from django.db import transaction

    from racing.tasks import process_photo

    with transaction.atomic():
        for pk in photo_ids:
            process_photo.enqueue(pk)


def setup_gallery():
    from racing.models import Gallery, Licence
    from racing.services.uploads import Batch
    from tests.factories import make_event

    event = make_event(name="Bench weekend", slug="bench-weekend")
    gallery = Gallery.objects.create(event=event, title="Bench", slug="bench")
    licence = Licence.objects.create(name="Free", text="Free rights to use image")
    return gallery, Batch(licence_id=licence.pk, credit="Bench")


def upload(gallery, batch, data, name):
    from django.db import transaction

    from racing.services.uploads import add_upload

    with transaction.atomic():  # as in the upload view
        results = add_upload(
            gallery=gallery, file=io.BytesIO(data), name=name, batch=batch
        )
    assert results[0].status == "created", results[0].message
    return results[0].photo.pk


def upload_late(gallery, batch, originals, args):
    """Two streams share the link; returns {photo id: upload finished at}."""
    from django.db import connection

    finished = {}
    seconds_per_byte = 8 / (args.mbit * 1e6 / 2)
    names = iter(range(args.late))
    lock = threading.Lock()

    def stream():
        try:
            while True:
                with lock:
                    n = next(names, None)
                if n is None:
                    return
                data = variant(originals[n % len(originals)], 10_000 + n)
                time.sleep(len(data) * seconds_per_byte)  # on the wire
                pk = upload(gallery, batch, data, f"late-{n:03}.jpg")
                finished[pk] = time.monotonic()
        finally:
            connection.close()

    seen = {}
    done = threading.Event()
    watcher = threading.Thread(target=watch, args=(finished, seen, done))
    watcher.start()
    streams = [threading.Thread(target=stream) for _ in range(2)]
    for thread in streams:
        thread.start()
    for thread in streams:
        thread.join()
    deadline = time.monotonic() + 120
    while len(seen) < len(finished) and time.monotonic() < deadline:
        time.sleep(0.1)
    done.set()
    watcher.join()
    return {pk: seen.get(pk, float("inf")) - at for pk, at in finished.items()}


def watch(finished, seen, done):
    """Notes when each late photo's thumbnails are listed, every 20 ms."""
    from django.db import connection

    from racing.models import Photo

    while not done.is_set():
        waiting = set(finished) - set(seen)
        if waiting:
            ready = (
                Photo.objects.filter(pk__in=waiting)
                .exclude(renditions={})
                .values_list("pk", flat=True)
            )
            now = time.monotonic()
            for pk in ready:
                seen[pk] = now
        time.sleep(0.02)
    connection.close()


def wait_until_done(total):
    from racing.models import Photo

    while True:
        states = Photo.objects.filter(processing__in=["ready", "failed"]).count()
        if states >= total:
            break
        time.sleep(0.5)
    failed = Photo.objects.filter(processing="failed").count()
    if failed:
        raise SystemExit(f"{failed} photos failed to process.")


def report(late, total, cores, *, cpu, floor_wall, floor_cpu):
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    span = DBTaskResult.objects.aggregate(
        start=Min("started_at"), end=Max("finished_at")
    )
    batch = (span["end"] - span["start"]).total_seconds()
    floor_batch = floor_wall * total
    print(f"load average now: {os.getloadavg()[0]:.1f} on {cores} cores")
    waits = sorted(late.values())
    print()
    print(f"time to first thumbnail after upload ({len(waits)} late photos):")
    print(
        f"  median {waits[len(waits) // 2]:.2f} s, "
        f"p95 {waits[int(len(waits) * 0.95)]:.2f} s, max {waits[-1]:.2f} s "
        f"(target <= 2 s) {'OK' if waits[-1] <= 2 else 'MISSED'}"
    )
    print(f"batch of {total} photos on {cores} cores:")
    print(
        f"  {batch:.1f} s, {total / batch:.2f} photos/s; floor {floor_batch:.1f} s; "
        f"{batch / floor_batch:.2f}x the floor (target <= 1.1x) "
        f"{'OK' if batch <= 1.1 * floor_batch else 'MISSED'}"
    )
    print(
        f"  CPU: {1000 * cpu / total:.0f} ms a photo in the workers, "
        f"{1000 * floor_cpu:.0f} ms encoding only: {cpu / total / floor_cpu:.2f}x"
    )


if __name__ == "__main__":
    main()
