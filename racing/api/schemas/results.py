"""Session results and standings."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from racing.models import Result
from racing.services.laptimes import format_lap_time

from .calendar import ClassificationOut, EventRef, SeasonRef, SessionOut
from .common import Points
from .people import DriverRef, TeamRef

Status = Literal[tuple(Result.Status.values)]


def _millis(value: dt.timedelta | None) -> int | None:
    return None if value is None else round(value.total_seconds() * 1000)


class ClassPlace(Schema):
    classification: str = Field(description="The classification's slug.")
    name: str
    position: int
    points: Points

    @staticmethod
    def resolve_classification(obj):
        return obj.classification.slug

    @staticmethod
    def resolve_name(obj):
        return obj.classification.name


class ResultOut(Schema):
    position: int | None = Field(description="Overall; null when not classified.")
    placing: str = Field(description="The position, or DNF, DNS, WD, DSQ, EXC, NC.")
    status: Status
    status_label: str
    driver: DriverRef
    number: int | None
    team: TeamRef | None
    car: str | None
    is_guest: bool = Field(description="A wildcard entry: scores no points.")
    grid: int | None
    laps: int | None
    gap: str | None = Field(description="As on the timing sheet, e.g. +1.234.")
    best_lap: str | None = Field(description="m:ss.fff")
    best_lap_ms: int | None
    fastest_lap: bool
    time_penalty_ms: int | None = Field(description="Already in the gap.")
    points: Points = Field(description="In the season's main classification.")
    class_positions: list[ClassPlace] = Field(
        description="Places in the season's classes (not the main one)."
    )

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_number(obj):
        return obj.entry.number if obj.entry else None

    @staticmethod
    def resolve_team(obj):
        return obj.entry.team if obj.entry else None

    @staticmethod
    def resolve_car(obj):
        return str(obj.entry.car) if obj.entry and obj.entry.car_id else None

    @staticmethod
    def resolve_is_guest(obj):
        return bool(obj.entry and obj.entry.is_guest)

    @staticmethod
    def resolve_gap(obj):
        return obj.gap or None

    @staticmethod
    def resolve_best_lap(obj):
        return format_lap_time(obj.best_lap) or None

    @staticmethod
    def resolve_best_lap_ms(obj):
        return _millis(obj.best_lap)

    @staticmethod
    def resolve_time_penalty_ms(obj):
        return _millis(obj.time_penalty)

    @staticmethod
    def resolve_class_positions(obj):
        return obj.class_places


class SessionResults(Schema):
    session: SessionOut
    event: EventRef
    team_drivers_only: bool = Field(
        description="Only the team's drivers were entered: their places are "
        "real, the rest of the field is unknown."
    )
    results: list[ResultOut] = Field(description="The whole field, running order.")


class RoundRef(Schema):
    round: int
    event: str = Field(description="The event's slug.")
    name: str
    url: str


class RoundPoints(Schema):
    round: int
    points: Points


class Standing(Schema):
    position: int | None = Field(
        description="Shared on a tie after countback; null when the season "
        "holds only the team's drivers' results (see team_drivers_only)."
    )
    points: Points
    wins: int
    by_round: list[RoundPoints] = Field(description="Rounds where points were scored.")


class DriverStanding(Standing):
    driver: DriverRef


class TeamStanding(Standing):
    team: TeamRef


class StandingsOut(Schema):
    season: SeasonRef
    classification: ClassificationOut
    team_drivers_only: bool = Field(
        description="Some sessions hold only the team's drivers: points add up, "
        "positions cannot be given."
    )
    rounds: list[RoundRef]
    drivers: list[DriverStanding]
    teams: list[TeamStanding] = Field(
        description="Empty when the classification ranks no teams."
    )
    page: str
