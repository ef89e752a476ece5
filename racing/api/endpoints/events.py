"""/events/ and /sessions/: race weekends, their sessions and the results."""

from django.db.models import Prefetch
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from racing.models import Event, Result, Session

from ..lookups import find_season
from ..pagination import LinkedPagination
from ..schemas import (
    EventDetail,
    EventFilters,
    EventOut,
    Invalid,
    Problem,
    SessionResults,
)

router = Router(tags=["events"])
sessions_router = Router(tags=["events"])


def _events():
    return Event.objects.select_related("season__series", "circuit")


@router.get(
    "/",
    response={200: list[EventOut], 400: Problem, 422: Invalid},
    url_name="event-list",
)
@paginate(LinkedPagination)
def event_list(request, filters: Query[EventFilters]):
    """Race weekends: newest season first, rounds in order."""
    events = _events().order_by("-season__year", "season__series__name", "round_number")
    if filters.season:
        events = events.filter(season=find_season(filters.season, status=400))
    return events


@router.get(
    "/{slug}/",
    response={200: EventDetail, 404: Problem, 422: Invalid},
    url_name="event-detail",
)
def event_detail(request, slug: str):
    """A race weekend with its sessions, times in the circuit's time zone."""
    sessions = Prefetch(
        "sessions", queryset=Session.objects.order_by("order", "starts_at")
    )
    event = _events().prefetch_related(sessions).filter(slug=slug).first()
    if event is None:
        raise HttpError(404, f"No event “{slug}” (events are at /api/v1/events/).")
    return event


@sessions_router.get(
    "/{session_id}/results/",
    response={200: SessionResults, 404: Problem, 422: Invalid},
    url_name="session-results",
)
def session_results(request, session_id: int):
    """A session's whole field in running order, as on the event page."""
    results = (
        Result.objects.select_related("driver", "entry__team", "entry__car")
        .with_class_places()
        .in_running_order()
    )
    session = (
        Session.objects.select_related("event__circuit", "event__season")
        .prefetch_related(Prefetch("results", queryset=results))
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise HttpError(
            404,
            f"No session {session_id} (an event's sessions are listed at "
            "/api/v1/events/<slug>/).",
        )
    return {
        "session": session,
        "event": session.event,
        "team_drivers_only": session.holds_only_own_drivers,
        "results": session.results.all(),
    }
