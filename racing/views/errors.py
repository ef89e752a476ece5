"""The server error page: plain (no database), honest about who was told."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    reported = bool(settings.ADMINS or getattr(settings, "SENTRY_DSN", ""))
    html = loader.get_template("500.html").render({"reported": reported})
    return HttpResponseServerError(html)
