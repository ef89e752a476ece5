"""Teams and the team's drivers."""

import datetime as dt

from ninja import Field, Schema

from ..links import api_url, page_url
from .calendar import SeasonRef
from .common import Points


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
