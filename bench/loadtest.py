"""A race Sunday on one machine, against the production set-up (issue 8).

    make loadtest            # or: .venv/bin/python bench/loadtest.py [--seconds 60]

Starts PostgreSQL if it is down, makes a fresh database, loads the demo
weekend plus a gallery of camera-sized photos, and runs the README's production
command behind nginx on loopback: gunicorn (gunicorn.conf.py, DEBUG off),
`manage.py db_worker`, nginx sending photo files and zips (X-Accel-Redirect).
Then, for the given time:

- 32 readers walk the public pages;
- 4 journalists download the gallery zip at 2 MB/s each;
- 2 editors save the same session's results through the admin, each raising
  the laps of its own row (a refusal because the other saved first is fine; a
  save that reports success must stick);
- a burst of 30 photo uploads arrives after five seconds.

Prints latency percentiles per page and exits non-zero on any 5xx, any lost
write, or a home-page p99 over one second. Needs nginx and pg_dump from
Debian's packages; installs nginx with apt-get if it is missing.
"""

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from deploy.http_client import Browser, FormReader  # noqa: E402
from deploy.stack import Stack, ensure_debian_packages  # noqa: E402

PYTHON = str(BASE / ".venv/bin/python")
DATABASE = "racing_loadtest"
READERS, DOWNLOADERS, EDITORS, UPLOADS = 32, 4, 2, 30
DOWNLOAD_RATE = 2 * 2**20  # bytes per second per journalist
HOME_P99_LIMIT = 1.0


# -- clients ---------------------------------------------------------------------


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.status = defaultdict(lambda: defaultdict(int))

    def record(self, label, status, seconds):
        with self.lock:
            self.latency[label].append(seconds)
            self.status[label][status] += 1

    def server_errors(self):
        return sum(
            n for codes in self.status.values() for s, n in codes.items() if s >= 500
        )


def timed(results, label, browser, path):
    started = time.perf_counter()
    try:
        status, _body = browser.request(path)
    except OSError:
        status = 599
    results.record(label, status, time.perf_counter() - started)


WRK_SCRIPT = """
errors = 0  -- global: done() reads it from each thread
function response(status, headers, body)
  if status >= 500 then errors = errors + 1 end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("errors") or 0) end
  io.write(string.format("5xx %d\\n", total))
end
"""


