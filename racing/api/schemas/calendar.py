"""Seasons, their classifications, events and sessions."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from racing.models import Session, SessionKind

from ..links import api_url, page_url

Kind = Literal[tuple(SessionKind.values)]
ResultsStatus = Literal[tuple(Session.ResultsStatus.values)]


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
