"""Race reports for fans and journalists, and the press officer's preview.

Only `RaceReport.objects.published()` reaches the public; the preview shows any
report, draft included, to staff with the very same template.
"""

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from racing.context_processors import site_settings
from racing.models import (
    Driver,
    Event,
    RaceReport,
    ReportQuote,
    Session,
)
from racing.services.markdown import render_body, render_markdown
from racing.services.photo_picks import attach_card_photos
from racing.services.results_block import build_results_block
from racing.templatetags.racing import absolute
from racing.views.caching import content_etag, public_cache
from racing.views.galleries import report_photos
from racing.widgets import PlainSelect

REPORTS_PER_PAGE = 12


class ReportFilterForm(forms.Form):
    """Filters by slug; the choices are loaded once, so checking them is free."""

    season = forms.ChoiceField(
        label=gettext_lazy("Season"), required=False, widget=PlainSelect
    )
    driver = forms.ChoiceField(
        label=gettext_lazy("Driver"), required=False, widget=PlainSelect
    )
    event = forms.ChoiceField(
        label=gettext_lazy("Event"), required=False, widget=PlainSelect
    )

    def __init__(self, data, *, reports):
        super().__init__(data)
        everything = [("", _("All"))]
        # The events with a public report, read once as plain values (a model
        # instance per event cost more than the rest of the form); their
        # seasons follow from them. Every published story has a version each
        # reader sees, so the language filter is not needed here.
        events = (
            Event.objects.filter(pk__in=reports.values("event_id"))
            .order_by("-season__year", "season__series__name", "round_number")
            .values_list(
                "slug",
                "name",
                "season__slug",
                "season__name",
                "season__year",
                "season__series__short_name",
                "season__series__name",
            )
        )
        seasons: dict[str, str] = {}
        grouped: dict[str, list] = {}
        for slug, name, season, title, year, series_short, series in events:
            seasons.setdefault(season, title or f"{series_short or series} {year}")
            grouped.setdefault(seasons[season], []).append((slug, name))
        self.fields["season"].choices = everything + list(seasons.items())
        self.fields["driver"].choices = everything + [
            (slug, f"{first} {last}")
            for slug, first, last in Driver.objects.own().values_list(
                "slug", "first_name", "last_name"
            )
        ]
        self.fields["event"].choices = everything + list(grouped.items())

    def filter(self, reports):
        if not self.is_valid():
            return reports
        data = self.cleaned_data
        if data["season"]:
            reports = reports.filter(event__season__slug=data["season"])
        if data["driver"]:
            reports = reports.filter(drivers__slug=data["driver"])
        if data["event"]:
            reports = reports.filter(event__slug=data["event"])
        return reports


@public_cache("reports", "events")
def report_list(request):
    form = ReportFilterForm(request.GET or None, reports=RaceReport.objects.published())
    reports = RaceReport.objects.for_readers(get_language())
    reports = form.filter(reports).select_related("event__season__series")
    page = Paginator(
        reports.with_card_photo_ids().order_by("-publish_at", "-pk"), REPORTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "racing/racereport_list.html",
        {
            "form": form,
            "page_obj": page,
            "reports": attach_card_photos(page.object_list),
            "filter_query": query.urlencode(),
            "is_filtered": form.is_bound and any(form.data.get(f) for f in form.fields),
        },
    )


def _report_queryset():
    quotes = ReportQuote.objects.select_related(
        "quote__driver", "quote__team_member"
    ).order_by("order")
    return RaceReport.objects.select_related(
        "event__season__series", "event__circuit"
    ).prefetch_related(
        Prefetch("report_quotes", quotes),
        "drivers",
        # Only their ids are read: no ordering, which joins three tables.
        Prefetch("sessions", Session.objects.order_by()),
    )