def read_pages(stack, pages, seconds, work):
    """The 32 readers: one wrk (C, keep-alive) per page, so the client costs
    the two cores little and each page gets its own latency percentiles."""
    script = work / "count-5xx.lua"
    script.write_text(WRK_SCRIPT)
    shares = {label: (8 if label == "home" else 2) for label, _path in pages}
    spare = READERS - sum(shares.values())
    for label in list(shares)[: max(spare, 0)]:
        shares[label] += 1
    runs = {
        label: subprocess.Popen(
            [
                "wrk",
                "-t1",
                f"-c{shares[label]}",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(script),
                stack.url + path,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for label, path in pages
        if shares[label] > 0
    }
    return {label: parse_wrk(run.communicate()[0]) for label, run in runs.items()}


def parse_wrk(output):
    def seconds(text):
        value = float(re.match(r"[\d.]+", text)[0])
        return (
            value
            / {"us": 1e6, "ms": 1e3, "s": 1, "m": 1 / 60}[re.sub(r"[\d.]", "", text)]
        )

    found = {"5xx": int(re.search(r"^5xx (\d+)", output, re.M)[1])}
    for share in ("50", "90", "99"):
        found[share] = seconds(re.search(rf"^\s+{share}%\s+(\S+)", output, re.M)[1])
    found["max"] = seconds(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", output)[1])
    found["n"] = int(re.search(r"(\d+) requests in", output)[1])
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    found["non-2xx"] = int(non_ok[1]) if non_ok else 0
    errors = re.search(r"Socket errors: (.*)", output)
    found["socket errors"] = errors[1] if errors else ""
    return found


def downloader(stack, path, results, stop, done):
    browser = Browser(stack.url)
    while not stop.is_set():
        started = time.perf_counter()
        response = browser.request(path, stream=True)
        status, received = response.status, 0
        if status == 202:
            response.read()
            time.sleep(1)
            continue
        while not stop.is_set():
            chunk = response.read(256 * 1024)
            if not chunk:
                break
            received += len(chunk)
            ahead = received / DOWNLOAD_RATE - (time.perf_counter() - started)
            if ahead > 0:
                time.sleep(ahead)
        response.close()
        done.append(received)
        if not stop.is_set():
            results.record("gallery zip (whole)", status, time.perf_counter() - started)


def editor(stack, index, session_url, results, stop, saves):
    browser = Browser(stack.url)
    browser.sign_in()
    while not stop.is_set():
        started = time.perf_counter()
        status, body = browser.request(session_url)
        results.record("admin: session page", status, time.perf_counter() - started)
        if status != 200:
            continue
        form = FormReader("session_form")
        form.feed(body.decode())
        fields = dict(form.fields)
        key = f"results-{index}-laps"
        laps = int(fields.get(key) or 0) + 1
        pairs = [(k, v) for k, v in form.fields if k not in (key, "change_reason")]
        # The demo's results are final: a change needs its reason.
        pairs += [(key, str(laps)), ("change_reason", f"Load test, editor {index}")]
        started = time.perf_counter()
        status, body = browser.post_form(session_url, pairs)
        results.record("admin: save results", status, time.perf_counter() - started)
        if status == 302:
            saves[index] = laps  # this editor's row must now show these laps
        elif status == 200 and b"changed since you opened" in body:
            saves[f"refused-{index}"] = saves.get(f"refused-{index}", 0) + 1
        elif status < 500:
            saves[f"other-{index}"] = saves.get(f"other-{index}", 0) + 1
            saves.setdefault("first-other", body.decode(errors="replace"))


def uploader(stack, gallery_id, licence_id, files, results, stop, outcome):
    browser = Browser(stack.url)
    browser.sign_in()
    time.sleep(5)
    for name in files:
        if stop.is_set():
            break
        started = time.perf_counter()
        status, reply = browser.upload_photo(
            gallery_id, name, licence=licence_id, credit="Load test"
        )
        results.record("admin: upload a photo", status, time.perf_counter() - started)
        outcome.append((status, reply))


# -- the run ---------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--serve",
        type=int,
        default=0,
        help="only set up and serve for this many seconds (to probe by hand)",
    )
    options = parser.parse_args()
    # One app server, local photo storage: nginx sends files and zips itself.
    # Every simulated fan comes from 127.0.0.1: no per-address search limit.
    stack = Stack(database=DATABASE, s3=False, app_servers=1, search_rate="100000r/s")
    stack.env["GUNICORN_WORKERS"] = "5"
    work = stack.work
    print(f"Setting up in {work} (PostgreSQL database {DATABASE})…", flush=True)
    try:
        ensure_debian_packages("wrk")
        stack.prepare(demo=False)
        prepare_data(stack)
        info = dict(
            line.split("=", 1) for line in (work / "setup.txt").read_text().splitlines()
        )
        stack.start()
        if options.serve:
            print(f"Serving on {stack.url} for {options.serve} s.", flush=True)
            time.sleep(options.serve)
            return 0
        return run(stack, info, options.seconds)
    finally:
        stack.stop()
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


def prepare_data(stack):
    """The demo weekend, then bench/loadtest_data.py's gallery, login, pages."""
    immediate = {
        "DJANGO_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
    }
    stack.manage("load_demo", **immediate)
    subprocess.run(
        [PYTHON, str(BASE / "bench/loadtest_data.py"), str(UPLOADS)],
        cwd=BASE,
        env={**stack.env, **immediate},
        check=True,
    )


def run(stack, info, seconds):
    pages = [line.split(" ", 1) for line in info["pages"].split(",")]
    pages = [(label.replace("_", " "), path) for label, path in pages]
    results, stop = Results(), threading.Event()
    saves, downloads, uploads, pages_read = {}, [], [], {}
    threads = [
        threading.Thread(
            target=lambda: pages_read.update(
                read_pages(stack, pages, seconds, stack.work)
            )
        )
    ]
    threads += [
        threading.Thread(
            target=downloader, args=(stack, info["zip"], results, stop, downloads)
        )
        for _n in range(DOWNLOADERS)
    ]
    threads += [
        threading.Thread(
            target=editor, args=(stack, n, info["session"], results, stop, saves)
        )
        for n in range(EDITORS)
    ]
    files = sorted(Path(info["uploads"]).glob("*.jpg"))
    threads.append(
        threading.Thread(
            target=uploader,
            args=(
                stack,
                info["gallery"],
                info["licence"],
                files,
                results,
                stop,
                uploads,
            ),
        )
    )
    print(
        f"Running for {seconds} s: {READERS} readers (wrk), {DOWNLOADERS} zip "
        f"downloads at 2 MB/s, {EDITORS} editors, {len(files)} uploads…",
        flush=True,
    )
    for thread in threads:
        thread.daemon = True
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return report(stack, info, pages_read, results, saves, downloads, uploads)


def report(stack, info, pages_read, results, saves, downloads, uploads):
    print(
        f"\n{'page':32} {'requests':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8}  errors"
    )
    server_errors = 0
    for label, found in sorted(pages_read.items()):
        server_errors += found["5xx"]
        problems = f"5xx×{found['5xx']}" if found["5xx"] else ""
        if found["non-2xx"] - found["5xx"]:
            problems += f" other non-2xx×{found['non-2xx'] - found['5xx']}"
        print(
            f"{label:32} {found['n']:8d} {found['50'] * 1000:8.0f} "
            f"{found['90'] * 1000:8.0f} {found['99'] * 1000:8.0f} "
            f"{found['max'] * 1000:8.0f}  {problems or '-'} {found['socket errors']}"
        )
    for label in sorted(results.latency):
        values = results.latency[label]
        codes = ", ".join(f"{c}×{n}" for c, n in sorted(results.status[label].items()))
        print(
            f"{label:32} {len(values):8d} {percentile(values, 0.5) * 1000:8.0f} "
            f"{percentile(values, 0.9) * 1000:8.0f} "
            f"{percentile(values, 0.99) * 1000:8.0f} {max(values) * 1000:8.0f}  {codes}"
        )
    server_errors += results.server_errors()
    print(
        f"\nzip downloads: {sum(downloads) / 2**20:.0f} MB received by "
        f"{DOWNLOADERS} journalists at 2 MB/s each"
    )
    added = sum(
        1 for status, reply in uploads if status == 200 and b'"created"' in reply
    )
    print(f"uploads: {len(uploads)} sent, {added} added")
    lost = check_writes(stack, info, saves)
    refused = sum(v for k, v in saves.items() if str(k).startswith("refused"))
    kept = sum(1 for k in saves if isinstance(k, int))
    print(
        f"editors: {results.status['admin: save results'].get(302, 0)} saves, "
        f"{refused} refused as changed meanwhile (with a message), "
        f"{kept} rows checked, lost writes: {lost}"
    )
    if "first-other" in saves:
        errors = re.findall(r'class="errornote">\s*(.*?)\s*<', saves["first-other"])
        print("an editor's save came back with:", errors[:3])

    failures = []
    if server_errors:
        failures.append(f"{server_errors} responses were 5xx")
    if lost:
        failures.append(f"{lost} lost writes")
    if added < len(uploads):
        failures.append(f"{len(uploads) - added} uploads were not added")
    home = pages_read.get("home")
    if home is None or home["99"] > HOME_P99_LIMIT:
        failures.append(f"home p99 over {HOME_P99_LIMIT} s")
    if failures:
        print("\nFAILED: " + "; ".join(failures))
        return 1
    print("\nOK: no 5xx, no lost write, home p99 within 1 s.")
    return 0


def check_writes(stack, info, saves):
    """Each editor's row holds the laps of its last successful save."""
    out = (
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from racing.models import Result; "
                f"rows = Result.objects.filter(session_id={info['session_id']})"
                ".order_by('position', 'status', 'driver__last_name'); "
                "print(','.join(str(r.laps or 0) for r in rows))",
            ],
            cwd=BASE,
            env=stack.env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    laps = [int(n) for n in out.split(",")]
    return sum(
        1
        for index, value in saves.items()
        if isinstance(index, int) and laps[index] != value
    )


if __name__ == "__main__":
    sys.exit(main())
