"""Championship points: a pure core and the database edge that keeps results in step."""

from collections.abc import Sequence

from django.db import transaction

from racing.models import PointsScale, Result, Session


def points_for(
    position: int | None, *, scale: Sequence[int], fastest_lap_bonus: int = 0
) -> int:
    if position is None or position < 1:
        return 0
    base = scale[position - 1] if position <= len(scale) else 0
    return base + fastest_lap_bonus


@transaction.atomic
def recompute_points(*, session: Session) -> int:
    """Recompute every result of a session, e.g. after its scale changed.

    Returns how many results changed points.
    """
    changed = []
    for result in session.results.select_related("session__points_scale"):
        old = result.points
        result.points = (
            result.points_override if result.is_overridden else result.computed_points()
        )
        if result.points != old:
            changed.append(result)
    Result.objects.bulk_update(changed, ["points"])
    return len(changed)


@transaction.atomic
def apply_points_scale(*, scale: PointsScale) -> int:
    """Keep results in step after a scale was added or edited.

    A season's default scale also goes to its sessions of that kind that have
    none yet (sessions entered before the scale). Returns how many results
    changed points.
    """
    if scale.default_for:
        Session.objects.filter(
            event__season_id=scale.season_id,
            kind=scale.default_for,
            points_scale__isnull=True,
        ).update(points_scale=scale)
    return sum(
        recompute_points(session=session)
        for session in scale.sessions.select_related("points_scale")
    )
