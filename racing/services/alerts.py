"""Release alerts by email: double opt-in, one mail per story and subscriber
when a report goes public, one-click unsubscribe.

The subscribe form never writes a row and always answers the same page: it
only mails a signed confirmation link carrying what was asked for (address,
languages, drivers). The link makes or updates the `Subscriber`; so an address
that never confirms gets nothing else, and nobody can learn from the form
whether an address is subscribed, nor change someone's choices.

A report going public is noticed twice over: publishing (a save, the admin's
"publish now") queues the mailing at once, and scheduling queues it for the
publish time on a worker that can defer tasks (django_tasks_db). Both run
`send_alerts`, which is safe to run any number of times (services/mailing.py);
`manage.py send_release_alerts` every minute from cron catches what a lost
worker or a backend without deferral left behind.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from racing.models import (
    Delivery,
    Driver,
    MailStatus,
    RaceReport,
    ReleaseAlert,
    SiteSettings,
    Subscriber,
)
from racing.services import mailing
from racing.services.photo_picks import report_hero
from racing.templatetags.racing import absolute

CONFIRM_SALT = "racing.press.confirm"
UNSUBSCRIBE_SALT = "racing.press.unsubscribe"
CONFIRM_MAX_AGE = dt.timedelta(days=3)
# A report saved public with a publish time further back than this is an
# archive entry, not news: it mails nobody.
ARCHIVE_AGE = dt.timedelta(days=1)
GOING_PUBLIC = (RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED)
# One confirmation mail per address per this many seconds, whoever asks.
CONFIRM_THROTTLE = 10 * 60


@dataclass(frozen=True)
class Request:
    email: str
    languages: tuple[str, ...]
    driver_ids: tuple[int, ...]


def normalise_email(email: str) -> str:
    return email.strip().lower()


# -- subscribing ---------------------------------------------------------------


def confirmation_token(request: Request) -> str:
    return signing.dumps(
        {"e": request.email, "l": request.languages, "d": request.driver_ids},
        salt=CONFIRM_SALT,
        compress=True,
    )


def read_confirmation(token: str) -> Request:
    """The request a confirmation link carries; signing.BadSignature (and its
    subclass SignatureExpired) when forged or too old."""
    data = signing.loads(
        token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE.total_seconds()
    )
    return Request(data["e"], tuple(data["l"]), tuple(data["d"]))


def request_subscription(
    *, email: str, languages: list[str], driver_ids: list[int], language: str
) -> None:
    """Mail a confirmation link (in the background), whether or not the
    address is already subscribed: the answer must not tell."""
    from racing.tasks import send_confirmation

    email = normalise_email(email)
    if not cache.add(f"press-confirm:{email}", 1, CONFIRM_THROTTLE):
        return  # one already went out a moment ago: no mail bombing through us
    send_confirmation.enqueue(email, list(languages), list(driver_ids), language)


def send_confirmation_mail(
    *, email: str, languages: list[str], driver_ids: list[int], language: str
) -> None:
    token = confirmation_token(Request(email, tuple(languages), tuple(driver_ids)))
    site = SiteSettings.current()
    with translation.override(language):
        context = {
            "site": site,
            "confirm_url": absolute(
                reverse("racing:press-confirm", kwargs={"token": token})
            ),
            "days": CONFIRM_MAX_AGE.days,
        }
        subject = render_to_string("racing/mail/confirm_subject.txt", context)
        message = mailing.NewsroomMessage(
            subject=" ".join(subject.split()),
            body=render_to_string("racing/mail/confirm.txt", context),
            to=[email],
        )
    mailers.default.send_messages([message])


def confirm_subscription(*, token: str) -> Subscriber:
    """Make or update the subscriber the link asks for (BadSignature if the
    link is forged or expired). Clicking it twice changes nothing."""
    request = read_confirmation(token)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=request.email, defaults={"languages": ",".join(request.languages)}
        )
        subscriber.languages = ",".join(request.languages)
        subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
        if subscriber.unsubscribed_at:
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = timezone.now()
        subscriber.save()
        subscriber.drivers.set(Driver.objects.own().filter(pk__in=request.driver_ids))
    return subscriber


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(
        reverse(
            "racing:press-unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}
        )
    )


def unsubscribe(*, token: str) -> bool:
    """Stop alerts for the link's subscriber; False for a forged link."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    Subscriber.objects.filter(pk=pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )
    return True


# -- noticing that a report goes public -----------------------------------------


def story_of(report: RaceReport) -> int:
    return report.translation_of_id or report.pk


