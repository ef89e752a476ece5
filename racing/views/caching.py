"""HTTP caching for public pages."""

import hashlib
from functools import wraps

from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag

PUBLIC_MAX_AGE = 300


def public_cache(view):
    """Shared caches may keep a page five minutes for anonymous visitors.

    The language is in the URL (/ or /sv/), so the cache key needs no
    Accept-Language; logged-in staff may see admin links, so they vary by cookie
    and are never stored by shared caches.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


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
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response.status_code = 304
            response.content = b""
        return response

    return wrapper
