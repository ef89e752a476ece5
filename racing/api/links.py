"""Absolute links between the API's answers and to the public pages.

Built on the configured site address (SITE_URL), never the request's Host, so
a cached answer holds the same links for everybody.
"""

from urllib.parse import urlencode

from django.urls import reverse

from racing.templatetags.racing import absolute


def api_url(name: str, query: dict | None = None, **kwargs) -> str:
    url = absolute(reverse(f"api:{name}", kwargs=kwargs))
    return f"{url}?{urlencode(query)}" if query else url


def page_url(obj) -> str:
    return absolute(obj.get_absolute_url())
