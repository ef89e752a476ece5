"""The site under gunicorn on a free loopback port, for the bench scripts
that measure it as a browser or wrk would (pages.py, lighthouse.py)."""

import json
import os
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.ports import free_port, wait_for_port

BASE = Path(__file__).resolve().parent.parent


TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    port: int
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time of the server's workers so far, the ones gunicorn has
        recycled included (/proc: the master's children's times)."""
        master = Path(f"/proc/{self.pid}")
        children = (master / f"task/{self.pid}/children").read_text().split()
        ticks = sum(_times(master / "stat")[2:4])  # waited-for children
        for child in children:
            try:
                ticks += sum(_times(Path(f"/proc/{child}/stat"))[:2])
            except FileNotFoundError:
                pass  # recycled just now
        return ticks / TICKS


def _times(stat: Path) -> list[int]:
    """utime, stime, cutime, cstime of /proc/<pid>/stat (after the name,
    which may hold spaces)."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return [int(value) for value in fields[11:15]]


@contextmanager
def gunicorn(env: dict, *, workers: int = 2):
    """Serve the site with `env`'s settings; yields the Server."""
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
        yield Server(port, server.pid)
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
