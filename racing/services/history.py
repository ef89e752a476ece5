"""Who changed a session's results and points, when and why, from the history
django-simple-history keeps of every result and session."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max
from django.utils.translation import gettext as _

from racing.models import Driver, Result, Session
from racing.services.laptimes import format_lap_time
from racing.services.points import format_points

RESULT_FIELDS = [
    "position",
    "status",
    "laps",
    "best_lap",
    "gap",
    "fastest_lap",
    "time_penalty",
    "points",
    "points_override",
    "override_reason",
]
SESSION_FIELDS = [
    "results_status",
    "pays_points",
    "points_factor",
    "is_cancelled",
    "points_scale",
    "name",
    "kind",
]


@dataclass
class Change:
    when: datetime
    user: str
    subject: str
    action: str
    reason: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


def _shown(record, name):
    value = getattr(record, name)
    if value is None or value == "":
        return "–"
    if name == "best_lap" or name == "time_penalty":
        return format_lap_time(value)
    if name in ("points", "points_override"):
        return format_points(value)
    if name == "points_scale":
        return str(record.points_scale) if record.points_scale_id else "–"
    display = getattr(record, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _changes(records, names, model, subject_of):
    """One Change per history record, with the fields that differ from the
    record before it (records ordered by object, then time)."""
    found, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "+":
            action, differing = _("added"), []
        elif record.history_type == "-":
            action, differing = _("removed"), []
        else:
            action = _("changed")
            differing = [
                name
                for name in names
                if before is not None and _shown(before, name) != _shown(record, name)
            ]
            if not differing:
                continue
        found.append(
            Change(
                when=record.history_date,
                user=str(record.history_user or _("the system")),
                subject=subject_of(record),
                action=action,
                reason=record.history_change_reason or "",
                fields=[
                    (
                        str(model._meta.get_field(name).verbose_name),
                        _shown(before, name),
                        _shown(record, name),
                    )
                    for name in differing
                ],
            )
        )
    return found


def results_token(*, session_id: int) -> str:
    """Changes whenever the session or any of its results changes (every write
    path leaves a history row): what an editor saw when opening the page."""
    newest_result = Result.history.filter(session_id=session_id).aggregate(
        newest=Max("history_id")
    )["newest"]
    newest_session = Session.history.filter(id=session_id).aggregate(
        newest=Max("history_id")
    )["newest"]
    return f"{newest_result or 0}.{newest_session or 0}"


def results_history(*, session: Session) -> list[Change]:
    """Every change to the session and its results, newest first."""
    result_records = list(
        Result.history.filter(session_id=session.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    names = Driver.objects.in_bulk({r.driver_id for r in result_records})
    session_records = list(
        Session.history.filter(id=session.pk)
        .select_related("history_user", "points_scale")
        .order_by("history_date", "history_id")
    )

    def driver_of(record):
        driver = names.get(record.driver_id)
        return driver.full_name if driver else "?"

    changes = _changes(result_records, RESULT_FIELDS, Result, driver_of)
    changes += _changes(
        session_records, SESSION_FIELDS, Session, lambda record: record.name
    )
    return sorted(changes, key=lambda change: change.when, reverse=True)
