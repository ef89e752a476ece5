import datetime as dt
import json
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from racing.api.main import api
from racing.models import Entry, RaceReport, Result, SessionKind
from racing.services.points import recompute_season
from tests.factories import (
    make_car,
    make_circuit,
    make_classification,
    make_driver,
    make_event,
    make_scale,
    make_season,
    make_session,
    make_team,
)
from tests.views.conftest import big_db  # noqa: F401  (a fixture, for query counts)

_seq = count(1)


@pytest.fixture(scope="session")
def openapi():
    """The API's description, as served (JSON: status codes become strings)."""
    return OpenAPI.from_dict(json.loads(json.dumps(api.get_openapi_schema())))


@pytest.fixture
def get(client, openapi):
    """GET an API URL; every answer but a 304 must match the OpenAPI description."""

    def get(url, **headers):
        response = client.get(url, headers=headers)
        if response.status_code != 304:
            openapi.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request),
                DjangoOpenAPIResponse(response),
            )
        return response

    return get


def make_report(*, event, **overrides):
    n = next(_seq)
    fields = {
        "title": f"Report {n}",
        "slug": f"api-report-{n}",
        "lead": "The siblings made their debut.",
        "body": "A weekend to **remember**.",
        "status": RaceReport.Status.PUBLISHED,
        "publish_at": timezone.now() - dt.timedelta(hours=1),
    }
    return RaceReport.objects.create(event=event, **{**fields, **overrides})


@pytest.fixture
def championship(db):
    """A season of three rounds (qualifying and two races each) with a junior
    class, two teams, a guest, rivals, a DNF and a DSQ: standings of every kind."""
    season = make_season(year=2023)
    juniors = make_classification(season=season, name="Juniors", slug="juniors")
    make_scale(
        classification=juniors, default_for=SessionKind.RACE, points=[10, 8, 6, 4]
    )
    teams = [make_team(name="Target", is_own=True), make_team(name="Cyan")]
    car = make_car()
    drivers = [
        make_driver(first_name="Jessica", last_name="Bäckman", is_own=True),
        make_driver(first_name="Yann", last_name="Ehrlacher"),
        make_driver(first_name="Rob", last_name="Huff"),
        make_driver(first_name="Nathanaël", last_name="Berthon"),
        make_driver(first_name="Gilles", last_name="Magnus"),
        make_driver(first_name="Guest", last_name="Star"),
    ]
    entries = []
    for n, driver in enumerate(drivers):
        entry = Entry.objects.create(
            season=season,
            driver=driver,
            team=teams[n % 2],
            car=car,
            number=n + 1,
            is_guest=driver.last_name == "Star",
        )
        if n in (0, 3):
            entry.classifications.add(juniors)
        entries.append(entry)
    circuit = make_circuit(name="Estoril", timezone="Europe/Lisbon")
    results = []
    for r in range(3):
        event = make_event(
            season=season,
            round_number=r + 1,
            start_date=dt.date(2023, 4 + r, 7),
            circuit=circuit,
        )
        for k, kind in enumerate(
            [SessionKind.QUALIFYING, SessionKind.RACE, SessionKind.RACE]
        ):
            session = make_session(
                event=event,
                kind=kind,
                name=["Qualifying", "Race 1", "Race 2"][k],
                order=k + 1,
                starts_at=dt.datetime(2023, 4 + r, 8, 9 + k, tzinfo=dt.UTC),
            )
            order = drivers[r + k :] + drivers[: r + k]
            for place, driver in enumerate(order, start=1):
                status = Result.Status.CLASSIFIED
                if (r, k, place) == (1, 1, 6):
                    status = Result.Status.DID_NOT_FINISH
                if (r, k, place) == (2, 2, 5):
                    status = Result.Status.DISQUALIFIED
                classified = status == Result.Status.CLASSIFIED
                results.append(
                    Result(
                        session=session,
                        driver=driver,
                        entry=entries[drivers.index(driver)],
                        status=status,
                        position=place if classified else None,
                        laps=20 if classified else 7,
                        best_lap=dt.timedelta(minutes=1, seconds=40 + place / 7),
                        gap="" if place == 1 else f"+{place}.500",
                        fastest_lap=place == 2,
                    )
                )
    Result.objects.bulk_create(results)
    recompute_season(season=season)
    return {"season": season, "juniors": juniors, "drivers": drivers}


def as_points(value) -> Decimal:
    return Decimal(str(value))
