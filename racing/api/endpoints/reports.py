"""/reports/: published race reports only.

What is public is what `RaceReport.objects.published()` says, as for the
site: no draft, no withdrawn report and no scheduled one before its time.
"""

from django.db.models import Prefetch
from django.utils import translation
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from racing.models import RaceReport, ReportQuote
from racing.services.markdown import render_body, render_markdown

from ..lookups import find_season
from ..pagination import LinkedPagination
from ..schemas import Invalid, Problem, ReportDetail, ReportFilters, ReportOut

router = Router(tags=["reports"])


def _reports():
    public = RaceReport.objects.published()
    return public.select_related("event", "translation_of").prefetch_related(
        "drivers",
        Prefetch("translations", queryset=public, to_attr="public_translations"),
        Prefetch(
            "translation_of__translations",
            queryset=public,
            to_attr="public_translations",
        ),
    )


@router.get(
    "/",
    response={200: list[ReportOut], 400: Problem, 422: Invalid},
    url_name="report-list",
)
@paginate(LinkedPagination)
def report_list(request, filters: Query[ReportFilters]):
    """Published reports, newest first; each names its other languages."""
    reports = _reports().order_by("-publish_at", "-pk")
    if filters.language:
        reports = reports.filter(language=filters.language)
    if filters.season:
        season = find_season(filters.season, status=400)
        reports = reports.filter(event__season=season)
    if filters.event:
        reports = reports.filter(event__slug=filters.event)
    if filters.driver:
        reports = reports.filter(drivers__slug=filters.driver)
    return reports


@router.get(
    "/{slug}/",
    response={200: ReportDetail, 404: Problem, 422: Invalid},
    url_name="report-detail",
)
def report_detail(request, slug: str):
    """A published report with its lead and body as HTML, quotes in place."""
    quotes = ReportQuote.objects.select_related(
        "quote__driver", "quote__team_member"
    ).order_by("order")
    report = (
        _reports()
        .prefetch_related(Prefetch("report_quotes", queryset=quotes))
        .filter(slug=slug)
        .first()
    )
    if report is None:
        raise HttpError(404, f"No published report “{slug}”.")
    placed = {
        rq.order: rq.quote for rq in report.report_quotes.all() if rq.quote.is_published
    }
    with translation.override(report.language):  # quote captions: "Driver"
        body = render_body(report.body, quotes=placed)
        report.body_html = body.html + body.unplaced_html
        report.lead_html = render_markdown(report.lead)
    return report
