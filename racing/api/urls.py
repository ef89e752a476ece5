"""/api/v1/: every view of the API, with the manners of `http.read_only`."""

from django.urls import URLPattern

from .http import read_only
from .main import api

app_name = "api"

_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    URLPattern(url.pattern, read_only(url.callback), url.default_args, url.name)
    for url in _patterns
]
