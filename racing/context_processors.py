"""What every public page needs: the team's name, mark, colours and links.

Lazy: the admin's pages never print them, so they never read them.
"""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject, lazy

from racing.models import SiteSettings
from racing.services import brand


def _brand_css_url():
    accent = SiteSettings.current().accent_colour
    return reverse("brand-css", kwargs={"version": brand.version(accent)})


def site(request):
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "brand_css_url": lazy(_brand_css_url, str)(),
    }
