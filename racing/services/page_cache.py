"""Server-side cache of public pages, shared by every app server (Redis).

Each page is stored with the tags of what it shows ("reports", "results"…)
and the tag versions it was rendered under. A save of anything a page shows
gives its tags new versions once the save commits (`bump`), so every server
misses the stale copy at once, without knowing which pages hold it. A page
also never outlives the next embargo end (a scheduled report goes public by
the clock, with no save) nor the day it was made for ("next race weekend").

Each app server process also keeps the pages it served last in its own
memory, with the tag versions it read from Redis, and trusts those versions
for one second (LOCAL_SECONDS): a page read a thousand times a second then
costs no round trip to Redis, and a save on another server still shows
everywhere within the two seconds the site promises. With an in-process
cache already (local memory, in development and the tests) it keeps none.

The cache is a help, never a dependency: when it fails (Redis restarting)
pages are rendered as if nothing were cached.
"""

import datetime as dt
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

PREFIX = "page:"
TAG_PREFIX = "page-tag:"
MAX_AGE = 10 * 60  # seconds: a cached page is remade at least this often
NONCE_MARK = "\x00csp-nonce\x00"
# What a save of each model may change, as page tags.
TAGS = {
    "racereport": ("reports",),
    "reportquote": ("reports",),
    "quote": ("reports", "quotes"),
    "result": ("results",),
    "classresult": ("results",),
    "session": ("results", "events"),
    "event": ("events", "results", "reports"),
    "circuit": ("events",),
    "season": ("events", "results"),
    "classification": ("results",),
    "pointsscale": ("results",),
    "entry": ("results", "drivers"),
    "driver": ("drivers", "results", "reports"),
    "team": ("drivers", "results"),
    "car": ("drivers",),
    "series": ("events",),
    "gallery": ("photos",),
    "photo": ("photos",),
    "licence": ("photos",),
    "presscontact": ("press",),
}
ALL_TAGS = sorted({tag for tags in TAGS.values() for tag in tags})
# The name, mark and colours are on every page.
TAGS["sitesettings"] = tuple(ALL_TAGS)


# How long a process trusts the tag versions it last read from Redis, and
# how many bytes of pages it keeps (an LRU of the most read).
LOCAL_SECONDS = 1.0
LOCAL_BYTES = 32 * 1024 * 1024


class LocalCopies:
    """This process's copies of the tag versions and of the pages it served."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self):
        self.versions: dict[str, str] = {}
        self.read_at = float("-inf")
        self.pages: OrderedDict[str, dict] = OrderedDict()
        self.size = 0

    def fresh_versions(self, tags) -> dict[str, str] | None:
        if time.monotonic() - self.read_at > LOCAL_SECONDS:
            return None
        try:
            return {tag: self.versions[tag] for tag in tags}
        except KeyError:
            return None

    def remember_versions(self, versions: dict[str, str], read_at: float):
        with self.lock:
            self.versions, self.read_at = versions, read_at

    def page(self, key: str):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def keep(self, key: str, page: dict):
        with self.lock:
            if old := self.pages.pop(key, None):
                self.size -= len(old["content"])
            self.pages[key] = page
            self.size += len(page["content"])
            while self.size > LOCAL_BYTES and self.pages:
                _key, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped["content"])


local = LocalCopies()


def _keeps_local_copies() -> bool:
    """Only in front of a shared cache (Redis): local memory is local already."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return not isinstance(backend, (LocMemCache, DummyCache))


def tags_for_model(model) -> tuple[str, ...]:
    return TAGS.get(model._meta.model_name, ())


def bump(*tags: str) -> None:
    """Give the tags new versions now, and again once the transaction commits:
    a page rendered from the old rows in between is not kept past the commit."""
    tags = tuple(tags)

    def new_versions():
        local.forget()
        try:
            cache.set_many({TAG_PREFIX + tag: uuid.uuid4().hex for tag in tags}, None)
        except Exception:  # the cache is down: nothing cached survives it anyway
            logger.warning("Could not invalidate cached pages %s", tags, exc_info=True)

    if tags:
        new_versions()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(new_versions)


