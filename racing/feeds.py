"""RSS and Atom feeds of published reports, one pair per language (/ and /sv/)."""

from django.contrib.syndication.views import Feed
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from racing.models import RaceReport

FEED_ITEMS = 20


def feed_last_modified(request, *args, **kwargs):
    """The newest change to the feed of the current language.

    Every report of the language counts, whatever its status, so a withdrawal
    moves the time forward too; a scheduled report counts from its time.
    """
    now = timezone.now()
    times = RaceReport.objects.filter(language=get_language()).aggregate(
        updated=Max("updated_at"),
        published=Max(
            "publish_at",
            filter=Q(
                status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
                publish_at__lte=now,
            ),
        ),
    )
    return max((t for t in times.values() if t is not None), default=None)


@method_decorator(condition(last_modified_func=feed_last_modified), name="__call__")
class ReportRssFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "racing:report-feed-rss"
    item_guid_is_permalink = False

    def title(self):
        return _("Bäckman Racing: race reports")

    def description(self):
        return _("Race reports of Andreas and Jessica Bäckman.")

    def link(self):
        return reverse("racing:report-list")

    def feed_url(self):
        return reverse(self.url_name)

    def items(self):
        return (
            RaceReport.objects.published()
            .filter(language=get_language())
            .select_related("event")
            .prefetch_related("drivers")
            .order_by("-publish_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return _("Bäckman Racing")

    def item_categories(self, item):
        return [item.event.name, *(driver.full_name for driver in item.drivers.all())]

    def item_guid(self, item):
        return f"race-report-{item.pk}"


class ReportAtomFeed(ReportRssFeed):
    feed_type = Atom1Feed
    url_name = "racing:report-feed-atom"

    def subtitle(self):
        return self.description()
