"""/drivers/: the team's drivers, as the site's driver pages show them.

Rivals appear in results and standings by name; like on the site, they have
no page of their own here.
"""

from django.db.models import Prefetch
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from racing.models import Driver, Entry
from racing.services.careers import career_figures

from ..pagination import LinkedPagination
from ..schemas import DriverDetail, DriverOut, Invalid, Problem

router = Router(tags=["drivers"])


def _drivers():
    entries = Entry.objects.select_related("season__series", "team", "car").order_by(
        "-season__year"
    )
    return Driver.objects.own().prefetch_related(Prefetch("entries", entries))


@router.get("/", response={200: list[DriverOut], 422: Invalid}, url_name="driver-list")
@paginate(LinkedPagination)
def driver_list(request):
    """The team's drivers by name, each with their seasons' entries."""
    return _drivers()


@router.get(
    "/{slug}/",
    response={200: DriverDetail, 404: Problem, 422: Invalid},
    url_name="driver-detail",
)
def driver_detail(request, slug: str):
    """A team driver with bio and career figures."""
    driver = _drivers().filter(slug=slug).first()
    if driver is None:
        raise HttpError(
            404, f"No team driver “{slug}” (they are listed at /api/v1/drivers/)."
        )
    driver.career = career_figures(driver=driver)
    return driver