def note_reports(*, reports) -> None:
    """Reports were saved scheduled or published: make their alerts and queue
    the mailing for when each goes public."""
    from racing.tasks import send_release_alerts

    now = timezone.now()
    backend_defers = send_release_alerts.get_backend().supports_defer
    for report in reports:
        if report.status not in GOING_PUBLIC or report.publish_at is None:
            continue
        if report.publish_at < now - ARCHIVE_AGE:
            continue
        alert, _created = ReleaseAlert.objects.get_or_create(report=report)
        if alert.done_at is not None:
            continue
        story = story_of(report)
        if report.publish_at <= now:
            transaction.on_commit(
                lambda story=story: send_release_alerts.enqueue(story)
            )
        elif backend_defers:
            # A report moved later runs this early and finds it not yet public;
            # its new time was queued by the same save.
            task = send_release_alerts.using(run_after=report.publish_at)
            transaction.on_commit(lambda task=task, story=story: task.enqueue(story))


def due_stories() -> list[int]:
    """Stories with a version public now whose alerts have not gone out."""
    public = RaceReport.objects.published()
    alerts = ReleaseAlert.objects.filter(done_at__isnull=True, report__in=public)
    return sorted(
        {
            story
            for report_id, original_id in alerts.values_list(
                "report_id", "report__translation_of_id"
            )
            for story in [original_id or report_id]
        }
    )


# -- mailing -------------------------------------------------------------------


def pick_version(versions: dict[str, RaceReport], subscriber: Subscriber):
    """The version in the subscriber's first language that has one."""
    for code in subscriber.language_list:
        if code in versions:
            return versions[code]
    return None


def send_alerts(*, story_id: int) -> int:
    """Mail every subscriber who wants this story and has not had it; the
    number of mails sent by this call. Safe to run again at any moment."""
    versions = {
        report.language: report
        for report in RaceReport.objects.published()
        .filter(Q(pk=story_id) | Q(translation_of_id=story_id))
        .select_related("event")
        .prefetch_related("drivers")
    }
    if not versions:
        return 0
    already = Delivery.objects.filter(story_id=story_id).values("subscriber_id")
    planned = {}
    for report in versions.values():
        for subscriber in Subscriber.objects.wanting(report).exclude(pk__in=already):
            version = pick_version(versions, subscriber)
            if version is not None:
                planned[subscriber.pk] = Delivery(
                    story_id=story_id, report=version, subscriber=subscriber
                )
    # A row another worker made meanwhile wins (the unique constraint).
    Delivery.objects.bulk_create(planned.values(), ignore_conflicts=True)
    Delivery.objects.filter(
        story_id=story_id,
        status=MailStatus.QUEUED,
        subscriber__unsubscribed_at__isnull=False,
    ).update(status=MailStatus.FAILED, error="Unsubscribed before it was sent.")
    sent = 0
    queued = Delivery.objects.filter(
        story_id=story_id, status=MailStatus.QUEUED
    ).select_related("report__event", "subscriber")
    heroes = {}  # one pick per version, not one per mail
    with mailers.default as mailer:  # one SMTP connection for the run
        for delivery in queued:
            if mailing.claim(delivery):
                report = delivery.report
                if report.pk not in heroes:
                    heroes[report.pk] = report_hero(report)
                message = alert_message(delivery, hero=heroes[report.pk])
                sent += mailing.send_claimed(delivery, message, mailer=mailer)
    ReleaseAlert.objects.filter(report__in=versions.values()).update(
        done_at=timezone.now()
    )
    return sent


def alert_message(delivery: Delivery, *, hero) -> mailing.NewsroomMessage:
    """The release in its own language: lead, link, hero photo; plain text
    and HTML; one-click unsubscribe (RFC 8058)."""
    report = delivery.report
    site = SiteSettings.current()
    with translation.override(report.language):
        unsubscribe = unsubscribe_url(delivery.subscriber)
        context = {
            "site": site,
            "report": report,
            "url": absolute(report.get_absolute_url()),
            "hero": hero,
            "hero_url": _photo_url(hero),
            "unsubscribe_url": unsubscribe,
            "press_url": absolute(reverse("racing:press")),
        }
        message = mailing.NewsroomMessage(
            subject=f"{site.name}: {report.title}",
            body=render_to_string("racing/mail/alert.txt", context),
            to=[delivery.subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"<releases.{urlsplit(settings.SITE_URL).hostname}>",
            },
        )
        message.attach_alternative(
            render_to_string("racing/mail/alert.html", context), "text/html"
        )
    return message


def _photo_url(photo) -> str:
    url = photo.rendition_url("jpeg", min_width=600) if photo else ""
    return absolute(url) if url else ""
