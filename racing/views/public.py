"""Pages for fans: home, events, calendar, standings, drivers, search.

Published content only. Each page runs a fixed number of queries whatever the
amount of data (tests/views hold them to at most 10).
"""

from collections import defaultdict

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from racing.models import (
    Driver,
    Entry,
    Event,
    Gallery,
    Quote,
    RaceReport,
    Result,
    Season,
    Session,
    SessionKind,
)
from racing.services.calendar_ics import season_calendar_ics
from racing.services.careers import career_figures
from racing.services.photo_picks import (
    attach_card_photos,
    attach_covers,
    event_photo,
    gallery_cards,
    hero_photo,
)
from racing.services.search import search_site, search_terms
from racing.services.standings import (
    season_rounds,
    season_tables,
    team_drivers_only,
)
from racing.services.weekend import race_weekend
from racing.templatetags.racing import absolute, country_name
from racing.views.caching import public_cache


def _language_first(queryset, language, *then):
    """Items in the reader's language first, then by `then` (newest first)."""
    return queryset.annotate(
        _other_language=Case(
            When(language=language, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("_other_language", *(then or ["-publish_at"]))


def _prefer_language(items, language):
    """Quotes come in several languages: show the reader's, else what there is."""
    items = list(items)
    return [item for item in items if item.language == language] or items


def _own_drivers():
    """Our drivers, each with their entries newest season first."""
    entries = Entry.objects.select_related("team", "car", "season")
    return (
        Driver.objects.own()
        .select_related("portrait__gallery")
        .prefetch_related(
            Prefetch("entries", queryset=entries.order_by("-season__year"))
        )
    )


@public_cache()
def home(request):
    language = get_language()
    today = timezone.localdate()
    reports = attach_card_photos(
        RaceReport.objects.for_readers(language)
        .with_card_photo_ids()
        .select_related("event")
        .order_by("-publish_at")[:4]
    )
    next_event = (
        Event.objects.upcoming(today)
        .select_related("circuit", "season__series")
        .prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.order_by("order", "starts_at")
            )
        )
        .first()
    )
    # Weekends newest first, stopping at the first with our results: a read
    # of a few events rather than a sort of every result ever entered.
    latest_event_id = (
        Event.objects.filter(
            Exists(
                Result.objects.filter(
                    session__event=OuterRef("pk"), driver__is_own=True
                )
            )
        )
        .order_by("-start_date")
        .values("pk")[:1]
    )
    latest = list(
        Result.objects.filter(
            driver__is_own=True, session__event_id__in=latest_event_id
        )
        .select_related("driver", "session__event")
        .order_by("session__order", "driver__last_name", "driver__first_name")
    )
    return render(
        request,
        "racing/home.html",
        {
            "weekend": race_weekend(next_event),
            "hero": hero_photo(),
            "reports": reports,
            "next_event": next_event,
            "latest_event": latest[0].session.event if latest else None,
            "latest_table": _pivot(latest),
            "drivers": _own_drivers(),
        },
    )


def _pivot(results):
    """Results of several drivers as rows per session, one column per driver."""
    drivers, sessions, cells = {}, {}, {}
    for result in results:
        drivers.setdefault(result.driver_id, result.driver)
        sessions.setdefault(result.session_id, result.session)
        cells[result.session_id, result.driver_id] = result
    return {
        "drivers": list(drivers.values()),
        "rows": [
            (session, [cells.get((session.pk, pk)) for pk in drivers])
            for session in sessions.values()
        ],
    }


@public_cache("events", "results", "reports", "quotes", "drivers", "photos")
def event_detail(request, slug):
    language = get_language()
    results = (
        Result.objects.select_related("driver", "entry")
        .with_class_places()
        .in_running_order()
    )
    event = get_object_or_404(
        Event.objects.select_related("circuit", "season__series").prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.order_by(
                    "order", "starts_at"
                ).prefetch_related(Prefetch("results", queryset=results)),
            )
        ),
        slug=slug,
    )
    reports = list(
        _language_first(
            RaceReport.objects.for_readers(language).filter(event=event), language
        )
    )
    quotes = _prefer_language(
        Quote.objects.published()
        .filter(event=event)
        .select_related("driver", "team_member", "session")
        .order_by("order", "pk"),
        language,
    )
    return render(
        request,
        "racing/event_detail.html",
        {
            "event": event,
            "sessions": event.sessions.all(),
            "reports": reports,
            "quotes": quotes,
            "hero": event_photo(event),
            "today": timezone.localdate(),
            "galleries": attach_covers(
                gallery_cards(Gallery.objects.published().filter(event=event))
            ),
            "canonical_url": event.get_absolute_url(),
            "json_ld": _event_json_ld(event),
        },
    )


def _event_json_ld(event):
    circuit = event.circuit
    data = {
        "@context": "https://schema.org",
        "@type": "SportsEvent",
        "name": event.name,
        "sport": "Motorsport",
        "startDate": event.start_date,
        "endDate": event.end_date,
        "eventStatus": "https://schema.org/EventScheduled",
        "url": absolute(event.get_absolute_url()),
        "location": {
            "@type": "Place",
            "name": circuit.name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": circuit.location,
                "addressCountry": circuit.country,
            },
        },
        "superEvent": {"@type": "SportsEvent", "name": str(event.season)},
    }
    if event.summary:
        data["description"] = event.summary
    if not circuit.location:
        data["location"]["address"]["addressLocality"] = str(
            country_name(circuit.country)
        )
    return data


