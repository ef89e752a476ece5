import datetime as dt
from itertools import count

import pytest
from django.utils import timezone

from racing.models import RaceReport
from tests.factories import make_event

_seq = count(1)


def make_report(*, event=None, **overrides):
    n = next(_seq)
    fields = {
        "title": f"Report number {n}",
        "slug": f"report-{n}",
        "lead": f"Lead of report {n}.",
        "body": "A weekend to remember.",
        "status": RaceReport.Status.PUBLISHED,
        "publish_at": timezone.now() - dt.timedelta(hours=1),
        "language": "en",
    }
    return RaceReport.objects.create(
        event=event or make_event(), **{**fields, **overrides}
    )


@pytest.fixture
def report_factory(db):
    return make_report


@pytest.fixture
def visibility_cases(db):
    """One report per visibility case, named by what the test expects."""
    event = make_event()
    now = timezone.now()
    S = RaceReport.Status
    return {
        "published": make_report(event=event, title="Published report"),
        "scheduled_due": make_report(
            event=event,
            title="Scheduled and due",
            status=S.SCHEDULED,
            publish_at=now - dt.timedelta(minutes=1),
        ),
        "scheduled_future": make_report(
            event=event,
            title="Embargoed until later",
            status=S.SCHEDULED,
            publish_at=now + dt.timedelta(minutes=1),
        ),
        "published_future": make_report(
            event=event,
            title="Published but embargoed",
            publish_at=now + dt.timedelta(hours=2),
        ),
        "draft": make_report(
            event=event, title="Draft report", status=S.DRAFT, publish_at=None
        ),
        "withdrawn": make_report(
            event=event, title="Withdrawn report", status=S.WITHDRAWN
        ),
    }


VISIBLE = ["published", "scheduled_due"]
HIDDEN = ["scheduled_future", "published_future", "draft", "withdrawn"]


def sitemap_xml(client) -> str:
    """The whole sitemap: the index and every section it lists."""
    import re

    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index)
    return index + "".join(client.get(path).content.decode() for path in sections)
