"""What every public page needs: the team's name, mark, colours and links.

Lazy: the admin's pages never print them, so they never read them. The
settings are read once a request, for both the name and the stylesheet.
"""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject, lazy

from racing.models import SiteSettings
from racing.services import brand


def site_settings(request) -> SiteSettings:
    """The site settings, read once a request however many parts of the page
    ask (the frame, a report's JSON-LD): without a cache each read is a query."""
    try:
        return request._site_settings
    except AttributeError:
        request._site_settings = SiteSettings.current()
        return request._site_settings


def site(request):
    settings = SimpleLazyObject(lambda: site_settings(request))

    def brand_css_url():
        version = brand.version(settings.accent_colour)
        return reverse("brand-css", kwargs={"version": version})

    return {"site": settings, "brand_css_url": lazy(brand_css_url, str)()}
