from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from racing.sitemaps import SITEMAPS, robots_txt
from racing.views.brand import brand_css
from racing.views.caching import public_cache

sitemap_index = public_cache("reports", "events", "drivers", "photos")(sitemaps.index)
sitemap_section = public_cache("reports", "events", "drivers", "photos")(
    sitemaps.sitemap
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("racing.api.urls")),
    # One sitemap and one robots.txt for both languages, outside the /sv/ prefix.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("brand-<slug:version>.css", brand_css, name="brand-css"),
]
# English at the root, Swedish under /sv/: every page has one URL per language.
urlpatterns += i18n_patterns(
    path("", include("racing.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The 500 page promises only the error reporting that is configured.
handler500 = "racing.views.errors.server_error"
