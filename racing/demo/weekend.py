"""FIA WTCR 2021, round 1 at the Nürburgring Nordschleife, as in the seed release.

The release gives no year: June 3-5 alongside the Nürburgring 24 Hours is the
2021 season opener. Only the team's two cars are loaded; the positions are the
official ones from the release.
"""

import datetime as dt
from decimal import Decimal

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
from racing.services.points import recompute_points

DNF = Result.Status.DID_NOT_FINISH
SESSIONS = [
    # order, name, kind, conditions
    (1, "Free Practice 1", SessionKind.PRACTICE, Session.Conditions.MIXED),
    (2, "Free Practice 2", SessionKind.PRACTICE, Session.Conditions.MIXED),
    (3, "Qualifying", SessionKind.QUALIFYING, ""),
    (4, "Race 1", SessionKind.RACE, ""),
    (5, "Race 2", SessionKind.RACE, ""),
]
RESULTS = {
    "andreas-backman": [16, 17, 17, 20, DNF],
    "jessica-backman": [18, 19, 20, 21, 14],
}
QUOTES = [
    # driver, session name or None, text
    (
        "jessica-backman",
        None,
        "I did not expect points considering our circumstances.",
    ),
    (
        "andreas-backman",
        None,
        "The track is one of the toughest tracks in the world and we have not driven "
        "on the track as much as our competitors, so considering this, it was positive "
        "what progress we made during the weekend.",
    ),
    (
        "jessica-backman",
        "Free Practice 1",
        "The unstable weather at the free practice sessions with changing conditions "
        "was also a big challenge and did not make it easier to learn the new car and "
        "track.",
    ),
    (
        "jessica-backman",
        "Race 2",
        "After the technical problems in the qualifying, I am very pleased that I "
        "managed to get my first World Cup points in the season premiere. I am also "
        "glad that I managed to improve my lap times so much, it shows that there is "
        "good capacity, it takes a while to learn the new car, tires, and this track "
        "as it is classified as the world's toughest track. So, considering the "
        "circumstances, the weekend went much better than I had expected.",
    ),
    (
        "andreas-backman",
        "Qualifying",
        "I had a few misses on my qualifying lap but I still think it was above my "
        "expectations to qualify as 17th and beat several of the world's best drivers "
        "who also have more experience on this track.",
    ),
    (
        "andreas-backman",
        "Race 2",
        "In the first race I got a really bad start and was out at the back after the "
        "start. But I drove up a few places and the speed in the car felt good. For "
        "the second race, we made some adjustments to the car to make it even faster, "
        "but unfortunately, I got involved in a start crash already into the second "
        "corner on the first lap. I did not have time to avoid the car in front of me "
        "and the car got damaged which meant that I had to stop the race. So, it was a "
        "shame, but we will have to come back stronger again to the next race.",
    ),
]


