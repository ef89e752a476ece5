"""The production stack on one machine, on the engines production uses.

    make stack        # serves on http://127.0.0.1:8080/ until Ctrl-C

PostgreSQL (a fresh database), Redis (its own server, so it can be restarted
without touching others), S3-compatible object storage spoken to over HTTP
(moto's standalone server here; MinIO, Garage or a cloud bucket in
production), nginx (Debian's) in front of two gunicorn app servers, and the
task worker. nginx serves static files; photos and zips go out as signed URLs
of the bucket, never through Python. docs/deploy.md describes the same
processes for a real deployment.

Also used by bench/loadtest.py (local photo storage behind nginx) and by
tests/stack/ (publish on one app server, read on the other, stop one, restart
Redis).
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from deploy.ports import free_port, wait_for_port

BASE = Path(__file__).resolve().parent.parent
VENV = BASE / ".venv/bin"
PG = "postgres://postgres@127.0.0.1:5432"
BUCKET = "racing-stack"


def wait_for(url: str, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Nothing answered at {url}")


def psql(statement: str, *, check: bool = True) -> None:
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc"]
    subprocess.run([*command, statement], check=check, capture_output=not check)


def ensure_debian_packages(*names: str) -> None:
    missing = [name for name in names if not shutil.which(name)]
    if missing:
        print(f"Installing {', '.join(missing)} (Debian's packages)…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)


def ensure_postgresql() -> None:
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode:
        version = os.listdir("/etc/postgresql")[0]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=True,
        )


class Stack:
    """Start with `start()`, stop with `stop()`; `url` is nginx's address,
    `app_urls` each app server's own."""

    def __init__(
        self,
        *,
        work=None,
        database="racing_stack",
        s3=True,
        app_servers=2,
        port=None,
        search_rate="2r/s",
    ):
        self.work = Path(work or tempfile.mkdtemp(prefix="racing-stack-"))
        self.work.chmod(0o755)
        self.database, self.s3 = database, s3
        self.search_rate = search_rate  # a visitor's new searches, in nginx's terms
        self.web_port = port or free_port()
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.redis_port, self.s3_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.app_urls = [f"http://127.0.0.1:{port}" for port in self.app_ports]
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": f"{PG}/{database}",
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DJANGO_MEDIA_ROOT": str(self.work / "media"),
            "DJANGO_PHOTO_ROOT": str(self.work / "photos"),
            "DJANGO_STATIC_ROOT": str(self.work / "static"),
            "DJANGO_PROXY_COUNT": "1",
            "DJANGO_SUPERUSER_2FA": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SITE_URL": self.url,
            "GUNICORN_WORKERS": "2",
        }
        if s3:
            self.env.update(
                DJANGO_S3_BUCKET=BUCKET,
                DJANGO_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3_port}",
                DJANGO_S3_REGION="us-east-1",
                AWS_ACCESS_KEY_ID="stack",
                AWS_SECRET_ACCESS_KEY="stack-secret",
            )
        else:
            self.env["DJANGO_X_ACCEL_PREFIX"] = "/protected-photos/"

    # -- set-up -------------------------------------------------------------------

    def manage(self, *args, **env) -> None:
        subprocess.run(
            [str(VENV / "python"), "manage.py", *args],
            cwd=BASE,
            env={**self.env, **env},
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self, *, demo=True) -> None:
        """A fresh database and bucket, the schema, static files, the demo."""
        ensure_debian_packages("nginx")
        ensure_postgresql()
        psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        psql(f"CREATE DATABASE {self.database}")
        self.start_redis()
        if self.s3:
            self.start_s3()
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        if demo:
            immediate = "django.tasks.backends.immediate.ImmediateBackend"
            self.manage("load_demo", DJANGO_TASKS_BACKEND=immediate)
            self.manage("create_demo_login", DJANGO_DEBUG="true")

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_for_port(self.redis_port)

    def stop_redis(self) -> None:
        self.kill("redis")

    def start_s3(self) -> None:
        self.spawn("s3", [str(VENV / "moto_server"), "-p", str(self.s3_port)])
        wait_for(f"http://127.0.0.1:{self.s3_port}/")
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["DJANGO_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="stack",
            aws_secret_access_key="stack-secret",
        ).create_bucket(Bucket=BUCKET)

    # -- processes ----------------------------------------------------------------

    def start(self) -> None:
        for index in range(len(self.app_ports)):
            self.start_app(index)
        self.spawn(
            "worker",
            [str(VENV / "python"), "manage.py", "db_worker", "--queue-name", "*"],
        )
        self.write_nginx_config()
        self.spawn(
            "nginx",
            [
                "nginx",
                "-c",
                str(self.work / "nginx.conf"),
                "-p",
                str(self.work / "nginx"),
            ],
        )
        wait_for(self.url + "/robots.txt")

    def start_app(self, index: int) -> None:
        port = self.app_ports[index]
        self.spawn(
            f"app{index}",
            [
                str(VENV / "gunicorn"),
                "media_site.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                # One control socket each: two app servers share this machine.
                "--control-socket",
                str(self.work / f"app{index}.ctl"),
            ],
        )
        wait_for(f"http://127.0.0.1:{port}/robots.txt")

    def stop_app(self, index: int) -> None:
        self.kill(f"app{index}")

    def spawn(self, name: str, command: list[str]) -> None:
        log = open(self.work / f"{name}.log", "a")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=BASE,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)

    def stop(self) -> None:
        for name in reversed(list(self.processes)):
            self.kill(name)
        psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)", check=False)

    def write_nginx_config(self) -> None:
        (self.work / "nginx").mkdir(exist_ok=True)
        upstream = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for port in self.app_ports
        )
        (self.work / "nginx.conf").write_text(
            NGINX.format(
                user="user root;" if os.geteuid() == 0 else "",
                work=self.work,
                web=self.web_port,
                upstream=upstream,
                static=self.work / "static",
                photos=self.work / "photos",
                search_rate=self.search_rate,
                photo_redirects=PHOTO_REDIRECTS if self.s3 else "",
            )
        )


