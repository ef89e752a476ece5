"""A post-race reclassification as one action: a disqualification, an exclusion
or a time penalty, previewed with the new order and points, then saved at once.

`plan_reclassification` works on copies and saves nothing;
`apply_reclassification` writes the plan in one transaction.
"""

import copy
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from racing.models import Result, Session
from racing.services.laptimes import format_gap, parse_gap
from racing.services.points import (
    load_for_scoring,
    main_of,
    recompute_points,
    result_points,
    score_results,
)
from racing.services.running_order import park_positions


class Penalty(models.TextChoices):
    DISQUALIFY = "dsq", gettext_lazy("Disqualify")
    EXCLUDE = "exc", gettext_lazy("Exclude")
    TIME = "time", gettext_lazy("Time penalty")


class ReclassificationError(ValueError):
    """The penalty cannot be applied to this result (said in words)."""


@dataclass
class Line:
    before: Result
    after: Result
    points_before: Decimal
    points_after: Decimal

    @property
    def moved(self) -> bool:
        return (self.before.position, self.before.status, self.before.gap) != (
            self.after.position,
            self.after.status,
            self.after.gap,
        ) or self.points_before != self.points_after


@dataclass
class Reclassification:
    session: Session
    target: Result
    penalty: str
    lines: list[Line] = field(default_factory=list)

    @property
    def changed(self) -> list[Result]:
        return [line.after for line in self.lines if line.moved]


def plan_reclassification(
    *, session: Session, result_id: int, penalty: str, seconds: Decimal | None = None
) -> Reclassification:
    session, classifications, results = load_for_scoring(session)
    by_pk = {result.pk: result for result in results}
    if result_id not in by_pk:
        raise ReclassificationError(_("Pick a result of this session."))
    after = {pk: copy.copy(result) for pk, result in by_pk.items()}
    target = after[result_id]
    if penalty in (Penalty.DISQUALIFY, Penalty.EXCLUDE):
        _remove(target, list(after.values()), status=penalty)
    elif penalty == Penalty.TIME:
        if not seconds or seconds <= 0:
            raise ReclassificationError(_("Give the penalty in seconds, e.g. 5."))
        _add_time(target, list(after.values()), timedelta(seconds=float(seconds)))
    else:
        raise ReclassificationError(_("Pick a penalty."))

    main = main_of(classifications)
    scores_before = score_results(
        session=session, results=results, classifications=classifications
    )
    scores_after = score_results(
        session=session, results=list(after.values()), classifications=classifications
    )
    main_before = scores_before.get(main.pk, {}) if main else {}
    main_after = scores_after.get(main.pk, {}) if main else {}
    lines = [
        Line(
            before=by_pk[pk],
            after=after[pk],
            points_before=result_points(by_pk[pk], main_before),
            points_after=result_points(after[pk], main_after),
        )
        for pk in by_pk
    ]
    lines.sort(
        key=lambda line: (
            line.after.position is None,
            line.after.position or 0,
            line.after.status,
            line.after.driver.last_name,
        )
    )
    return Reclassification(
        session=session, target=by_pk[result_id], penalty=penalty, lines=lines
    )


def _remove(target: Result, results: list[Result], *, status: str) -> None:
    """Out of the classification: every classified car behind moves up one."""
    if target.status in (status,):
        raise ReclassificationError(_("This result already has that status."))
    vacated = target.position
    target.status, target.position, target.gap = status, None, ""
    target.fastest_lap = False
    if vacated is None:
        return
    for result in results:
        if result.position is not None and result.position > vacated:
            result.position -= 1


def _add_time(target: Result, results: list[Result], penalty: timedelta) -> None:
    """Add time to a classified car and re-sort the cars on the lead lap.

    The cars whose gap is a time (and the leader) keep the places they held
    between them; a lapped car's gap ("+1 lap") is not a time, so it keeps its
    place behind them.
    """
    if target.status != Result.Status.CLASSIFIED:
        raise ReclassificationError(
            _("Only a classified result can get a time penalty.")
        )
    timed = sorted(
        (r for r in results if r.position is not None and _behind(r) is not None),
        key=lambda r: r.position,
    )
    if target not in timed:
        raise ReclassificationError(
            _(
                "The gap of %(driver)s (“%(gap)s”) is not a time, so the penalty "
                "cannot place the car: edit the grid instead."
            )
            % {"driver": target.driver.full_name, "gap": target.gap}
        )
    places = [r.position for r in timed]
    times = {id(r): _behind(r) for r in timed}
    times[id(target)] += penalty
    target.time_penalty = (target.time_penalty or timedelta(0)) + penalty
    timed.sort(key=lambda r: times[id(r)])  # stable: a tie keeps the old order
    leader_time = times[id(timed[0])]
    for place, result in zip(places, timed, strict=True):
        result.position = place
        behind = times[id(result)] - leader_time
        result.gap = format_gap(behind) if behind else ""


def _behind(result: Result) -> timedelta | None:
    if result.position == 1 and not result.gap.strip():
        return timedelta(0)
    return parse_gap(result.gap)


@transaction.atomic
def apply_reclassification(
    *, plan: Reclassification, changed_by, reason: str
) -> list[Result]:
    session = plan.session
    changed = plan.changed
    park_positions(changed)
    for result in changed:
        result._change_reason = reason
        result._history_user = changed_by
        result.save()
    previous = Session.objects.get(pk=session.pk).results_status
    session.record_amendment(
        previous_status=previous, when=timezone.now(), reason=reason
    )
    recompute_points(session=session, changed_by=changed_by, reason=reason)
    return changed