@public_cache("events", "results")
def calendar(request, slug=None):
    season = _season_or_404(slug)
    today = timezone.localdate()
    events = list(
        season.events.select_related("circuit")
        .prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.order_by("order", "starts_at")
            )
        )
        .order_by("start_date", "round_number")
    )
    own_results = (
        Result.objects.for_season(season)
        .filter(driver__is_own=True, session__kind=SessionKind.RACE)
        .select_related("driver", "session")
        .order_by("session__order", "driver__last_name", "driver__first_name")
    )
    by_event = defaultdict(list)
    for result in own_results:
        by_event[result.session.event_id].append(result)
    past, upcoming = [], []
    for event in events:
        event.own_results = by_event.get(event.pk, [])
        (past if event.end_date < today else upcoming).append(event)
    return render(
        request,
        "racing/calendar.html",
        {
            "season": season,
            "seasons": Season.objects.select_related("series"),
            "past": past,
            "upcoming": upcoming,
            "canonical_url": season_calendar_url(season),
        },
    )


def season_calendar_url(season):
    return reverse("racing:season-calendar", kwargs={"slug": season.slug})


def _season_or_404(slug):
    if slug is None:
        season = Season.objects.select_related("series").current()
        if season is None:
            raise Http404(_("No season yet."))
        return season
    return get_object_or_404(Season.objects.select_related("series"), slug=slug)


@public_cache("events")
def calendar_ics(request, slug):
    season = get_object_or_404(Season.objects.select_related("series"), slug=slug)
    events = season.events.select_related("circuit").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("order", "starts_at"))
    )
    body = season_calendar_ics(season=season, events=events, host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{season.slug}.ics"'
    return response


@public_cache("results", "events", "drivers")
def standings(request, slug=None):
    season = _season_or_404(slug)
    return render(
        request,
        "racing/standings.html",
        {
            "season": season,
            "seasons": Season.objects.select_related("series"),
            "rounds": season_rounds(season),
            "tables": season_tables(season=season),
            "team_drivers_only": team_drivers_only(season=season),
            "canonical_url": season.get_absolute_url(),
        },
    )


@public_cache("drivers")
def driver_list(request):
    drivers = (
        Driver.objects.own()
        .select_related("portrait__gallery")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.select_related("season", "team", "car").order_by(
                    "-season__year"
                ),
            )
        )
    )
    return render(request, "racing/driver_list.html", {"drivers": drivers})


@public_cache("drivers", "results", "quotes", "photos", "events")
def driver_detail(request, slug):
    from racing.views.galleries import latest_photos_of  # galleries imports us

    driver = get_object_or_404(
        Driver.objects.own()
        .select_related("portrait__gallery")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.select_related(
                    "season__series", "team", "car", "car_photo__gallery"
                ).order_by("-season__year"),
            )
        ),
        slug=slug,
    )
    recent = list(
        driver.results.select_related("session__event__circuit").order_by(
            "-session__event__start_date", "-session__order"
        )[:10]
    )
    quotes = _prefer_language(
        _language_first(
            Quote.objects.published(), get_language(), "-event__start_date", "order"
        )
        .filter(driver=driver)
        .select_related("event", "session")[:5],
        get_language(),
    )
    entries = driver.entries.all()
    entry = entries[0] if entries else None
    car_photo = entry.car_photo if entry else None
    return render(
        request,
        "racing/driver_detail.html",
        {
            "driver": driver,
            "entries": entries,
            "entry": entry,
            "portrait": driver.portrait if _shown(driver.portrait) else None,
            "car_photo": car_photo if _shown(car_photo) else None,
            "figures": career_figures(driver=driver),
            "recent": recent,
            "quotes": quotes,
            "photos": latest_photos_of(driver),
            "canonical_url": driver.get_absolute_url(),
            "json_ld": _driver_json_ld(driver),
        },
    )


def _shown(photo) -> bool:
    return photo is not None and photo.is_public


def _driver_json_ld(driver):
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": driver.full_name,
        "givenName": driver.first_name,
        "familyName": driver.last_name,
        "jobTitle": "Racing driver",
        "url": absolute(driver.get_absolute_url()),
    }
    if driver.nationality:
        data["nationality"] = {"@type": "Country", "name": driver.nationality}
    if driver.birth_date:
        data["birthDate"] = driver.birth_date
    if driver.bio:
        data["description"] = driver.local_bio
    if _shown(driver.portrait):
        data["image"] = absolute(driver.portrait.social_image_url)
    entries = driver.entries.all()
    if entries and entries[0].team:
        data["memberOf"] = {"@type": "SportsTeam", "name": entries[0].team.name}
    return data


# -- search ------------------------------------------------------------------


@public_cache()
def search(request):
    query = request.GET.get("q", "").strip()
    terms = search_terms(query)
    context = {"query": query, "terms": terms, "searched": bool(terms)}
    if query and not terms:
        context["message"] = _("Type a word or a name to search for.")
    if terms:
        found = search_site(query=query, language=get_language())
        context.update(vars(found), count=found.count)
    return render(request, "racing/search.html", context)
