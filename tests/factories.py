"""Helpers that build valid objects; pass overrides for what a test is about."""

import datetime as dt
from itertools import count

from racing.models import (
    Car,
    Circuit,
    Classification,
    Driver,
    Entry,
    Event,
    PointsScale,
    Quote,
    Result,
    Season,
    Series,
    Session,
    SessionKind,
    Team,
)

_seq = count(1)
RACE_POINTS = [25, 20, 16, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def make_series(**overrides):
    n = next(_seq)
    fields = {
        "name": f"Touring Car Cup {n}",
        "short_name": f"TCC{n}",
        "slug": f"tcc-{n}",
    }
    return Series.objects.create(**{**fields, **overrides})


def make_season(*, race_points=RACE_POINTS, **overrides):
    series = overrides.pop("series", None) or make_series()
    year = overrides.pop("year", 2021)
    season = Season.objects.create(
        series=series,
        year=year,
        slug=overrides.pop("slug", f"{series.slug}-{year}"),
        **overrides,
    )
    main = Classification.objects.create(
        season=season, name="Drivers", slug="drivers", is_main=True
    )
    if race_points is not None:
        PointsScale.objects.create(
            classification=main,
            name="Race",
            default_for=SessionKind.RACE,
            points=race_points,
        )
    return season


def main_classification(season):
    return season.classifications.get(is_main=True)


def session_scale(session):
    """The scale a session pays on in its season's main classification."""
    main = main_classification(session.event.season)
    return session.scale_for(main, list(main.points_scales.all()))


def make_classification(*, season, **overrides):
    n = next(_seq)
    fields = {"name": f"Class {n}", "slug": f"class-{n}", "open_to_all": False}
    return Classification.objects.create(season=season, **{**fields, **overrides})


def make_scale(*, classification=None, season=None, **overrides):
    classification = classification or main_classification(season)
    n = next(_seq)
    fields = {"name": f"Scale {n}", "points": RACE_POINTS}
    return PointsScale.objects.create(
        classification=classification, **{**fields, **overrides}
    )


def make_team(**overrides):
    n = next(_seq)
    return Team.objects.create(
        **{"name": f"Team {n}", "slug": f"team-{n}", **overrides}
    )


def make_driver(**overrides):
    n = next(_seq)
    fields = {"first_name": "Driver", "last_name": f"Number{n}", "slug": f"driver-{n}"}
    return Driver.objects.create(**{**fields, **overrides})


def make_car(**overrides):
    n = next(_seq)
    return Car.objects.create(
        **{"manufacturer": "Hyundai", "model": f"Elantra {n}", **overrides}
    )


def make_entry(*, season, driver=None, team=None, **overrides):
    return Entry.objects.create(
        season=season,
        driver=driver or make_driver(),
        team=team or make_team(),
        car=overrides.pop("car", None) or make_car(),
        **overrides,
    )


def make_circuit(**overrides):
    n = next(_seq)
    fields = {"name": f"Circuit {n}", "slug": f"circuit-{n}", "country": "DE"}
    return Circuit.objects.create(**{**fields, **overrides})


def make_event(*, season=None, **overrides):
    season = season or make_season()
    n = next(_seq)
    start = overrides.pop("start_date", dt.date(season.year, 6, 3))
    fields = {
        "name": f"Race of Somewhere {n}",
        "slug": f"race-{n}",
        "round_number": season.events.count() + 1,
        "circuit": overrides.pop("circuit", None) or make_circuit(),
        "start_date": start,
        "end_date": start + dt.timedelta(days=2),
    }
    return Event.objects.create(season=season, **{**fields, **overrides})


def make_session(*, event=None, kind=SessionKind.RACE, **overrides):
    event = event or make_event()
    n = next(_seq)
    return Session.objects.create(
        event=event, kind=kind, **{"name": f"Race {n}", "order": n, **overrides}
    )


def make_result(*, session, driver=None, position=None, **overrides):
    """A result with its points worked out, as the admin and the import do."""
    from racing.services.points import recompute_points

    status = overrides.pop("status", Result.Status.CLASSIFIED)
    result = Result.objects.create(
        session=session,
        driver=driver or make_driver(),
        position=position,
        status=status,
        **overrides,
    )
    recompute_points(session=session)
    result.refresh_from_db()
    return result


def make_quote(*, event, driver=None, **overrides):
    fields = {"text": "It was a tough weekend.", "is_published": True}
    return Quote.objects.create(
        event=event, driver=driver or make_driver(), **{**fields, **overrides}
    )
