"""Site search: reports, drivers and teams (rivals too), events, galleries and
photo captions.

On PostgreSQL it is full-text search (django.contrib.postgres): accent-free
English and Swedish configurations (`racing_en`, `racing_sv`: unaccent, then
each language's stemmer), GIN indexes on reports and photos, results ranked
with SearchRank and report snippets highlighted with SearchHeadline. SQLite,
for development, keeps a simple fallback: every word must appear, accents
and case ignored, newest first, with the words marked in the lead.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, F, Q, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from racing.models import Driver, Event, Gallery, Photo, RaceReport, Team

MAX_QUERY_LENGTH = 100
MAX_TERMS = 6
LIMIT = 20
CONFIGS = {"en": "racing_en", "sv": "racing_sv"}
# Markers SearchHeadline puts around a match; the snippet is escaped, then
# they become <mark>: nothing a press officer typed can become markup.
START, STOP = "\x02", "\x03"
_FOLD_EXTRA = {"ø": "o", "đ": "d", "ł": "l", "ı": "i"}


@dataclass
class Found:
    reports: list = field(default_factory=list)
    drivers: list = field(default_factory=list)
    teams: list = field(default_factory=list)
    events: list = field(default_factory=list)
    galleries: list = field(default_factory=list)
    photos: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(items)
            for items in (
                self.reports,
                self.drivers,
                self.teams,
                self.events,
                self.galleries,
                self.photos,
            )
        )


def fold(text: str) -> str:
    """Lower case without accents: "Bäckman" -> "backman", "Ørsted" -> "orsted"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(_FOLD_EXTRA.get(c, c) for c in text)


def search_terms(query: str) -> list[str]:
    """Folded words of a query; punctuation separates words and is dropped."""
    words = re.findall(r"[^\W_]+", fold(query[:MAX_QUERY_LENGTH]))
    return list(dict.fromkeys(words))[:MAX_TERMS]


def search_site(*, query: str, language: str) -> Found:
    terms = search_terms(query)
    if not terms:
        return Found()
    if connection.vendor == "postgresql":
        return _full_text(" ".join(terms), language)
    return _fallback(terms, language)


# -- PostgreSQL ----------------------------------------------------------------


def report_vector(config: str):
    """The indexed search vector of a report (migration 0013 indexes it)."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def photo_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("caption", "alt_text", config=CONFIGS["en"])


def _full_text(words: str, language: str) -> Found:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    queries = {
        code: SearchQuery(words, config=config) for code, config in CONFIGS.items()
    }
    # One query per language, each on its own partial GIN index, merged here:
    # an OR of the two made PostgreSQL recompute the vectors row by row.
    reports = []
    for code, config in CONFIGS.items():
        vector = report_vector(config)
        reports += (
            RaceReport.objects.published()
            .filter(language=code)
            .alias(vector=vector)
            .filter(vector=queries[code])
            .annotate(
                rank=SearchRank(vector, queries[code]),
                headline=SearchHeadline(
                    "body",
                    queries[code],
                    config=config,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                ),
            )
            .select_related("event")
            .order_by("-rank", "-publish_at")[:LIMIT]
        )
    reports.sort(
        key=lambda report: (
            report.language == language,
            report.rank,
            report.publish_at,
        ),
        reverse=True,
    )
    reports = reports[:LIMIT]
    query = queries["en"]

    def ranked(queryset, *fields):
        vector = SearchVector(*fields, config=CONFIGS["en"])
        return (
            queryset.alias(vector=vector)
            .filter(vector=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank")
        )

    found = Found(reports=[_with_snippet(report) for report in reports])
    found.drivers = list(
        ranked(
            Driver.objects.all(),
            "first_name",
            "last_name",
            "bio",
        ).with_latest_event()[:LIMIT]
    )
    found.teams = list(ranked(Team.objects.all(), "name").with_latest_event()[:LIMIT])
    found.events = list(
        ranked(
            Event.objects.select_related("circuit", "season"),
            "name",
            "circuit__name",
            "circuit__nickname",
            "circuit__location",
        )[:LIMIT]
    )
    found.galleries = list(
        ranked(
            Gallery.objects.published().select_related("event"),
            "title",
            "description",
            "event__name",
        )[:LIMIT]
    )
    found.photos = list(
        Photo.objects.published()
        .ready()
        .alias(vector=photo_vector())
        .filter(vector=query)
        .annotate(rank=SearchRank(photo_vector(), query))
        .select_related("gallery")
        .order_by("-rank", "-pk")[:LIMIT]
    )
    return found


def _with_snippet(report):
    text = escape(report.headline or "")
    report.snippet = mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))
    return report


# -- the fallback (SQLite) ----------------------------------------------------------


def _letter_variants():
    variants = defaultdict(set)
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        if char.isalpha():
            base = fold(char)
            if len(base) == 1 and base.isascii():
                variants[base].update({char, char.lower(), char.upper()})
    for letter in "abcdefghijklmnopqrstuvwxyz":
        variants[letter].update({letter, letter.upper()})
    return {letter: "".join(sorted(chars)) for letter, chars in variants.items()}


_VARIANTS = _letter_variants()


def term_pattern(term: str) -> str:
    """A regex that matches the term with any accents and case, in both Python's
    re (SQLite) and PostgreSQL's: only character classes of letters and digits."""
    return "".join(
        f"[{_VARIANTS[c]}]" if c in _VARIANTS else (c if c.isalnum() else "")
        for c in term
    )


