"""Race-weekend mode: from a week before an event to its last day, the home
page leads with it (countdown, timetable, live links, results as they come)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from racing.models import Event, Result, Session

LEAD_TIME = dt.timedelta(days=7)


@dataclass
class Weekend:
    event: Event
    # The next session to start (None once the last has started).
    next_session: Session | None
    # Our drivers' results of the weekend so far, session by session.
    results: list[tuple[Session, list[Result]]] = field(default_factory=list)

    @property
    def is_on(self) -> bool:
        """The weekend has begun (its first day has come)."""
        return timezone.localdate() >= self.event.start_date


def race_weekend(next_event: Event | None, now=None) -> Weekend | None:
    """The weekend of `next_event` (the next or current event, with its
    sessions prefetched) if it is at most a week away, else None."""
    now = now or timezone.now()
    if (
        next_event is None
        or next_event.start_date > timezone.localdate(now) + LEAD_TIME
    ):
        return None
    sessions = list(next_event.sessions.all())
    upcoming = [s for s in sessions if s.starts_at and s.starts_at > now]
    by_session = {}
    for result in (
        Result.objects.filter(session__event=next_event, driver__is_own=True)
        .select_related("driver")
        .order_by("driver__last_name", "driver__first_name")
    ):
        by_session.setdefault(result.session_id, []).append(result)
    return Weekend(
        event=next_event,
        next_session=min(upcoming, key=lambda s: s.starts_at, default=None),
        results=[(s, by_session[s.pk]) for s in sessions if s.pk in by_session],
    )