def render_report(request, report, *, is_preview=False, embargo_until=None):
    """A report's page; a preview (staff) or an embargoed copy (a journalist's
    link) says so on the page and is kept out of search engines."""
    placed = {
        rq.order: rq.quote for rq in report.report_quotes.all() if rq.quote.is_published
    }
    with translation.override(report.language):  # quote captions: "Driver"
        body = render_body(report.body, quotes=placed)
    root = report.translation_of_id or report.pk
    versions = list(
        RaceReport.objects.published()
        .filter(Q(pk=root) | Q(translation_of_id=root))
        .exclude(pk=report.pk)
        .only("slug", "language", "title")
    )
    canonical = report.get_absolute_url()
    warnings = []
    if is_preview:
        warnings = _preview_warnings(report, body)
    context = {
        "report": report,
        "lead_html": render_markdown(report.lead),
        "body": body,
        "results": build_results_block(report=report) if report.show_results else [],
        "versions": versions,
        "canonical_url": canonical,
        "is_preview": is_preview,
        "embargo_until": embargo_until,
        "preview_warnings": warnings,
        "article": _news_article(report, canonical, site_settings(request).name),
    }
    context["hero_photo"], context["photos"] = report_photos(report)
    response = render(request, "racing/racereport_detail.html", context)
    response.headers["Content-Language"] = report.language
    return response


def _preview_warnings(report, body):
    warnings = []
    if not report.is_public:
        warnings.append(
            _("Not public yet: %(status)s.") % {"status": report.get_status_display()}
        )
    for number in body.missing:
        warnings.append(
            _("[[quote %(n)s]] has no embedded quote %(n)s, so it shows nothing.")
            % {"n": number}
        )
    for number in body.stray:
        warnings.append(
            _(
                "[[quote %(n)s]] is not on a line of its own, so it prints as "
                "typed: give it a line with nothing else."
            )
            % {"n": number}
        )
    for quote in body.unplaced:
        order = next(
            rq.order for rq in report.report_quotes.all() if rq.quote_id == quote.pk
        )
        warnings.append(
            _("Quote %(n)s has no marker, so it follows the body.") % {"n": order}
        )
    for rq in report.report_quotes.all():
        if not rq.quote.is_published:
            warnings.append(
                _("Quote %(n)s is not published, so it will not show.")
                % {"n": rq.order}
            )
    return warnings


def _news_article(report, canonical, site):
    event = report.event
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": report.title[:110],
        "description": report.lead,
        "inLanguage": report.language,
        "url": absolute(canonical),
        "mainEntityOfPage": absolute(canonical),
        "dateModified": report.updated_at,
        "publisher": {"@type": "Organization", "name": site},
        "author": {"@type": "Organization", "name": site},
        "about": {
            "@type": "SportsEvent",
            "name": event.name,
            "startDate": event.start_date,
            "endDate": event.end_date,
            "location": {"@type": "Place", "name": event.circuit.name},
        },
    }
    if report.publish_at:
        data["datePublished"] = report.publish_at
    return data


@public_cache("reports", "results", "quotes", "photos", "events", "drivers")
@content_etag
def report_detail(request, slug):
    report = _report_queryset().published().filter(slug=slug).first()
    if report is None:
        raise Http404(_("No published report here."))
    language = get_language()
    if report.language != language:
        # /sv/reports/<english slug>/: the Swedish version if there is one,
        # else the English report with the Swedish interface (canonical: English).
        version = (
            RaceReport.objects.for_readers(language)
            .filter(
                Q(translation_of_id=report.translation_of_id or report.pk)
                | Q(pk=report.translation_of_id)
            )
            .filter(language=language)
            .first()
        )
        if version is not None:
            return redirect(version)
    response = render_report(request, report)
    patch_vary_headers(response, ["Cookie"])
    return response


@staff_member_required
def report_preview(request, pk):
    if not request.user.has_perm("racing.view_racereport"):
        raise PermissionDenied
    report = get_object_or_404(_report_queryset(), pk=pk)
    response = render_report(request, report, is_preview=True)
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
