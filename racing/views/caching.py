"""Caching of public pages: on the server (shared by every app server, see
racing/services/page_cache.py) and in browsers and CDNs."""

import hashlib
from functools import wraps

from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe, quote_etag

from racing.services import page_cache

# Browsers look again after half a minute; shared caches (a CDN) keep a page
# five minutes and are purged by its Cache-Tag / Surrogate-Key headers.
PUBLIC_MAX_AGE = 30
SHARED_MAX_AGE = 300


def public_cache(*tags):
    """Cache a public page for anonymous readers, on the server and downstream.

    `tags` name what the page shows (page_cache.TAGS); a save of any of it
    gives the page a new version on every app server once the save commits.
    The CSP nonce is fresh in every response, cached or not. Logged-in staff
    see pages as rendered for them: never cached, never stored.
    """
    tags = tuple(sorted(tags or page_cache.ALL_TAGS))

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            cacheable = not request.user.is_authenticated and request.method in (
                "GET",
                "HEAD",
            )
            key = page_cache.page_key(request)
            versions, page = page_cache.lookup(key, tags) if cacheable else (None, None)
            if page is not None:
                return _replay(request, page)
            response = view(request, *args, **kwargs)
            if _is_private(response):
                return response  # a personal page (an embargoed copy): never kept
            _cache_headers(request, response, tags)
            if (
                versions is not None
                and request.method == "GET"
                and response.status_code == 200
                and not response.streaming
            ):
                if hasattr(response, "render"):
                    response.render()
                nonce = get_nonce(request)
                page_cache.store(
                    key,
                    versions,
                    status=response.status_code,
                    headers=dict(response.items()),
                    content=response.content,
                    nonce=nonce if nonce else None,
                )
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator


def _is_private(response) -> bool:
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control


def _cache_headers(request, response, tags):
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(
            response, public=True, max_age=PUBLIC_MAX_AGE, s_maxage=SHARED_MAX_AGE
        )
        # Purge keys for a CDN: Cloudflare reads Cache-Tag, Fastly Surrogate-Key.
        response["Cache-Tag"] = ",".join(tags)
        response["Surrogate-Key"] = " ".join(tags)
    patch_vary_headers(response, ["Cookie"])


def _replay(request, page):
    """A stored page as a new response, with this response's own nonce."""
    modified = page["headers"].get("Last-Modified")
    response = get_conditional_response(
        request,
        etag=page["headers"].get("ETag"),
        last_modified=parse_http_date_safe(modified) if modified else None,
    ) or HttpResponse(
        page_cache.with_nonce(page["content"], get_nonce(request)),
        status=page["status"],
    )
    for name, value in page["headers"].items():
        if name not in ("Content-Length", "X-Page-Cache"):
            response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def content_etag(view):
    """An ETag computed from the page itself, answering 304 when it matches.

    A report page shows more than the report: the results block, quotes and
    photos change without the report being saved, so a stamp of the report's
    own fields would keep serving a corrected result as "not modified". The CSP
    nonce, new on every response, is left out of the hash.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
        ):
            return response
        if hasattr(response, "render"):
            response.render()
        content = response.content
        nonce = get_nonce(request)
        if nonce:
            content = content.replace(str(nonce).encode(), b"")
        etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
        response["ETag"] = etag
        # Django's comparison is the weak one RFC 9110 asks for: a proxy that
        # compresses the page hands out W/"…", and browsers send that back.
        return get_conditional_response(request, etag=etag, response=response)

    return wrapper
