"""A bare start is production: it refuses to run without its secrets, and says which."""

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = secrets.token_urlsafe(50)


def start(*args, **variables):
    """Run Python in a clean environment: only what a bare server would have."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "media_site.settings",
        "DATABASE_URL": "sqlite:////tmp/settings-check.sqlite3",
        **variables,
    }
    command = args or ("-c", "import django; django.setup()")
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(autouse=True)
def _no_local_env_file():
    if (ROOT / ".env").exists():
        pytest.skip("a local .env file would supply the variables under test")


def test_no_secret_key_is_refused_naming_the_variable():
    run = start(DJANGO_ALLOWED_HOSTS="team.example.com")

    assert run.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in run.stderr


def test_no_allowed_hosts_is_refused_naming_the_variable():
    run = start(DJANGO_SECRET_KEY=STRONG_KEY)

    assert run.returncode != 0
    assert "Set the DJANGO_ALLOWED_HOSTS environment variable" in run.stderr


@pytest.mark.parametrize(
    "key", ["dev-insecure-key-for-local-use-only", "short-but-not-dev"]
)
def test_a_development_or_short_secret_is_refused_in_production(key):
    run = start(DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="team.example.com")

    assert run.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak for production" in run.stderr


def test_the_development_values_start_with_debug_on():
    run = start(
        "manage.py",
        "check",
        DJANGO_DEBUG="true",
        DJANGO_SECRET_KEY="dev-insecure-key-for-local-use-only",
        DJANGO_ALLOWED_HOSTS="localhost",
    )

    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout


def test_production_settings_pass_the_deploy_check():
    production = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "x.example"}
    deploy_check = ("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    bare = start(*deploy_check, **production)

    assert bare.returncode == 0, bare.stderr
    assert "no issues" in bare.stdout


def setting(name, **variables):
    production = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "x.example"}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(settings.{name}))"
    )
    run = start("-c", code, **{**production, **variables})
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_hsts_lasts_a_year_in_production():
    assert setting("SECURE_HSTS_SECONDS") == str(365 * 24 * 3600)


def test_admins_and_mail_come_from_the_environment():
    assert setting(
        "ADMINS", DJANGO_ADMINS="Press Desk <desk@team.example>,ops@team.example"
    ) == repr(["Press Desk <desk@team.example>", "ops@team.example"])
    mailer = setting(
        "MAILERS['default']", EMAIL_URL="smtp+tls://mailer:pw@smtp.team.example:587"
    )
    assert "'host': 'smtp.team.example'" in mailer
    assert "'port': 587" in mailer and "'use_tls': True" in mailer


def test_sentry_reports_only_when_a_dsn_is_set():
    code = (
        "import django; django.setup(); import sentry_sdk; "
        "print(sentry_sdk.get_client().is_active())"
    )
    production = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "x.example"}

    off = start("-c", code, **production)
    on = start("-c", code, **production, SENTRY_DSN="https://key@o0.ingest.sentry.io/1")

    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True")


def _codes(output):
    return re.findall(r"\((\w+\.[EW]\d+)\)", output)
