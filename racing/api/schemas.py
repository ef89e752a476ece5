"""What the API answers, as Ninja schemas: these make its OpenAPI description.

Fields named like the model's are read from it; `resolve_*` give the others.
Times are ISO 8601 with their offset: a session's in its circuit's time zone
(named beside it, on the event), a report's in the site's. Points are numbers
(12.5, never "12.50").
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.conf import settings
from django.utils import timezone
from ninja import Field, Schema
from pydantic import PlainSerializer

from racing.models import RaceReport, Result, Session, SessionKind
from racing.services.laptimes import format_lap_time

from .links import api_url, page_url

Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]
Status = Literal[tuple(Result.Status.values)]
Kind = Literal[tuple(SessionKind.values)]
ResultsStatus = Literal[tuple(Session.ResultsStatus.values)]


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else value


# Points as the page prints them: 25 or 12.5, never 25.0 nor "25.00".
Points = Annotated[float, PlainSerializer(_number, return_type=float)]


def _millis(value: dt.timedelta | None) -> int | None:
    return None if value is None else round(value.total_seconds() * 1000)


class Problem(Schema):
    detail: str = Field(description="What was wrong, in words.")


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(
        description="Each parameter that was wrong: where (loc) and why (msg)."
    )


class Index(Schema):
    seasons: str
    events: str
    drivers: str
    reports: str
    openapi: str
    docs: str


# -- seasons ---------------------------------------------------------------


class SeriesOut(Schema):
    name: str
    short_name: str
    slug: str


class SeasonRef(Schema):
    slug: str = Field(description="Identifies the season, e.g. wtcr-2021.")
    year: int
    name: str
    url: str

    @staticmethod
    def resolve_name(obj):
        return str(obj)

    @staticmethod
    def resolve_url(obj):
        return api_url("season-detail", season=obj.slug)


class ClassificationOut(Schema):
    slug: str
    name: str
    is_main: bool = Field(description="The drivers' championship of the season.")
    team_standings: bool = Field(description="Whether teams are ranked too.")
    standings_url: str

    @staticmethod
    def resolve_standings_url(obj):
        return api_url(
            "season-standings", season=obj.season.slug, classification=obj.slug
        )


class SeasonOut(SeasonRef):
    series: SeriesOut
    classifications: list[ClassificationOut]
    events_url: str
    page: str = Field(description="The season's standings page on the site.")

    @staticmethod
    def resolve_classifications(obj):
        return obj.classifications.all()

    @staticmethod
    def resolve_events_url(obj):
        return api_url("event-list", {"season": obj.slug})

    @staticmethod
    def resolve_page(obj):
        return page_url(obj)


# -- events and sessions ------------------------------------------------------


class CircuitOut(Schema):
    name: str
    slug: str
    nickname: str
    location: str
    country: str = Field(description="ISO 3166 code, e.g. DE.")
    timezone: str = Field(description="IANA time zone of the track.")
    length_km: float | None


class EventRef(Schema):
    slug: str
    name: str
    round: int
    start_date: dt.date
    end_date: dt.date
    url: str
    page: str

    @staticmethod
    def resolve_round(obj):
        return obj.round_number

    @staticmethod
    def resolve_url(obj):
        return api_url("event-detail", slug=obj.slug)

    @staticmethod
    def resolve_page(obj):
        return page_url(obj)


class EventOut(EventRef):
    season: SeasonRef
    circuit: CircuitOut
    timezone: str = Field(
        description="The circuit's time zone: session times are given in it."
    )
    summary: str
    summary_sv: str = Field(description="In Swedish; empty when none was written.")

    @staticmethod
    def resolve_timezone(obj):
        return obj.circuit.timezone


class EventFilters(Schema):
    season: str | None = Field(
        None, description="A season's slug (wtcr-2021) or year (2021)."
    )


class SessionOut(Schema):
    id: int
    name: str = Field(description="As published, e.g. Race 2.")
    kind: Kind
    order: int
    starts_at: dt.datetime | None = Field(
        description="Local time at the circuit, with its offset."
    )
    conditions: str
    weather: str
    is_cancelled: bool
    pays_points: bool
    results_status: ResultsStatus
    results_amended_at: dt.datetime | None
    results_url: str

    @staticmethod
    def resolve_starts_at(obj):
        if obj.starts_at is None:
            return None
        return obj.starts_at.astimezone(obj.event.circuit.zone)

    @staticmethod
    def resolve_results_amended_at(obj):
        if obj.results_amended_at is None:
            return None
        return timezone.localtime(obj.results_amended_at)

    @staticmethod
    def resolve_results_url(obj):
        return api_url("session-results", session_id=obj.pk)


class EventDetail(EventOut):
    sessions: list[SessionOut]

    @staticmethod
    def resolve_sessions(obj):
        return obj.sessions.all()


class SeasonDetail(SeasonOut):
    events: list[EventRef] = Field(description="The season's rounds in order.")

    @staticmethod
    def resolve_events(obj):
        return obj.events.all()


# -- people ------------------------------------------------------------------


class TeamRef(Schema):
    slug: str
    name: str
    country: str


class DriverRef(Schema):
    slug: str
    name: str
    first_name: str
    last_name: str
    nationality: str
    is_own: bool = Field(description="One of the team's drivers.")
    url: str | None = Field(description="Only the team's drivers have one.")

    @staticmethod
    def resolve_name(obj):
        return obj.full_name

    @staticmethod
    def resolve_url(obj):
        return api_url("driver-detail", slug=obj.slug) if obj.is_own else None


class EntryOut(Schema):
    season: SeasonRef
    number: int | None
    team: TeamRef | None
    car: str | None
    is_guest: bool

    @staticmethod
    def resolve_car(obj):
        return str(obj.car) if obj.car_id else None


class DriverOut(Schema):
    slug: str
    name: str
    first_name: str
    last_name: str
    nationality: str
    birth_date: dt.date | None
    entries: list[EntryOut] = Field(description="Newest season first.")
    url: str
    page: str

    @staticmethod
    def resolve_name(obj):
        return obj.full_name

    @staticmethod
    def resolve_entries(obj):
        return obj.entries.all()

    @staticmethod
    def resolve_url(obj):
        return api_url("driver-detail", slug=obj.slug)

    @staticmethod
    def resolve_page(obj):
        return page_url(obj)


class CareerOut(Schema):
    starts: int
    wins: int
    podiums: int
    dnfs: int
    best_finish: int | None
    points: Points


class DriverDetail(DriverOut):
    bio: str
    bio_sv: str = Field(description="In Swedish; empty when none was written.")
    career: CareerOut


# -- results and standings --------------------------------------------------


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


# -- reports -----------------------------------------------------------------


class ReportFilters(Schema):
    language: Language | None = Field(
        None, description="Only reports written in this language."
    )
    season: str | None = Field(None, description="A season's slug or year.")
    event: str | None = Field(None, description="An event's slug.")
    driver: str | None = Field(None, description="A team driver's slug.")


class ReportVersion(Schema):
    language: Language
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj):
        return api_url("report-detail", slug=obj.slug)


class ReportOut(Schema):
    slug: str
    title: str
    language: Language
    lead: str = Field(description="Markdown.")
    publish_at: dt.datetime
    updated_at: dt.datetime
    event: EventRef
    drivers: list[DriverRef]
    translations: list[ReportVersion] = Field(
        description="The same story in other languages."
    )
    url: str
    page: str

    @staticmethod
    def resolve_publish_at(obj):
        return timezone.localtime(obj.publish_at)

    @staticmethod
    def resolve_updated_at(obj):
        return timezone.localtime(obj.updated_at)

    @staticmethod
    def resolve_drivers(obj):
        return obj.drivers.all()

    @staticmethod
    def resolve_translations(obj):
        return published_versions(obj)

    @staticmethod
    def resolve_url(obj):
        return api_url("report-detail", slug=obj.slug)

    @staticmethod
    def resolve_page(obj):
        return page_url(obj)


class ReportDetail(ReportOut):
    lead_html: str
    body_html: str = Field(description="Sanitised HTML, quotes in place.")


def published_versions(report) -> list[RaceReport]:
    """The other public versions of a report's story, from the prefetched
    `public_translations` of the report and of its original."""
    original = report.translation_of
    if original is None:
        return report.public_translations
    siblings = [t for t in original.public_translations if t.pk != report.pk]
    return ([original] if original.is_public else []) + siblings
