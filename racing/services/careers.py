"""A driver's career figures, computed from results in one aggregate query."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum

from racing.models import Driver, Result, SessionKind


@dataclass(frozen=True)
class CareerFigures:
    starts: int
    points: Decimal
    best_finish: int | None
    podiums: int
    wins: int
    dnfs: int


def career_figures(*, driver: Driver) -> CareerFigures:
    """Starts are race sessions the driver started (not DNS or WD); points are
    the main classification's in every session that pays (qualifying too), so a
    class championship never counts a result twice; finishes are race finishes."""
    race = Q(session__kind=SessionKind.RACE)
    classified = race & Q(status=Result.Status.CLASSIFIED)
    row = Result.objects.filter(driver=driver).aggregate(
        starts=Count("pk", filter=race & Q(status__in=Result.STARTED)),
        points=Sum("points"),
        best_finish=Min("position", filter=classified),
        podiums=Count("pk", filter=classified & Q(position__lte=3)),
        wins=Count("pk", filter=classified & Q(position=1)),
        dnfs=Count("pk", filter=race & Q(status=Result.Status.DID_NOT_FINISH)),
    )
    return CareerFigures(
        starts=row["starts"],
        points=row["points"] or Decimal(0),
        best_finish=row["best_finish"],
        podiums=row["podiums"],
        wins=row["wins"],
        dnfs=row["dnfs"],
    )
