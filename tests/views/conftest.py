import datetime as dt

import pytest
from django.utils import timezone

from racing.models import Entry, RaceReport, Result, SessionKind
from racing.services.points import recompute_season
from tests.factories import (
    make_car,
    make_driver,
    make_event,
    make_quote,
    make_season,
    make_series,
    make_session,
    make_team,
)

SEASONS, EVENTS, SESSIONS, FIELD = 3, 6, 5, 20
KINDS = [
    SessionKind.PRACTICE,
    SessionKind.PRACTICE,
    SessionKind.QUALIFYING,
    SessionKind.RACE,
    SessionKind.RACE,
]


@pytest.fixture
def big_db(db):
    """Several seasons of data: 3 seasons x 6 events x 5 sessions x 20 results,
    with two of our drivers, rivals, published reports and quotes."""
    series = make_series(name="World Touring Car Cup", short_name="WTCR", slug="wtcr")
    own_team = make_team(name="Target Competition", slug="target", is_own=True)
    own = [
        make_driver(
            first_name="Andreas", last_name="Bäckman", slug="andreas", is_own=True
        ),
        make_driver(
            first_name="Jessica", last_name="Bäckman", slug="jessica", is_own=True
        ),
    ]
    rivals = [make_driver() for _ in range(FIELD - len(own))]
    teams = [make_team() for _ in range(4)]
    car = make_car()
    now = timezone.now()
    this_year = timezone.localdate().year
    seasons = []
    for s in range(SEASONS):
        year = this_year - SEASONS + 1 + s
        season = make_season(series=series, year=year)
        seasons.append(season)
        entries = {}
        for n, driver in enumerate(own + rivals):
            team = own_team if driver.is_own else teams[n % len(teams)]
            entries[driver.pk] = Entry.objects.create(
                season=season, driver=driver, team=team, car=car, number=n + 1
            )
        results = []
        for e in range(EVENTS):
            start = dt.date(year, 3 + e, 10)
            event = make_event(season=season, start_date=start, round_number=e + 1)
            for k, kind in enumerate(KINDS):
                session = make_session(
                    event=event,
                    kind=kind,
                    name=f"Session {k + 1}",
                    order=k + 1,
                    starts_at=timezone.make_aware(
                        dt.datetime(year, 3 + e, 10 + k // 2, 9 + k)
                    ),
                )
                for position, driver in enumerate(own + rivals, start=1):
                    shift = (position + e + k) % FIELD + 1
                    results.append(
                        Result(
                            session=session,
                            driver=driver,
                            entry=entries[driver.pk],
                            position=shift,
                            laps=10,
                            best_lap=dt.timedelta(minutes=9, seconds=shift),
                            gap=f"+{shift}.000",
                        )
                    )
            for driver in own:
                make_quote(event=event, driver=driver, text=f"Quote {driver} {e}")
            report = RaceReport.objects.create(
                event=event,
                title=f"Report {year} round {e + 1}",
                slug=f"report-{year}-{e + 1}",
                lead="Lead",
                body="Body",
                status=RaceReport.Status.PUBLISHED,
                publish_at=now - dt.timedelta(days=400 * (SEASONS - s) - e),
            )
            report.drivers.set(own)
        Result.objects.bulk_create(results)
        recompute_season(season=season)
    # Next year's calendar: upcoming weekends with timed sessions, no results.
    upcoming = make_season(series=series, year=this_year + 1)
    for e in range(EVENTS):
        event = make_event(
            season=upcoming, start_date=dt.date(this_year + 1, 3 + e, 10)
        )
        for k, kind in enumerate(KINDS):
            make_session(
                event=event,
                kind=kind,
                name=f"Session {k + 1}",
                order=k + 1,
                starts_at=timezone.make_aware(
                    dt.datetime(this_year + 1, 3 + e, 10, 9 + k)
                ),
            )
    return {"seasons": seasons, "upcoming": upcoming, "own": own, "rivals": rivals}