def load() -> dict:
    series, _ = Series.objects.update_or_create(
        slug="wtcr",
        defaults={
            "name": "FIA World Touring Car Cup",
            "short_name": "WTCR",
            "website": "https://www.fiawtcr.com/",
        },
    )
    season, _ = Season.objects.update_or_create(
        slug="wtcr-2021", defaults={"series": series, "year": 2021}
    )
    drivers_championship, _ = Classification.objects.update_or_create(
        season=season,
        slug="drivers",
        defaults={"name": "Drivers", "is_main": True},
    )
    PointsScale.objects.update_or_create(
        classification=drivers_championship,
        name="Race",
        defaults={
            "default_for": SessionKind.RACE,
            "points": [25, 20, 16, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        },
    )
    PointsScale.objects.update_or_create(
        classification=drivers_championship,
        name="Qualifying",
        defaults={"default_for": SessionKind.QUALIFYING, "points": [5, 4, 3, 2, 1]},
    )
    team, _ = Team.objects.update_or_create(
        slug="target-competition",
        defaults={"name": "Target Competition", "country": "IT", "is_own": True},
    )
    car, _ = Car.objects.get_or_create(manufacturer="Hyundai", model="Elantra N TCR")
    drivers = {}
    for slug, first, bio, bio_sv in [
        (
            "andreas-backman",
            "Andreas",
            "Swedish racing driver, WTCR debutant in 2021 with Target Competition "
            "alongside his sister Jessica.",
            "Svensk racerförare som debuterar i WTCR 2021 för Target Competition "
            "tillsammans med sin syster Jessica.",
        ),
        (
            "jessica-backman",
            "Jessica",
            "Swedish racing driver, WTCR debutant in 2021 with Target Competition "
            "alongside her brother Andreas.",
            "Svensk racerförare som debuterar i WTCR 2021 för Target Competition "
            "tillsammans med sin bror Andreas.",
        ),
    ]:
        driver, _ = Driver.objects.update_or_create(
            slug=slug,
            defaults={
                "first_name": first,
                "last_name": "Bäckman",
                "nationality": "SE",
                "bio": bio,
                "bio_sv": bio_sv,
                "is_own": True,
            },
        )
        Entry.objects.update_or_create(
            season=season, driver=driver, defaults={"team": team, "car": car}
        )
        drivers[slug] = driver

    nordschleife, _ = Circuit.objects.update_or_create(
        slug="nurburgring-nordschleife",
        defaults={
            "name": "Nürburgring Nordschleife",
            "nickname": "The Green Hell",
            "location": "Nürburg",
            "country": "DE",
            "length_km": Decimal("25.378"),
            "timezone": "Europe/Berlin",
        },
    )
    estoril, _ = Circuit.objects.update_or_create(
        slug="circuito-estoril",
        defaults={
            "name": "Circuito do Estoril",
            "location": "Estoril",
            "country": "PT",
            "length_km": Decimal("4.182"),
            "timezone": "Europe/Lisbon",
        },
    )
    event, _ = Event.objects.update_or_create(
        season=season,
        round_number=1,
        defaults={
            "name": "WTCR Race of Germany",
            "slug": "wtcr-2021-race-of-germany",
            "circuit": nordschleife,
            "start_date": dt.date(2021, 6, 3),
            "end_date": dt.date(2021, 6, 5),
            "summary": (
                "Season premiere on the Nordschleife, the same weekend as the "
                "Nürburgring 24 Hours, in mixed weather."
            ),
            "summary_sv": (
                "Säsongspremiär på Nordschleife, samma helg som Nürburgrings "
                "24-timmarslopp, i växlande väder."
            ),
        },
    )
    Event.objects.update_or_create(
        season=season,
        round_number=2,
        defaults={
            "name": "WTCR Race of Portugal",
            "slug": "wtcr-2021-race-of-portugal",
            "circuit": estoril,
            "start_date": dt.date(2021, 6, 25),
            "end_date": dt.date(2021, 6, 27),
        },
    )

    sessions = {}
    for order, name, kind, conditions in SESSIONS:
        session, _ = Session.objects.update_or_create(
            event=event,
            name=name,
            defaults={
                "order": order,
                "kind": kind,
                "conditions": conditions,
                "results_status": Session.ResultsStatus.FINAL,
            },
        )
        sessions[name] = session
    for slug, placings in RESULTS.items():
        for (_order, name, *_rest), placing in zip(SESSIONS, placings, strict=True):
            classified = isinstance(placing, int)
            Result.objects.update_or_create(
                session=sessions[name],
                driver=drivers[slug],
                defaults={
                    "status": Result.Status.CLASSIFIED if classified else placing,
                    "position": placing if classified else None,
                },
            )

    for session in sessions.values():
        recompute_points(session=session)

    for order, (slug, session_name, text) in enumerate(QUOTES):
        Quote.objects.update_or_create(
            event=event,
            driver=drivers[slug],
            order=order,
            defaults={
                "session": sessions.get(session_name),
                "text": text,
                "language": "en",
                "is_published": True,
            },
        )
    return {"season": season, "event": event, "drivers": drivers, "sessions": sessions}
