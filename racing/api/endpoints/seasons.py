"""/seasons/: seasons, their rounds and their standings."""

from django.db.models import Prefetch
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from racing.models import Event, Season
from racing.services.standings import (
    season_rounds,
    season_tables,
    team_drivers_only,
)

from ..links import api_url, page_url
from ..lookups import find_season
from ..pagination import LinkedPagination
from ..schemas import Invalid, Problem, SeasonDetail, SeasonOut, StandingsOut

router = Router(tags=["seasons"])


def _seasons():
    return Season.objects.select_related("series").prefetch_related("classifications")


@router.get("/", response={200: list[SeasonOut], 422: Invalid}, url_name="season-list")
@paginate(LinkedPagination)
def season_list(request):
    """Every season, newest first, with its classifications."""
    return _seasons()


@router.get(
    "/{season}/",
    response={200: SeasonDetail, 404: Problem, 422: Invalid},
    url_name="season-detail",
)
def season_detail(request, season: str):
    """A season by slug (wtcr-2021) or year (2021), with its rounds."""
    rounds = Prefetch("events", queryset=Event.objects.order_by("round_number"))
    return find_season(season, queryset=_seasons().prefetch_related(rounds))


@router.get(
    "/{season}/standings/{classification}/",
    response={200: StandingsOut, 404: Problem, 422: Invalid},
    url_name="season-standings",
)
def season_standings(request, season: str, classification: str):
    """Drivers' and teams' standings of one classification (e.g. drivers), as
    on the season's standings page: the same computation from the results."""
    season = find_season(season, queryset=Season.objects.select_related("series"))
    tables = season_tables(season=season)
    table = next((t for t in tables if t.classification.slug == classification), None)
    if table is None:
        slugs = ", ".join(t.classification.slug for t in tables) or "none yet"
        raise HttpError(
            404,
            f"No classification “{classification}” in {season} "
            f"(its classifications: {slugs}).",
        )
    hidden = team_drivers_only(season=season)
    return {
        "season": season,
        "classification": table.classification,
        "team_drivers_only": hidden,
        "rounds": [
            {
                "round": event.round_number,
                "event": event.slug,
                "name": event.name,
                "url": api_url("event-detail", slug=event.slug),
            }
            for event in season_rounds(season)
        ],
        "drivers": [_row(s, "driver", hidden=hidden) for s in table.drivers],
        "teams": [_row(s, "team", hidden=hidden) for s in table.teams],
        "page": page_url(season),
    }


def _row(standing, side: str, *, hidden: bool) -> dict:
    return {
        side: standing.competitor,
        # The page prints "–" too: positions are unknown without the field.
        "position": None if hidden else standing.position,
        "points": standing.points,
        "wins": standing.wins,
        "by_round": [
            {"round": number, "points": points}
            for number, points in sorted(standing.by_round.items())
        ],
    }
