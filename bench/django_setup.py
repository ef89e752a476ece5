"""Django for the scripts in bench/: the project on the path, development
settings unless the environment says otherwise, then django.setup()."""

import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "media_site.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-bench")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")

import django  # noqa: E402

django.setup()
