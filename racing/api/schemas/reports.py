"""Published race reports."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema

from racing.models import RaceReport

from ..links import api_url, page_url
from .calendar import EventRef
from .common import Language
from .people import DriverRef


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
