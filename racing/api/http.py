"""HTTP manners shared by every answer of the API, whatever Ninja makes.

Answers are cached like the public pages (`public_cache`: on the server, and
public for a short while downstream), carry an ETag computed from the body so a
repeated request with If-None-Match gets 304, and may be read by scripts on any
site (CORS), for reading only. They are written in English whatever language
the reader's browser prefers, so one cached copy serves everybody.
"""

from functools import wraps

from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.decorators import decorator_from_middleware

from racing.views.caching import public_cache

READ_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # A script may read these of an answer, besides the CORS-safe ones.
    "Access-Control-Expose-Headers": "ETag, Content-Language",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": READ_METHODS,
    "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)
# What the answers show (page_cache.TAGS): a save of any of it renews them.
# Quotes are placed in report bodies; photos are not in the API.
TAGS = ("drivers", "events", "quotes", "reports", "results")


def read_only(view):
    """Wrap one of the API's views: cache, ETag, CORS for reading, English."""
    answer = conditional_get(public_cache(*TAGS)(view))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            # A browser asks before a cross-site request with If-None-Match.
            response = HttpResponse(status=204)
            _set(response, PREFLIGHT_HEADERS)
            response["Allow"] = READ_METHODS
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)  # Ninja answers 405
        method, request.method = request.method, "GET"
        try:
            # A HEAD is answered as a GET (same headers, same ETag); the
            # server sends no body.
            with translation.override("en"):
                response = answer(request, *args, **kwargs)
        finally:
            request.method = method
        _set(response, CORS_HEADERS)
        response["Content-Language"] = "en"
        return response

    return wrapper


def _set(response, headers: dict) -> None:
    for name, value in headers.items():
        response[name] = value
