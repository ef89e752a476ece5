"""Championship points: a pure core and the database edge that keeps results in step.

A session's points depend on its whole field (a guest ahead of you may hand you
its place), so they are worked out per session, for every classification of the
season at once, and never per result.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.formats import number_format
from simple_history.utils import bulk_update_with_history

from racing.models import (
    Classification,
    ClassResult,
    PointsScale,
    Result,
    Season,
    Session,
)
from racing.services import page_cache

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Placing:
    """One result as the points rules see it."""

    key: int
    position: int | None  # overall position; None unless classified
    eligible: bool
    fastest_lap: bool = False


def class_positions(
    placings: Iterable[Placing], *, by_class_order: bool
) -> dict[int, int]:
    """Positions of the eligible, classified results in one classification.

    By class order, each known car ahead that is not eligible (a guest, another
    class) hands its place down: P5 behind one guest is P4. Places of cars not
    entered at all (a sheet of the team's own drivers) are not handed down, so
    a 16th place never becomes a win. Otherwise each keeps its overall position.
    """
    classified = sorted(
        (p for p in placings if p.position is not None), key=lambda p: p.position
    )
    positions, ineligible_ahead = {}, 0
    for placing in classified:
        if not placing.eligible:
            ineligible_ahead += 1
        elif by_class_order:
            positions[placing.key] = placing.position - ineligible_ahead
        else:
            positions[placing.key] = placing.position
    return positions


def points_for(
    position: int | None,
    *,
    scale: Sequence[int],
    fastest_lap_bonus: int = 0,
    factor: Decimal = Decimal(1),
) -> Decimal:
    if position is None or position < 1:
        return Decimal(0)
    base = scale[position - 1] if position <= len(scale) else 0
    return (Decimal(base + fastest_lap_bonus) * factor).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def score_session(
    placings: Sequence[Placing],
    *,
    scale: PointsScale | None,
    factor: Decimal,
    by_class_order: bool,
) -> dict[int, tuple[int, Decimal]]:
    """{result key: (class position, points)} for one classification."""
    positions = class_positions(placings, by_class_order=by_class_order)
    fastest = {p.key for p in placings if p.fastest_lap}
    scored = {}
    # Every eligible result gets a row, a retirement too: it took part and
    # scored nothing, which standings show as 0 rather than "did not enter".
    for placing in placings:
        if not placing.eligible:
            continue
        position = positions.get(placing.key)
        points = Decimal(0)
        if scale is not None and position is not None:
            bonus = scale.fastest_lap_points if placing.key in fastest else 0
            points = points_for(
                position, scale=scale.points, fastest_lap_bonus=bonus, factor=factor
            )
        scored[placing.key] = (position, points)
    return scored


def format_points(value) -> str:
    """25, 12.5 (12,5 in Swedish): never 25.00."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return number_format(value.normalize())


def _classifications(season_id):
    return list(
        Classification.objects.filter(season_id=season_id).prefetch_related(
            "points_scales"
        )
    )


def score_results(
    *, session: Session, results: Sequence[Result], classifications
) -> dict[int, dict[int, tuple[int, Decimal]]]:
    """{classification pk: {result pk: (class position, points)}} for one
    session's results as given (stored, or a reclassification's preview).

    Results need their entry and the entry's classifications loaded.
    """
    scored = {}
    for classification in classifications:
        placings = [
            Placing(
                key=result.pk,
                position=result.position
                if result.status == Result.Status.CLASSIFIED
                else None,
                eligible=classification.admits(result.entry),
                fastest_lap=result.fastest_lap,
            )
            for result in results
        ]
        scored[classification.pk] = score_session(
            placings,
            scale=session.scale_for(
                classification, list(classification.points_scales.all())
            ),
            factor=session.points_factor,
            by_class_order=classification.points_by
            == Classification.PointsBy.CLASS_ORDER,
        )
    return scored


def result_points(result: Result, main_scores: dict) -> Decimal:
    """The points shown beside a result: the override, else the main class's."""
    if result.is_overridden:
        return result.points_override
    scored = main_scores.get(result.pk)
    return scored[1] if scored else Decimal(0)


def load_for_scoring(session: Session):
    """The session (with its scale), the season's classifications and the
    session's results, as `score_results` needs them."""
    session = Session.objects.select_related(
        "event", "points_scale__classification"
    ).get(pk=session.pk)
    classifications = _classifications(session.event.season_id)
    results = list(
        session.results.select_related("entry", "driver").prefetch_related(
            "entry__classifications"
        )
    )
    return session, classifications, results


def main_of(classifications):
    return next((c for c in classifications if c.is_main), None)


@transaction.atomic
def recompute_points(
    *, session: Session, changed_by=None, reason: str = "", classifications=None
) -> int:
    """Work out every classification's places and points for one session.

    Keeps `Result.points` (the main classification's, or the override) and the
    session's `ClassResult` rows in step. Returns how many results changed points.
    """
    session, loaded, results = load_for_scoring(session)
    classifications = loaded if classifications is None else classifications
    scored = score_results(
        session=session, results=results, classifications=classifications
    )
    main = main_of(classifications)
    main_scores = scored.get(main.pk, {}) if main else {}
    for result in results:
        # The stewards' override is the result's points in the championship.
        if result.is_overridden and main is not None:
            position = main_scores.get(result.pk, (None, None))[0]
            main_scores[result.pk] = (position, result.points_override)
    _store_class_results(session, scored)
    changed = []
    for result in results:
        points = result_points(result, main_scores)
        if result.points != points:
            result.points = points
            changed.append(result)
    page_cache.bump("results")  # class results and points bypass signals
    if changed:
        bulk_update_with_history(
            changed,
            Result,
            ["points"],
            default_user=changed_by,
            default_change_reason=reason,
        )
    return len(changed)


def _store_class_results(session, scored) -> None:
    """Write the class results that changed; unchanged rows are left alone."""
    stored = {
        (row.result_id, row.classification_id): row
        for row in ClassResult.objects.filter(result__session=session)
    }
    fresh, changed = [], []
    for classification_pk, by_result in scored.items():
        for key, (position, points) in by_result.items():
            row = stored.pop((key, classification_pk), None)
            if row is None:
                fresh.append(
                    ClassResult(
                        result_id=key,
                        classification_id=classification_pk,
                        position=position,
                        points=points,
                    )
                )
            elif (row.position, row.points) != (position, points):
                row.position, row.points = position, points
                changed.append(row)
    if stored:
        ClassResult.objects.filter(pk__in=[row.pk for row in stored.values()]).delete()
    ClassResult.objects.bulk_create(fresh)
    ClassResult.objects.bulk_update(changed, ["position", "points"])


def recompute_season(*, season: Season, changed_by=None, reason: str = "") -> int:
    """Recompute every session with results, e.g. after eligibility changed."""
    classifications = _classifications(season.pk)
    sessions = Session.objects.filter(
        event__season=season, results__isnull=False
    ).distinct()
    return sum(
        recompute_points(
            session=session,
            changed_by=changed_by,
            reason=reason,
            classifications=classifications,
        )
        for session in sessions
    )


def apply_points_scale(*, scale: PointsScale, changed_by=None) -> int:
    """Keep results in step after a scale was added or edited.

    A default scale may apply to any session of its season (by name or kind),
    so the whole season is recomputed. Returns how many results changed points.
    """
    return recompute_season(
        season=scale.classification.season,
        changed_by=changed_by,
        reason=f"Points scale “{scale.name}” changed",
    )
