"""The API itself: its routers, and its OpenAPI description and docs page."""

from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from .endpoints import drivers, events, reports, seasons
from .links import api_url
from .schemas import Index


class Utf8Renderer(JSONRenderer):
    # Names as written (Bäckman, Nürburgring), not as \u escapes.
    json_dumps_params = {"ensure_ascii": False}


class ResultsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # season_list rather than racing_api_endpoints_seasons_season_list.
        return operation.view_func.__name__


api = ResultsAPI(
    title="Results API",
    version="1",
    description=(
        "Read-only results, standings, drivers and published race reports of "
        "the team, as JSON. Lists come a page at a time (`limit`, `offset`, "
        "with `count`, `next` and `previous`). Every answer carries an ETag: "
        "send it back in If-None-Match to get 304 Not Modified. Any site may "
        "read the API from a browser (CORS)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    # Served from the site's own static files: no third-party script or image.
    docs=Swagger(settings={"validatorUrl": None}),
    renderer=Utf8Renderer(),
)
api.add_router("/seasons/", seasons.router)
api.add_router("/events/", events.router)
api.add_router("/sessions/", events.sessions_router)
api.add_router("/drivers/", drivers.router)
api.add_router("/reports/", reports.router)


@api.get("/", response=Index, url_name="index", tags=["index"])
def index(request):
    """Where everything is."""
    return {
        "seasons": api_url("season-list"),
        "events": api_url("event-list"),
        "drivers": api_url("driver-list"),
        "reports": api_url("report-list"),
        "openapi": api_url("openapi-json"),
        "docs": api_url("openapi-view"),
    }
