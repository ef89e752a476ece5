"""The team's colours as a stylesheet of their own (services/brand.py).

A file rather than a <style> in each page: the CSP allows styles from the
site only, and its URL carries a version, so browsers keep it for a year.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from racing.models import SiteSettings
from racing.services import brand

YEAR = 365 * 24 * 60 * 60


@require_safe
def brand_css(request, version):
    accent = SiteSettings.current().accent_colour
    current = brand.version(accent)
    if version != current:  # an old page asking for last season's colours
        return redirect("brand-css", version=current)
    response = HttpResponse(brand.stylesheet(accent), content_type="text/css")
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response
