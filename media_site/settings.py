"""Settings for the racing media site, read from the environment.

A bare start is production: it needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS and
refuses to run without them. `make run` and `make test` supply development values.
Every variable is documented in `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional file; real environment variables win


def required(name: str, value):
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: the site starts in production "
            "mode and will not run without it (see .env.example; for development "
            "use `make run`, which sets DJANGO_DEBUG=true and development values)."
        )
    return value


def mailer(url: str) -> dict:
    """A Django 6.1 MAILERS entry from a URL: smtp://user:pw@host:25,
    smtp+tls://…:587, smtp+ssl://…:465, consolemail://, filemail:///path."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": config["EMAIL_HOST"],
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"],
            "password": config["EMAIL_HOST_PASSWORD"],
            "use_tls": config.get("EMAIL_USE_TLS", False),
            "use_ssl": config.get("EMAIL_USE_SSL", False),
            "timeout": 10,
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": config["EMAIL_FILE_PATH"]}
    else:
        options = {}
    return {"BACKEND": backend, "OPTIONS": options}


DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = required("DJANGO_SECRET_KEY", env.str("DJANGO_SECRET_KEY", default=""))
ALLOWED_HOSTS = required(
    "DJANGO_ALLOWED_HOSTS", env.list("DJANGO_ALLOWED_HOSTS", default=[])
)
if not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith("dev-")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 32 random "
        "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The admin with its press-room site (two-factor sign-in): racing/admin/site.py.
    "racing.apps.PressRoomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "django_tasks_db",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The API docs page and its scripts, served as the site's own static files.
    "ninja",
    "racing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, without a Vary: Accept-Language the pages do not have.
    "media_site.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session passed a second factor: request.user.is_verified().
    "django_otp.middleware.OTPMiddleware",
    # Who changed a result: the admin user, recorded with each history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with 429.
    "axes.middleware.AxesMiddleware",
]

# Sign-in: locked out after repeated failures, by account and by address
# (django-axes, kept in the database so every app server sees it), and a
# second factor (TOTP, django-otp) for every staff member who sets one up;
# superusers must have one in production.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind nginx, the client's address is the last one it adds.
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if AXES_IPWARE_PROXY_COUNT
    else ["REMOTE_ADDR"]
)
OTP_TOTP_ISSUER = env.str("DJANGO_OTP_ISSUER", default="Team press room")
RACING_SUPERUSER_2FA = env.bool("DJANGO_SUPERUSER_2FA", default=not DEBUG)

ROOT_URLCONF = "media_site.urls"
WSGI_APPLICATION = "media_site.wsgi.application"
ASGI_APPLICATION = "media_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "racing.context_processors.site",
            ],
        },
    },
]

# Widgets render from the project's templates too (the admin's track-time input).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60)
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Two editors saving at once: write-ahead logging lets readers carry on,
    # IMMEDIATE takes the write lock when a transaction starts (a read that
    # turns into a write cannot deadlock), and a writer waits up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
elif DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool(
    "DJANGO_DB_PREPARED_STATEMENTS", default=True
):
    # Parameters bound by the server, and a threshold (Django leaves psycopg's
    # preparing off without one), so a query a connection runs a fifth time is
    # prepared: PostgreSQL then skips parsing and planning, which took longer
    # than running most of the public pages' queries (issue 9). Turn off
    # behind a PgBouncer in transaction mode older than 1.21, which cannot
    # keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing its redis-py client (see the module).
    CACHES["default"]["BACKEND"] = "media_site.redis_cache.RedisCache"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# Media goes to local disk by default; set DJANGO_S3_BUCKET to share one bucket
# between several app servers (django-storages, any S3-compatible service).
S3_BUCKET = env.str("DJANGO_S3_BUCKET", default="")
photo_storage = None
if S3_BUCKET:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("DJANGO_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("DJANGO_S3_REGION", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Photos in the same bucket under photos/, reached only by signed URLs.
    photo_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **default_storage["OPTIONS"],
            "location": "photos",
            "file_overwrite": True,
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if photo_storage:
    STORAGES["photos"] = photo_storage

TASKS = {
    "default": {
        "BACKEND": env.str(
            "DJANGO_TASKS_BACKEND",
            default="django.tasks.backends.immediate.ImmediateBackend",
        ),
        # New photos' thumbnails have a queue of their own, so one spare worker
        # can take them at once while the others make large sizes (README).
        "QUEUES": ["default", "thumbnails"],
    }
}

# Security: production defaults, relaxed only by DEBUG.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# A year, as browsers' preload lists ask; subdomains and preload included in
# production (turn them off in the environment if a subdomain is plain HTTP).
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Uploads: large camera JPEGs are streamed to disk rather than held in memory.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
RACING_MAX_CSV_BYTES = 1024 * 1024

# Photos (docs/photo-desk.md): originals, renditions and download copies are
# private and reach visitors only through views that check publication.
RACING_PHOTO_ROOT = (
    env.str("DJANGO_PHOTO_ROOT", default="") or None
)  # beside MEDIA_ROOT
RACING_X_ACCEL_PREFIX = env.str("DJANGO_X_ACCEL_PREFIX", default="")
RACING_PHOTO_REDIRECT = env.bool("DJANGO_PHOTO_REDIRECT", default=bool(S3_BUCKET))
RACING_MAX_PHOTO_PIXELS = env.int("DJANGO_MAX_PHOTO_PIXELS", default=60_000_000)
RACING_MAX_PHOTO_BYTES = env.int("DJANGO_MAX_PHOTO_BYTES", default=80 * 1024 * 1024)
# A resumable upload not finished within this many hours is removed with its
# chunks (`manage.py clean_uploads`, hourly).
RACING_PARTIAL_UPLOAD_HOURS = env.int("DJANGO_PARTIAL_UPLOAD_HOURS", default=24)
# A photo queued or processing longer than this has lost its worker: the admin
# says so and `manage.py recover_photos` (every few minutes) queues it again.
RACING_PHOTO_STALE_MINUTES = env.int("DJANGO_PHOTO_STALE_MINUTES", default=15)

# Errors reach people: a mail to ADMINS for every server error (with DEBUG off),
# and Sentry when SENTRY_DSN is set. The 500 page says so only when one is.
ADMINS = env.list("DJANGO_ADMINS", default=[])
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default="racing@localhost")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default=SERVER_EMAIL)
# Development writes each mail as a file under sent-mail/ (gitignored) instead
# of sending it; production sends through EMAIL_URL.
MAILERS = {"default": mailer(env.str("EMAIL_URL", default="smtp://localhost:25"))}
if DEBUG and "EMAIL_URL" not in env:
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": BASE_DIR / "sent-mail"},
    }
SENTRY_DSN = env.str("SENTRY_DSN", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO"},
        "axes": {"level": "WARNING"},  # not a line per successful sign-in
        # libvips reports how it resizes, six lines a photo, at INFO.
        "pyvips": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "INFO")},
}

if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,  # no cookies, user names or addresses
    )
