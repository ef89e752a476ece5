from django.urls import path  # noqa: F401

from racing import feeds
from racing.views import downloads, galleries, press, public, reports
from racing.views.caching import public_cache

app_name = "racing"

# One section per part of the site; each view module owns its section.
urlpatterns = [
    # -- site pages (views/public.py): home, events, calendar, standings, drivers
    path("", public.home, name="home"),
    path("events/<slug:slug>/", public.event_detail, name="event-detail"),
    path("calendar/", public.calendar, name="calendar"),
    path("calendar/<slug:slug>.ics", public.calendar_ics, name="calendar-ics"),
    path("seasons/<slug:slug>/calendar/", public.calendar, name="season-calendar"),
    path("standings/", public.standings, name="standings"),
    path("seasons/<slug:slug>/standings/", public.standings, name="season-standings"),
    path("drivers/", public.driver_list, name="driver-list"),
    path("drivers/<slug:slug>/", public.driver_detail, name="driver-detail"),
    path("search/", public.search, name="search"),
    # -- race reports (views/reports.py, feeds.py): list, detail, preview, feeds
    path("reports/", reports.report_list, name="report-list"),
    path(
        "reports/feed/rss/",
        public_cache("reports", "events", "drivers")(feeds.ReportRssFeed()),
        name="report-feed-rss",
    ),
    path(
        "reports/feed/atom/",
        public_cache("reports", "events", "drivers")(feeds.ReportAtomFeed()),
        name="report-feed-atom",
    ),
    path("reports/<int:pk>/preview/", reports.report_preview, name="report-preview"),
    path("reports/<slug:slug>/", reports.report_detail, name="report-detail"),
    # -- galleries and photo desk (views/galleries.py, views/downloads.py)
    path("galleries/", galleries.gallery_list, name="gallery-list"),
    path("galleries/<slug:slug>/", galleries.gallery_detail, name="gallery-detail"),
    path(
        "galleries/<slug:slug>/download.zip", downloads.gallery_zip, name="gallery-zip"
    ),
    path(
        "galleries/<slug:slug>/<int:pk>/",
        galleries.photo_detail,
        name="photo-detail",
    ),
    path(
        "galleries/<slug:slug>/<int:pk>/download/<slug:kind>/",
        downloads.photo_download,
        name="photo-download",
    ),
    path("photos/<path:path>", downloads.photo_file, name="photo-file"),
    # -- the newsroom for journalists (views/press.py)
    path("press/", press.press_home, name="press"),
    path("press/kit/", press.press_kit, name="press-kit"),
    path("press/kit/download.zip", press.press_kit_zip, name="press-kit-zip"),
    path("press/alerts/", press.subscribe, name="press-subscribe"),
    path("press/alerts/sent/", press.subscribe_sent, name="press-subscribe-sent"),
    path("press/alerts/confirm/<str:token>/", press.confirm, name="press-confirm"),
    path(
        "press/alerts/unsubscribe/<str:token>/",
        press.unsubscribe,
        name="press-unsubscribe",
    ),
    path("press/accreditation/", press.accreditation, name="press-accreditation"),
    path(
        "press/accreditation/sent/",
        press.accreditation_sent,
        name="press-accreditation-sent",
    ),
    path("press/embargo/<str:token>/", press.embargoed_report, name="press-embargo"),
]
