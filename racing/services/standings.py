"""Season standings, always computed from results, never typed."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from racing.models import Driver, Event, Result, Season, Team


@dataclass
class Standing:
    competitor: Driver | Team
    points: int
    by_round: dict[int, int] = field(default_factory=dict)
    position: int = 0
    wins: int = 0


def _rank(standings: list[Standing]) -> list[Standing]:
    # Equal points and equal wins share a position, as most series count back.
    standings.sort(key=lambda s: (-s.points, -s.wins, str(s.competitor)))
    for index, standing in enumerate(standings):
        before = standings[index - 1] if index else None
        if before and (before.points, before.wins) == (standing.points, standing.wins):
            standing.position = before.position
        else:
            standing.position = index + 1
    return standings


def compute_standings(*, season: Season, own_only: bool = False) -> list[Standing]:
    """Driver standings with points per round, in championship order.

    With `own_only`, only our drivers, keeping their championship positions.
    """
    rows = (
        Result.objects.for_season(season)
        .values("driver_id", "session__event__round_number")
        .annotate(points=Sum("points"))
        .order_by()
    )
    wins = _wins(season, "driver_id")
    per_driver: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        per_driver[row["driver_id"]][row["session__event__round_number"]] = row[
            "points"
        ]
    drivers = Driver.objects.in_bulk(per_driver.keys())
    standings = _rank(
        [
            Standing(drivers[pk], sum(rounds.values()), rounds, wins=wins.get(pk, 0))
            for pk, rounds in per_driver.items()
        ]
    )
    if own_only:
        # Ranked over the whole field first: "14th in the championship", not
        # "1st of our two drivers".
        standings = [s for s in standings if s.competitor.is_own]
    return standings


def compute_team_standings(*, season: Season) -> list[Standing]:
    """Team standings from the results of the team's entries (all its cars count)."""
    rows = (
        Result.objects.for_season(season)
        .filter(entry__isnull=False)
        .values("entry__team_id", "session__event__round_number")
        .annotate(points=Sum("points"))
        .order_by()
    )
    wins = _wins(season, "entry__team_id")
    per_team: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        per_team[row["entry__team_id"]][row["session__event__round_number"]] = row[
            "points"
        ]
    teams = Team.objects.in_bulk(per_team.keys())
    return _rank(
        [
            Standing(teams[pk], sum(rounds.values()), rounds, wins=wins.get(pk, 0))
            for pk, rounds in per_team.items()
        ]
    )


def _wins(season: Season, key: str) -> dict[int, int]:
    rows = (
        Result.objects.for_season(season)
        .races()
        .filter(position=1)
        .values(key)
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row[key]: row["n"] for row in rows}


def season_rounds(season: Season) -> list[Event]:
    return list(season.events.select_related("circuit").order_by("round_number"))
