"""The press officer's dashboard on the admin index: one function per panel,
each a fixed number of queries, and `dashboard` to pick the panels a user may
see (a panel they may not see is never queried)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from racing.models import (
    Delivery,
    DownloadDay,
    Event,
    Gallery,
    MailStatus,
    Photo,
    RaceReport,
    Session,
)

LIMIT = 10
# The last week: today and the six days before it.
WEEK_DAYS = 7


@dataclass
class Reports:
    scheduled: list[RaceReport]
    drafts: list[RaceReport]
    scheduled_count: int
    draft_count: int


@dataclass
class PhotosToRetry:
    photos: list[Photo]
    count: int


@dataclass
class Downloads:
    since: dt.date
    galleries: list[dict]
    photos: list[dict]


@dataclass
class AlertMails:
    sent_this_week: int
    sent: int
    failed: int
    waiting: int
    stories: list[dict] = field(default_factory=list)


@dataclass
class Shortcut:
    label: str
    url: str
    detail: str


def reports(*, now: dt.datetime, limit: int = LIMIT) -> Reports:
    """Reports still to go out (soonest first) and drafts (latest edit first)."""
    Status = RaceReport.Status
    pending = Q(status=Status.SCHEDULED, publish_at__gt=now)
    counts = RaceReport.objects.aggregate(
        scheduled=Count("pk", filter=pending),
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
    )
    return Reports(
        scheduled=list(
            RaceReport.objects.filter(pending)
            .select_related("event")
            .order_by("publish_at", "pk")[:limit]
        ),
        drafts=list(
            RaceReport.objects.filter(status=Status.DRAFT)
            .select_related("event")
            .order_by("-updated_at", "-pk")[:limit]
        ),
        scheduled_count=counts["scheduled"],
        draft_count=counts["drafts"],
    )


def photos_to_retry(*, limit: int = LIMIT) -> PhotosToRetry:
    """Photos whose processing failed or stalled, latest first."""
    photos = list(
        Photo.objects.needing_retry()
        .select_related("gallery")
        .order_by("-processing_changed_at", "-pk")[: limit + 1]
    )
    count = len(photos)
    if count > limit:
        count = Photo.objects.needing_retry().count()
    return PhotosToRetry(photos=photos[:limit], count=count)


def downloads(*, today: dt.date, limit: int = LIMIT) -> Downloads:
    """The last week's downloads, most downloaded first: per gallery (its
    photos and its zip) and per photo (web size and original)."""
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    week = DownloadDay.objects.filter(day__gte=since, day__lte=today)
    zip_kind = Q(kind=DownloadDay.Kind.ZIP)
    galleries = (
        week.values("gallery_id", "gallery__title")
        .annotate(
            photos=Sum("count", filter=~zip_kind, default=0),
            zips=Sum("count", filter=zip_kind, default=0),
            total=Sum("count"),
        )
        .order_by("-total", "gallery__title", "gallery_id")[:limit]
    )
    photos = (
        week.filter(photo__isnull=False)
        .values(
            "photo_id", "photo__caption", "photo__original_filename", "gallery__title"
        )
        .annotate(
            web=Sum("count", filter=Q(kind=DownloadDay.Kind.WEB), default=0),
            original=Sum("count", filter=Q(kind=DownloadDay.Kind.ORIGINAL), default=0),
            total=Sum("count"),
        )
        .order_by("-total", "photo_id")[:limit]
    )
    return Downloads(since=since, galleries=list(galleries), photos=list(photos))


def alert_mails(*, now: dt.datetime, stories: int = 5) -> AlertMails:
    """Release alert mails: how many went out this week and in all, how many
    failed or wait, and the stories mailed this week."""
    since = now - dt.timedelta(days=WEEK_DAYS)
    sent_this_week = Q(status=MailStatus.SENT, sent_at__gte=since)
    counts = Delivery.objects.aggregate(
        sent_this_week=Count("pk", filter=sent_this_week),
        sent=Count("pk", filter=Q(status=MailStatus.SENT)),
        failed=Count("pk", filter=Q(status=MailStatus.FAILED)),
        waiting=Count(
            "pk", filter=Q(status__in=[MailStatus.QUEUED, MailStatus.SENDING])
        ),
    )
    latest = (
        Delivery.objects.filter(sent_this_week)
        .values("story_id", "story__title")
        .annotate(sent=Count("pk"), last_sent_at=Max("sent_at"))
        .order_by("-last_sent_at", "story_id")[:stories]
    )
    return AlertMails(**counts, stories=list(latest))


def current_event(*, today: dt.date) -> Event | None:
    """The event under way, else the next one."""
    return Event.objects.upcoming(today).first()


def session_needing_results(event: Event, *, now: dt.datetime) -> Session | None:
    """The session whose results the press officer types next: the latest
    started session without results (practice results are often skipped, so
    never the earliest), else the next session to start, else the last."""
    sessions = list(
        Session.objects.filter(event=event, is_cancelled=False)
        .annotate(result_total=Count("results"))
        .order_by("order", "starts_at", "pk")
    )
    started = [s for s in sessions if s.starts_at and s.starts_at <= now]
    waiting = [s for s in started if not s.result_total]
    if waiting:
        return max(waiting, key=lambda s: (s.starts_at, s.order))
    upcoming = [s for s in sessions if s not in started]
    if upcoming:
        return upcoming[0]
    return sessions[-1] if sessions else None


def race_day_shortcuts(*, user, now: dt.datetime) -> list[Shortcut]:
    """Enter results, upload photos, write the report: for the current or next
    event when there is one, else to the lists to pick from."""
    event = current_event(today=timezone.localdate(now))
    shortcuts = []
    if user.has_perm("racing.change_session"):
        session = event and session_needing_results(event, now=now)
        if session is not None:
            url = reverse("admin:racing_session_change", args=[session.pk])
            detail = f"{session.name} – {event.name}"
        else:
            url = reverse("admin:racing_session_changelist")
            detail = _("No session coming up: pick one.")
        shortcuts.append(Shortcut(_("Enter results"), url, detail))
    if user.has_perm("racing.add_photo"):
        gallery = (
            event
            and Gallery.objects.filter(event=event)
            .order_by("-created_at", "-pk")
            .first()
        )
        if gallery:
            url = reverse("admin:racing_gallery_upload", args=[gallery.pk])
            detail = gallery.title
        elif event and user.has_perm("racing.add_gallery"):
            url = reverse("admin:racing_gallery_add") + f"?event={event.pk}"
            detail = _("New gallery for %(event)s") % {"event": event.name}
        else:
            url = reverse("admin:racing_gallery_changelist")
            detail = _("Pick a gallery.")
        shortcuts.append(Shortcut(_("Upload photos"), url, detail))
    if user.has_perm("racing.add_racereport"):
        url = reverse("admin:racing_racereport_add")
        if event:
            url += f"?event={event.pk}"
            detail = event.name
        else:
            detail = _("No event coming up.")
        shortcuts.append(Shortcut(_("Write the report"), url, detail))
    return shortcuts


def dashboard(*, user, now: dt.datetime | None = None) -> dict:
    """The panels `user` may see, by name; the others are left out."""
    now = now or timezone.now()
    panels = {"shortcuts": race_day_shortcuts(user=user, now=now)}
    if user.has_perm("racing.view_racereport"):
        panels["reports"] = reports(now=now)
    if user.has_perm("racing.view_photo"):
        panels["photos_to_retry"] = photos_to_retry()
    if user.has_perm("racing.view_gallery") and user.has_perm("racing.view_photo"):
        panels["downloads"] = downloads(today=timezone.localdate(now))
    if user.has_perm("racing.view_delivery"):
        panels["alert_mails"] = alert_mails(now=now)
    return panels
