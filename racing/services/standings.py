"""Season standings per classification, always computed from results.

Points come from the class results (`ClassResult`), so a class table counts
each car's class points, never its overall ones. Ties are broken by countback:
most class wins in races, then most second places, and so on.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum

from racing.models import (
    Classification,
    ClassResult,
    Driver,
    Event,
    Result,
    Season,
    Session,
    SessionKind,
    Team,
)


@dataclass
class Standing:
    competitor: Driver | Team
    points: Decimal
    by_round: dict[int, Decimal] = field(default_factory=dict)
    position: int = 0
    # How many times 1st, 2nd, 3rd… in a race of this classification.
    countback: tuple[int, ...] = ()

    @property
    def wins(self) -> int:
        return self.countback[0] if self.countback else 0


@dataclass
class ClassificationTables:
    classification: Classification
    drivers: list[Standing]
    teams: list[Standing]


def rank(standings: list[Standing]) -> list[Standing]:
    """Order by points, then countback; equal on both share a position."""
    longest = max((len(s.countback) for s in standings), default=0)

    def key(standing):
        padded = standing.countback + (0,) * (longest - len(standing.countback))
        return (-standing.points, tuple(-n for n in padded))

    standings.sort(key=lambda s: (*key(s), str(s.competitor)))
    for index, standing in enumerate(standings):
        before = standings[index - 1] if index else None
        if before and key(before) == key(standing):
            standing.position = before.position
        else:
            standing.position = index + 1
    return standings


def _tables(classification, *, teams: bool):
    """Drivers' and teams' standings from two sums made by the database.

    Points per competitor and round, and race places per competitor, are
    summed in SQL: a season of 1,800 class results comes back as a few
    hundred small rows rather than every result turned into Python objects.
    """
    class_results = ClassResult.objects.filter(classification=classification)
    by_round = class_results.values_list(
        "result__driver_id",
        "result__entry__team_id",
        "result__session__event__round_number",
    ).annotate(total=Sum("points"))
    race_places = (
        class_results.filter(
            result__session__kind=SessionKind.RACE, position__isnull=False
        )
        .values_list("result__driver_id", "result__entry__team_id", "position")
        .annotate(times=Count("pk"))
    )
    points = {"driver": defaultdict(dict), "team": defaultdict(dict)}
    places = {"driver": defaultdict(Counter), "team": defaultdict(Counter)}
    for driver_id, team_id, round_number, total in by_round.order_by():
        for side, pk in (("driver", driver_id), ("team", team_id)):
            if pk is not None:
                rounds = points[side][pk]
                rounds[round_number] = rounds.get(round_number, 0) + total
    for driver_id, team_id, position, times in race_places.order_by():
        for side, pk in (("driver", driver_id), ("team", team_id)):
            if pk is not None:
                places[side][pk][position] += times
    drivers = _standings(Driver, points["driver"], places["driver"])
    return drivers, _standings(Team, points["team"], places["team"]) if teams else []


def _standings(model, points, places) -> list[Standing]:
    competitors = model.objects.order_by().in_bulk(points.keys()) if points else {}
    return rank(
        [
            Standing(
                competitors[pk],
                sum(rounds.values(), Decimal(0)),
                rounds,
                countback=_countback(places.get(pk, {})),
            )
            for pk, rounds in points.items()
        ]
    )


def _countback(places) -> tuple[int, ...]:
    if not places:
        return ()
    return tuple(places.get(p, 0) for p in range(1, max(places) + 1))


def compute_standings(
    *, classification: Classification, own_only: bool = False
) -> list[Standing]:
    """Drivers in championship order, with points per round.

    With `own_only`, only our drivers, keeping their championship positions.
    """
    standings, _teams = _tables(classification, teams=False)
    if own_only:
        # Ranked over the whole field first: "14th in the championship", not
        # "1st of our two drivers".
        standings = [s for s in standings if s.competitor.is_own]
    return standings


def compute_team_standings(*, classification: Classification) -> list[Standing]:
    """Teams by the class points of their eligible entries (all their cars)."""
    return _tables(classification, teams=True)[1]


def season_tables(*, season: Season) -> list[ClassificationTables]:
    tables = []
    for classification in season.classifications.all():
        drivers, teams = _tables(classification, teams=classification.team_standings)
        tables.append(ClassificationTables(classification, drivers, teams))
    return tables


def team_drivers_only(*, season: Season) -> bool:
    """Whether some session of the season holds only our own drivers' results.

    Its rivals' places are unknown, so points add up but the order does not:
    pages say "team drivers only" and print no championship position.
    """
    rivals = Result.objects.filter(session=OuterRef("pk"), driver__is_own=False)
    return (
        Session.objects.filter(event__season=season, results__isnull=False)
        .filter(~Exists(rivals))
        .exists()
    )


def season_rounds(season: Season) -> list[Event]:
    return list(season.events.select_related("circuit").order_by("round_number"))
