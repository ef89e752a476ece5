"""gunicorn's settings for production, read by `gunicorn media_site.wsgi`
from this folder. nginx sits in front (docs/photo-desk.md): it buffers slow
uploads and sends every photo file and gallery zip itself (X-Accel-Redirect),
so no request holds a worker for longer than the work it asks of Django."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# The longest request: checking an uploaded zip (its CPU budget is
# RACING_UPLOAD_CPU_SECONDS, 60 s) plus writing it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 90))
graceful_timeout = 30
# Django and the app are imported once, in the master, and each worker is a
# fork of it: a recycled worker starts in milliseconds instead of re-importing
# everything (about a second of CPU). Workers used to be recycled every 2,000
# requests, which at cached-page rates (over 1,000 a second on 2 cores) cost
# more CPU than serving the pages (bench/pages.py, issue 9). With the app
# preloaded, `kill -HUP` no longer loads new code: deploy with a restart.
preload_app = True
# Recycle workers now and then so a slow leak never grows on a long weekend.
max_requests = 20000
max_requests_jitter = 2000
accesslog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