def current_versions(tags) -> dict[str, str] | None:
    try:
        found = cache.get_many([TAG_PREFIX + tag for tag in tags])
    except Exception:
        logger.warning("The page cache is unavailable", exc_info=True)
        return None
    return {tag: found.get(TAG_PREFIX + tag, "") for tag in tags}


def page_key(request) -> str:
    return PREFIX + request.get_full_path()


def lookup(key: str, tags) -> tuple[dict | None, dict | None]:
    """The tags' current versions and the stored page, if still current:
    from this process's copies when its versions are under a second old,
    else in one round trip to the cache. Versions are None when the cache is
    down."""
    copies = _keeps_local_copies()
    if copies and (versions := local.fresh_versions(tags)) is not None:
        page = local.page(key)
        if _is_current(page, versions):
            return versions, page
    # Every tag's version, so the copy serves every page for the next second.
    every_tag = sorted({*ALL_TAGS, *tags}) if copies else list(tags)
    read_at = time.monotonic()
    try:
        found = cache.get_many([*(TAG_PREFIX + tag for tag in every_tag), key])
    except Exception:
        logger.warning("The page cache is unavailable", exc_info=True)
        return None, None
    known = {tag: found.get(TAG_PREFIX + tag, "") for tag in every_tag}
    if copies:
        local.remember_versions(known, read_at)
    versions = {tag: known[tag] for tag in tags}
    stored = found.get(key)
    page = pickle.loads(stored) if stored is not None else None
    if not _is_current(page, versions):
        return versions, None
    if copies:
        local.keep(key, page)
    return versions, page


def _is_current(page, versions) -> bool:
    """Stored under these tag versions, and not past its time."""
    return (
        page is not None
        and page["versions"] == versions
        and page["until"] > timezone.now()
    )


def store(key: str, versions: dict, *, status, headers, content: bytes, nonce):
    """Keep a rendered page until its tags change, the next embargo ends or
    the day it was made for is over."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], DummyCache):
        return  # nothing is kept (development, the bench's uncached pass)
    now = timezone.now()
    until = min(now + dt.timedelta(seconds=MAX_AGE), _next_midnight(now))
    embargo = next_embargo_end()
    if embargo is not None:
        until = min(until, embargo)
    seconds = (until - now).total_seconds()
    if seconds < 1:
        return
    if nonce:
        content = content.replace(str(nonce).encode(), NONCE_MARK.encode())
    page = {
        "versions": versions,
        "until": until,
        "status": status,
        "headers": headers,
        "content": content,
    }
    if _keeps_local_copies():
        local.keep(key, page)
    try:
        cache.set(key, pickle.dumps(page), int(seconds) + 1)
    except Exception:
        logger.warning("Could not store a page in the cache", exc_info=True)


def with_nonce(content: bytes, nonce) -> bytes:
    return content.replace(NONCE_MARK.encode(), str(nonce).encode())


def _next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time()))


EMBARGO_KEY = "page-embargo"


def next_embargo_end():
    """When the next scheduled report goes public (None if none), looked up
    at most once a minute and forgotten as soon as reports change."""
    from racing.models import RaceReport

    versions = current_versions(["reports"]) or {}
    try:
        remembered = cache.get(EMBARGO_KEY)
    except Exception:
        remembered = None
    now = timezone.now()
    if remembered and remembered["reports"] == versions.get("reports"):
        moment = remembered["moment"]
        if moment is None or moment > now:
            return moment
    moment = (
        RaceReport.objects.filter(
            status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
            publish_at__gt=now,
        )
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    try:
        cache.set(
            EMBARGO_KEY, {"reports": versions.get("reports"), "moment": moment}, 60
        )
    except Exception:
        pass
    return moment
