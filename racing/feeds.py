"""RSS and Atom feeds of published reports, one pair per language (/ and /sv/)."""

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from racing.models import RaceReport, SiteSettings
from racing.services.markdown import render_markdown

FEED_ITEMS = 20


def _feed_stamp(request):
    """(newest change, ETag) of the current language's feed, one query per request.

    Every report of the language counts, whatever its status, so a withdrawal
    moves the time forward too; a scheduled report counts from its time. The
    ETag adds microseconds and the number of reports, which HTTP dates lack.
    """
    if not hasattr(request, "_report_feed_stamp"):
        now = timezone.now()
        public = Q(
            status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
            publish_at__lte=now,
        )
        row = RaceReport.objects.filter(language=get_language()).aggregate(
            updated=Max("updated_at"),
            published=Max("publish_at", filter=public),
            visible=Count("pk", filter=public),
        )
        times = [t for t in (row["updated"], row["published"]) if t is not None]
        newest = max(times, default=None)
        etag = f"{newest.timestamp() if newest else 0}-{row['visible']}"
        request._report_feed_stamp = (newest, etag)
    return request._report_feed_stamp


def feed_last_modified(request, *args, **kwargs):
    return _feed_stamp(request)[0]


def feed_etag(request, *args, **kwargs):
    return _feed_stamp(request)[1]


@method_decorator(
    condition(etag_func=feed_etag, last_modified_func=feed_last_modified),
    name="__call__",
)
class ReportRssFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "racing:report-feed-rss"
    item_guid_is_permalink = False

    def get_object(self, request, *args, **kwargs):
        # The site's settings, read once for the feed and each of its items.
        return SiteSettings.current()

    def title(self, site):
        return _("%(site)s: race reports") % {"site": site.name}

    def description(self, site):
        return _("Race reports from %(site)s.") % {"site": site.name}

    def link(self):
        return reverse("racing:report-list")

    def feed_url(self):
        return reverse(self.url_name)

    def items(self, site):
        reports = list(
            RaceReport.objects.published()
            .filter(language=get_language())
            .select_related("event")
            .prefetch_related("drivers")
            .order_by("-publish_at", "-pk")[:FEED_ITEMS]
        )
        for report in reports:
            report.author_name = site.name
        return reports

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The lead as the page shows it: Markdown made safe (readers render
        # a description as HTML; a typed <script> must stay text).
        return str(render_markdown(item.lead))

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return [item.event.name, *(driver.full_name for driver in item.drivers.all())]

    def item_guid(self, item):
        return f"race-report-{item.pk}"


class ReportAtomFeed(ReportRssFeed):
    feed_type = Atom1Feed
    url_name = "racing:report-feed-atom"

    def subtitle(self, site):
        return self.description(site)
