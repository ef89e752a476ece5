from django.urls import path  # noqa: F401

app_name = "racing"

# One section per part of the site; each view module owns its section.
urlpatterns = [
    # -- site pages (views/public.py): home, events, calendar, standings, drivers
    # -- race reports (views/reports.py, feeds.py): list, detail, preview, feeds
    # -- galleries and photo desk (views/galleries.py, views/downloads.py)
]