# nginx in front: static files itself, photo files by X-Accel-Redirect when they
# are on local disk, everything else from the app servers (the next one when
# one is down).
NGINX = """
daemon off;
{user}
worker_processes 2;
pid {work}/nginx/nginx.pid;
error_log {work}/nginx/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/nginx/body;
    proxy_temp_path {work}/nginx/proxy;
    fastcgi_temp_path {work}/nginx/fastcgi;
    uwsgi_temp_path {work}/nginx/uwsgi;
    scgi_temp_path {work}/nginx/scgi;
    client_max_body_size 200m;
    sendfile on;
    # Pages, feeds, sitemaps and the API compressed (HTML always is), also
    # for a CDN's requests (gzip_proxied); static files from collectstatic's
    # own .gz copies (gzip_static), never compressed again.
    gzip on;
    gzip_vary on;
    gzip_proxied any;
    gzip_comp_level 5;
    gzip_min_length 1024;
    gzip_types text/css application/javascript application/json
        application/xml application/rss+xml application/atom+xml text/calendar
        image/svg+xml text/plain;
    types {{
        text/css css; application/javascript js; image/svg+xml svg;
        application/zip zip; image/jpeg jpg; image/webp webp; image/avif avif;
        font/woff2 woff2;
    }}
    # Search answers from the page cache only for a query asked before: a
    # client sending new queries as fast as it can would occupy the app
    # servers. Two a second from one address, bursts of 20, then 429.
    limit_req_zone $binary_remote_addr zone=search:10m rate={search_rate};
    limit_req_status 429;
    proxy_cache_path {work}/nginx/cache keys_zone=photo_redirects:10m
        max_size=100m inactive=10m use_temp_path=off;
    upstream app {{
{upstream}
    }}
    server {{
        listen 127.0.0.1:{web};
        location /static/ {{
            alias {static}/;
            expires 1y;
            gzip_static on;
        }}
        location /protected-photos/ {{
            internal;
            alias {photos}/;
        }}
        proxy_next_upstream error timeout http_502 http_503;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        location / {{
            proxy_pass http://app;
        }}
{photo_redirects}
        location ~ ^/(sv/)?search/ {{
            limit_req zone=search burst=20 nodelay;
            proxy_pass http://app;
        }}
    }}
}}
"""


# With a bucket, a published photo's address answers with a redirect to a
# signed URL of the bucket that every visitor may share for ten minutes
# (Cache-Control: public, max-age=600). nginx keeps those redirects, so the
# thirty pictures of a gallery page cost the app servers one request each per
# ten minutes, not thirty a visitor. Unpublished photos ("private, no-store")
# and 404s are never kept.
PHOTO_REDIRECTS = """
        location /photos/ {
            proxy_pass http://app;
            proxy_cache photo_redirects;
            add_header X-Cache-Status $upstream_cache_status always;
        }
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port")
    options = parser.parse_args()
    stack = Stack(port=options.port)
    print(f"Starting the stack in {stack.work}…", flush=True)
    try:
        stack.prepare()
        stack.start()
        print(
            f"\nSite: {stack.url}/   admin: {stack.url}/admin/ "
            "(press / green-hell-2021)\n"
            f"App servers: {', '.join(stack.app_urls)}   Redis: "
            f"127.0.0.1:{stack.redis_port}   S3: {stack.env['DJANGO_S3_ENDPOINT_URL']}"
            f"\nLogs in {stack.work}. Ctrl-C stops everything.",
            flush=True,
        )
        signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        if not options.keep:
            shutil.rmtree(stack.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
