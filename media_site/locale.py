"""Django's LocaleMiddleware, without a `Vary: Accept-Language` that is not true.

The address alone says a page's language here: i18n_patterns with
prefix_default_language=False puts English at /... and Swedish at /sv/..., and
Django gives every unprefixed path the default language whatever the browser
asks. It still marks those responses as varying by Accept-Language, and a CDN
or any shared cache then keeps one copy per Accept-Language string browsers
send ("en-GB,en;q=0.9", "sv-SE,sv;q=0.9,en-US;q=0.8", ...), or none: the
English pages, most of the traffic, would rarely be served from the edge
(issue 9).
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.utils.cache import has_vary_header
from django.utils.http import split_header_value


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        had_vary = has_vary_header(response, "Accept-Language")
        response = super().process_response(request, response)
        if not had_vary and self._language_is_in_the_address(request):
            kept = [
                field
                for field in split_header_value(response.get("Vary", ""))
                if field.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            elif "Vary" in response:
                del response["Vary"]
        return response

    @staticmethod
    def _language_is_in_the_address(request) -> bool:
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        used, prefixed_default = is_language_prefix_patterns_used(urlconf)
        return used and not prefixed_default
