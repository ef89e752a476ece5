"""The parts every public page shares: the navigation, the language links and
the footer.

Load with `{% load layout %}`.

The navigation and the footer are made once per process for each set of
things they show (the language, the page's section, the team's name, tagline
and links) and reused: they depend on nothing else, and rendering them on
every request cost a tenth of a page (about 2 ms, 10,000 Python calls,
issue 9). The key holds every value they print, so nothing can go stale: a
new team name is a new key. This is memoising a pure function, not a cache;
nothing needs invalidating.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_urls(context):
    """[(code, name, path)] of the current page in each language of the site.
    Worked out once a request: the header and the <head> both need it."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "language_urls"):
        path = request.get_full_path()
        request.language_urls = [
            (code, name, translate_url(path, code)) for code, name in settings.LANGUAGES
        ]
    return request.language_urls


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main navigation's links, the current section marked."""
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.url_name if match else None
    return _nav(get_language(), get_script_prefix(), current)


@lru_cache(maxsize=128)
def _nav(language, script_prefix, current):
    # language and script_prefix are part of the key: the links' text and
    # paths come from them (the active language and the request's prefix).
    return render_to_string("includes/nav_links.html", {"current": current})


@register.simple_tag(takes_context=True)
def nav_current(context, *url_names):
    """` aria-current="page"` in includes/nav_links.html when the page's URL
    name (`current`) is one of these."""
    return mark_safe(' aria-current="page"') if context["current"] in url_names else ""


@register.simple_tag(takes_context=True)
def site_footer(context):
    site = context["site"]
    return _footer(
        get_language(),
        get_script_prefix(),
        site.name,
        site.local_tagline,
        tuple(site.social_links),
    )


@lru_cache(maxsize=32)
def _footer(language, script_prefix, name, tagline, social_links):
    return render_to_string(
        "includes/footer.html",
        {"name": name, "tagline": tagline, "social_links": social_links},
    )
