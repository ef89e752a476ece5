"""Template helpers for the public site: lap times, countries, URLs, JSON-LD.

Load with `{% load racing %}`.
"""

import datetime as dt
import json
from html import escape

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.csp import CONTEXT_KEY as CSP_NONCE
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from racing.services.laptimes import format_lap_time
from racing.services.points import format_points

register = template.Library()

# Countries of the series' calendars and drivers; other codes show as the code.
COUNTRIES = {
    "AR": _("Argentina"),
    "AT": _("Austria"),
    "AU": _("Australia"),
    "BE": _("Belgium"),
    "BR": _("Brazil"),
    "CA": _("Canada"),
    "CH": _("Switzerland"),
    "CN": _("China"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "HU": _("Hungary"),
    "IT": _("Italy"),
    "JP": _("Japan"),
    "KR": _("South Korea"),
    "MA": _("Morocco"),
    "MO": _("Macau"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RU": _("Russia"),
    "SA": _("Saudi Arabia"),
    "SE": _("Sweden"),
    "SK": _("Slovakia"),
    "TH": _("Thailand"),
    "US": _("United States"),
    "UY": _("Uruguay"),
}


@register.filter
def country_name(code):
    """ "SE" -> "Sweden" (translated); unknown codes are shown as they are."""
    if not code:
        return ""
    return COUNTRIES.get(code.upper(), code.upper())


@register.filter
def points(value):
    """Championship points: 25, 12.5 (12,5 in Swedish); never 25.00."""
    return format_points(value)


@register.filter
def lap_time(value):
    """A best lap as m:ss.fff (9:02.345), h:mm:ss.fff past an hour; '' if none."""
    if not isinstance(value, dt.timedelta) or value < dt.timedelta(0):
        return ""
    return format_lap_time(value)


def absolute(path: str) -> str:
    """The public URL of a path, on the configured site address (never the Host)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


@register.filter(name="absolute")
def absolute_filter(path):
    return absolute(str(path)) if path else ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's canonical URL: `canonical_url` from the view, else its path."""
    url = context.get("canonical_url")
    if url:
        return absolute(url)
    request = context.get("request")
    return absolute(request.path) if request else settings.SITE_URL + "/"


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    """Structured data as <script type="application/ld+json"> with the CSP nonce.

    `<`, `>` and `&` are escaped as \\u003c etc., so no value can close the
    script element, whatever the press officer typed.
    """
    text = (
        json.dumps(data, ensure_ascii=False, cls=_Encoder)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    nonce = context.get(CSP_NONCE)
    if nonce is None:
        return format_html(
            '<script type="application/ld+json">{}</script>', mark_safe(text)
        )
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(text),
    )


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.date):
            return o.isoformat()
        return str(o)  # lazy translations, Decimals


@register.filter
def long_date(value):
    """One way to write a date on every page: "6 June 2021" ("6 juni 2021")."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "j F Y")


@register.filter
def event_dates(event):
    """A weekend's dates, localised: "3–5 June 2021", "30 June – 2 July 2021"."""
    start, end = event.start_date, event.end_date
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def zone_city(zone_name):
    """ "Europe/Stockholm" -> "Stockholm", to label times in that zone."""
    return str(zone_name).rsplit("/", 1)[-1].replace("_", " ")


@register.simple_tag
def select_options(choices, selected):
    """`<option>`s of (value, label) pairs, `selected` marked: written in Python,
    as a template loop cost a millisecond for the 120 events of a filter."""
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"'
            f"{' selected' if value == selected else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )


@register.simple_tag
def placing(result):
    """A result's position, or its status (DNF, DNS…) spelled out for readers.

    A simple tag rather than an included template: a results table calls it
    once a row, and rendering a template each time was the page's main cost.
    """
    if result.position is not None:
        return result.position
    return format_html(
        '<abbr class="status status-{}" title="{}">{}</abbr>',
        result.status,
        result.get_status_display(),
        result.placing,
    )


@register.simple_tag
def result_columns(results):
    """The optional columns of a session's results table that hold anything:
    a practice session pays no points, a timing sheet may give no gaps."""
    results = list(results)
    return {
        "number": any(
            r.entry is not None and r.entry.number is not None for r in results
        ),
        "laps": any(r.laps is not None for r in results),
        "best_lap": any(r.best_lap is not None for r in results),
        "gap": any(r.gap for r in results),
        "points": any(r.points for r in results),
    }


@register.simple_tag
def result_row(result, columns):
    """One row of a session's results table (includes/result_table.html).

    Written here rather than in the template: an event page has 150 of these
    rows, and cell by cell in the template language they were a quarter of
    the page's time. Plain f-strings with the standard library's `escape`
    rather than format_html: its lazy-aware escaping, a dozen times a row,
    was a fifth of the event page. Every text that is not a number goes
    through `escape`. Needs the result's driver and entry, and `class_places`
    (ResultQuerySet.with_class_places). `columns` from result_columns: the
    number, laps and best lap are hidden on phones (.col-opt) and repeated on
    a line under the name (.row-detail); gap and points always show.
    """
    driver, entry = result.driver, result.entry
    name = escape(driver.full_name)
    if driver.is_own:
        name = f'<a href="{escape(driver.get_absolute_url())}">{name}</a>'
    badges = "".join(
        ' <span class="badge">{}</span>'.format(
            escape(
                gettext("%(class)s P%(place)s")
                % {"class": place.classification.name, "place": place.position}
            )
        )
        for place in result.class_places
    )
    if entry is not None and entry.is_guest:
        title = escape(gettext("Guest entry: scores no points"))
        badges = (
            f' <abbr class="badge" title="{title}">'
            f"{escape(gettext('Guest'))}</abbr>{badges}"
        )
    number = "" if entry is None or entry.number is None else entry.number
    laps = "" if result.laps is None else result.laps
    best = escape(lap_time(result.best_lap))
    details = [
        f"#{number}" if columns["number"] and number != "" else "",
        escape(ngettext("%(laps)s lap", "%(laps)s laps", laps) % {"laps": laps})
        if columns["laps"] and laps != ""
        else "",
        best if columns["best_lap"] else "",
    ]
    details = " · ".join(detail for detail in details if detail)
    if details:
        details = f'<span class="row-detail">{details}</span>'
    cells = [
        f'<td class="num pos">{placing(result)}</td>',
        f'<th scope="row">{name}{badges}{details}</th>',
    ]
    if columns["number"]:
        cells.append(f'<td class="num col-opt">{number}</td>')
    if columns["laps"]:
        cells.append(f'<td class="num col-opt">{laps}</td>')
    if columns["best_lap"]:
        fastest = ""
        if result.fastest_lap:
            fastest = (
                f' <abbr title="{escape(gettext("Fastest lap"))}">'
                f"{escape(pgettext('fastest lap, short', 'FL'))}</abbr>"
            )
        cells.append(f'<td class="num col-opt">{best}{fastest}</td>')
    if columns["gap"]:
        cells.append(f'<td class="num">{escape(result.gap or "")}</td>')
    if columns["points"]:
        cells.append(f'<td class="num">{format_points(result.points)}</td>')
    own = ' class="is-own"' if driver.is_own else ""
    return mark_safe(f"<tr{own}>{''.join(cells)}</tr>")


@register.simple_tag
def round_cells(standing, rounds):
    """A standings row's points per round, one cell per round ("–" for none).

    Written here for the same reason as result_row: 12 rounds x 30 rows of
    template cells were most of the standings page's time.
    """
    # Numbers formatted here (digits, "," or "." and "–") need no escaping.
    return mark_safe(
        "".join(
            '<td class="num">{}</td>'.format(
                "–"
                if (scored := standing.by_round.get(event.round_number)) is None
                else format_points(scored)
            )
            for event in rounds
        )
    )