def matching(fields, terms):
    """Every term must appear in one of the fields."""
    condition = Q()
    for term in terms:
        pattern = term_pattern(term) or re.escape(term)
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__regex": pattern})
        condition &= any_field
    return condition


def highlight(text: str, terms) -> SafeString:
    """`text` escaped, with the search words marked (accents ignored)."""
    patterns = [term_pattern(term) for term in terms if term_pattern(term)]
    if not patterns:
        return escape(text)
    marked = re.sub(
        "|".join(f"({pattern})" for pattern in patterns),
        lambda match: f"{START}{match[0]}{STOP}",
        text,
    )
    return mark_safe(escape(marked).replace(START, "<mark>").replace(STOP, "</mark>"))


def _fallback(terms, language) -> Found:
    reports = list(
        RaceReport.objects.published()
        .filter(matching(["title", "lead", "body"], terms))
        .annotate(in_language=Case(When(language=language, then=1), default=0))
        .select_related("event")
        .order_by("-in_language", F("publish_at").desc(nulls_last=True))[:LIMIT]
    )
    for report in reports:
        report.snippet = highlight(report.lead, terms)
    return Found(
        reports=reports,
        drivers=list(
            Driver.objects.filter(
                Q(
                    is_own=True,
                    pk__in=Driver.objects.filter(
                        matching(["first_name", "last_name", "bio"], terms)
                    ),
                )
                | matching(["first_name", "last_name"], terms)
            )
            .with_latest_event()
            .order_by("-is_own", "last_name", "first_name")[:LIMIT]
        ),
        teams=list(
            Team.objects.filter(matching(["name"], terms))
            .with_latest_event()
            .order_by("-is_own", "name")[:LIMIT]
        ),
        events=list(
            Event.objects.filter(
                matching(
                    ["name", "circuit__name", "circuit__nickname", "circuit__location"],
                    terms,
                )
            )
            .select_related("circuit", "season")
            .order_by("-start_date")[:LIMIT]
        ),
        galleries=list(
            Gallery.objects.published()
            .filter(matching(["title", "description", "event__name"], terms))
            .select_related("event")
            .order_by("-event__start_date")[:LIMIT]
        ),
        photos=list(
            Photo.objects.published()
            .ready()
            .filter(matching(["caption", "alt_text"], terms))
            .select_related("gallery")
            .order_by("-pk")[:LIMIT]
        ),
    )
