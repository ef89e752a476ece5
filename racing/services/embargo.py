"""Embargoed access: accredited journalists read a scheduled report before
its time through a personal signed link.

Each journalist gets one link per story (an `EmbargoGrant`, mailed at most
once like an alert, services/mailing.py). The link shows the story's version
in the journalist's language when there is one, and works while the
journalist is accredited, the grant exists and until a day after the version
goes public. Every opening is logged, refused ones too.
"""

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from racing.models import (
    EmbargoGrant,
    EmbargoOpening,
    Journalist,
    MailStatus,
    RaceReport,
    SiteSettings,
)
from racing.services import mailing
from racing.templatetags.racing import absolute

SALT = "racing.press.embargo"
GRACE = dt.timedelta(days=1)  # the link works until publication plus this


def link_token(grant: EmbargoGrant) -> str:
    return signing.dumps(grant.pk, salt=SALT)


def link_url(grant: EmbargoGrant) -> str:
    return absolute(
        reverse("racing:press-embargo", kwargs={"token": link_token(grant)})
    )


def _story_versions(story_id: int):
    return RaceReport.objects.filter(
        Q(pk=story_id) | Q(translation_of_id=story_id),
        status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
        publish_at__isnull=False,
    ).select_related("event")


def version_for(versions, journalist: Journalist):
    """The version in the journalist's language, else the original."""
    versions = list(versions)
    for report in versions:
        if report.language == journalist.language:
            return report
    originals = [report for report in versions if report.translation_of_id is None]
    return (originals or versions or [None])[0]


def embargoed_stories() -> list[int]:
    """Stories with a version scheduled for later (or "published" with a
    publish time still to come)."""
    scheduled = RaceReport.objects.filter(
        status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
        publish_at__gt=timezone.now(),
    ).values_list("pk", "translation_of_id")
    return sorted({original or pk for pk, original in scheduled})


def note_reports(*, reports) -> None:
    """Reports were saved: those scheduled for later go to the journalists."""
    from racing.tasks import send_embargo_links

    now = timezone.now()
    stories = {
        report.translation_of_id or report.pk
        for report in reports
        if report.status in (RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED)
        and report.publish_at
        and report.publish_at > now
    }
    for story in sorted(stories):
        transaction.on_commit(lambda story=story: send_embargo_links.enqueue(story))


def send_scheduled_to(*, journalist: Journalist) -> None:
    """A journalist just accredited: links to what is scheduled now."""
    from racing.tasks import send_embargo_links

    for story in embargoed_stories():
        transaction.on_commit(lambda story=story: send_embargo_links.enqueue(story))


def send_links(*, story_id: int) -> int:
    """Mail each accredited journalist their link to the story, at most once;
    the number sent by this call."""
    if story_id not in embargoed_stories():
        return 0
    versions = list(_story_versions(story_id))
    journalists = Journalist.objects.accredited().exclude(grants__story_id=story_id)
    for journalist in journalists:
        try:
            with transaction.atomic():
                EmbargoGrant.objects.create(story_id=story_id, journalist=journalist)
        except IntegrityError:
            pass  # another worker made it first
    sent = 0
    queued = EmbargoGrant.objects.filter(
        story_id=story_id,
        status=MailStatus.QUEUED,
        journalist__status=Journalist.Status.ACCREDITED,
    ).select_related("journalist")
    with mailers.default as mailer:
        for grant in queued:
            report = version_for(versions, grant.journalist)
            if report is None or not mailing.claim(grant):
                continue
            message = link_message(grant, report)
            sent += mailing.send_claimed(grant, message, mailer=mailer)
    return sent


def link_message(grant: EmbargoGrant, report: RaceReport) -> mailing.NewsroomMessage:
    site = SiteSettings.current()
    with translation.override(grant.journalist.language):
        context = {
            "site": site,
            "report": report,
            "journalist": grant.journalist,
            "url": link_url(grant),
            "until": timezone.localtime(report.publish_at),
            "expires": timezone.localtime(report.publish_at + GRACE),
        }
        subject = render_to_string("racing/mail/embargo_subject.txt", context)
        return mailing.NewsroomMessage(
            subject=" ".join(subject.split()),
            body=render_to_string("racing/mail/embargo.txt", context),
            to=[grant.journalist.email],
        )


@dataclass(frozen=True)
class Opening:
    grant: EmbargoGrant
    report: RaceReport | None  # the version to show
    is_valid: bool

    @property
    def expires_at(self):
        return self.report.publish_at + GRACE if self.report else None


def open_link(*, token: str, ip_address: str | None, user_agent: str):
    """The link's grant and report, logged; None for a forged or revoked link."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    grant = (
        EmbargoGrant.objects.select_related("journalist", "story").filter(pk=pk).first()
    )
    if grant is None:
        return None
    report = version_for(_story_versions(grant.story_id), grant.journalist)
    is_valid = (
        report is not None
        and grant.journalist.status == Journalist.Status.ACCREDITED
        and timezone.now() < report.publish_at + GRACE
    )
    EmbargoOpening.objects.create(
        grant=grant,
        was_shown=is_valid,
        ip_address=ip_address or None,
        user_agent=user_agent[:300],
    )
    return Opening(grant, report, is_valid)
