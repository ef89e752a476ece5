"""sitemap.xml and robots.txt: what search engines may index, published only.

/sitemap.xml is an index of sections (/sitemap-reports.xml, …), each cached
like a page and remade when its content changes.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from racing.models import Driver, Event, Gallery, RaceReport, Season


class ReportSitemap(Sitemap):
    """Each published report once, at its own language's URL."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return RaceReport.objects.published().order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)


class PageSitemap(Sitemap):
    """Pages that exist in every language: one URL per language, with alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPageSitemap(PageSitemap):
    changefreq = "daily"
    url_names = [
        "racing:home",
        "racing:report-list",
        "racing:calendar",
        "racing:standings",
        "racing:driver-list",
    ]

    def items(self):
        names = []
        for name in self.url_names:
            try:
                reverse(name)
            except NoReverseMatch:  # a part of the site not built yet
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


class EventSitemap(PageSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.order_by("-start_date", "pk")


class DriverSitemap(PageSitemap):
    def items(self):
        return Driver.objects.own().order_by("pk")


class SeasonSitemap(PageSitemap):
    def items(self):
        return Season.objects.order_by("-year", "pk")


class GallerySitemap(PageSitemap):
    changefreq = "weekly"

    def items(self):
        return Gallery.objects.published().order_by("-pk")


def _has_url(model):
    return hasattr(model, "get_absolute_url")


SITEMAPS = {"reports": ReportSitemap, "pages": StaticPageSitemap}
for key, model, sitemap in [
    ("events", Event, EventSitemap),
    ("drivers", Driver, DriverSitemap),
    ("seasons", Season, SeasonSitemap),
    ("galleries", Gallery, GallerySitemap),
]:
    if _has_url(model):
        SITEMAPS[key] = sitemap


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /reports/*/preview/",
        "Disallow: /sv/reports/*/preview/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
