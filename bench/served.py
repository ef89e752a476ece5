"""The site under gunicorn on a free loopback port, for the bench scripts
that measure it as a browser or wrk would (pages.py, lighthouse.py)."""

import json
import subprocess
from contextlib import contextmanager
from pathlib import Path

from deploy.ports import free_port, wait_for_port

BASE = Path(__file__).resolve().parent.parent


@contextmanager
def gunicorn(env: dict, *, workers: int = 2):
    """Serve the site with `env`'s settings; yields the port."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BASE / ".venv/bin/gunicorn"),
            "media_site.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=BASE,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def listed_pages(script: str, env: dict) -> list:
    """The pages a bench script measures, as its `--pages` mode prints them
    (JSON, last line) in a process of its own with the bench database's env."""
    out = subprocess.run(
        [str(BASE / ".venv/bin/python"), script, "--pages"],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])
