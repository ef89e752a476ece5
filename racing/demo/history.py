"""A large made-up history for benchmarks: seasons of a full field, reports in
both languages, galleries of photos. `manage.py seed_history` loads it.

Photos are rows that point at one small generated image: pages only build
their URLs, so thousands of them cost no image processing.
"""

import datetime as dt
import io
import itertools
import random

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

from racing.models import (
    Car,
    Circuit,
    Classification,
    Driver,
    Entry,
    Event,
    Gallery,
    Licence,
    Photo,
    PointsScale,
    RaceReport,
    Result,
    Season,
    Series,
    Session,
    SessionKind,
    Team,
)
from racing.services.points import recompute_season

KINDS = [
    ("Free Practice 1", SessionKind.PRACTICE),
    ("Free Practice 2", SessionKind.PRACTICE),
    ("Qualifying", SessionKind.QUALIFYING),
    ("Race 1", SessionKind.RACE),
    ("Race 2", SessionKind.RACE),
]
RACE_POINTS = [25, 20, 16, 13, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
FIRST = [
    "Tom",
    "Mikel",
    "Néstor",
    "Yann",
    "Gabriele",
    "Esteban",
    "Rob",
    "Jean-Karl",
    "Tiago",
    "Attila",
    "Santiago",
    "Frédéric",
    "Nathanaël",
    "Thed",
    "Kevin",
]
LAST = [
    "Coronel",
    "Azcona",
    "Girolami",
    "Ehrlacher",
    "Tarquini",
    "Guerrieri",
    "Huff",
    "Vernay",
    "Monteiro",
    "Tassi",
    "Urrutia",
    "Gené",
    "Berthon",
    "Björk",
    "Ceccon",
]
COUNTRIES = ["DE", "PT", "ES", "HU", "CZ", "SK", "IT", "FR", "KR", "MO", "SE", "NL"]


@transaction.atomic
def seed_history(
    *, seasons=10, events=12, field=30, photos=40, reports=15, year=None, seed=7
) -> dict:
    rng = random.Random(seed)
    year = year or timezone.localdate().year - seasons
    series, _ = Series.objects.get_or_create(
        slug="history-cup",
        defaults={"name": "History Touring Car Cup", "short_name": "HTCC"},
    )
    own_team, _ = Team.objects.get_or_create(
        slug="history-own-team", defaults={"name": "Target History", "is_own": True}
    )
    teams = [
        Team.objects.get_or_create(
            slug=f"history-team-{n}", defaults={"name": f"Rival Team {n}"}
        )[0]
        for n in range(1, 9)
    ]
    car, _ = Car.objects.get_or_create(manufacturer="Hyundai", model="Elantra N TCR")
    names = list(itertools.product(FIRST, LAST))
    rng.shuffle(names)
    drivers = []
    for n, (first, last) in enumerate(names[:field]):
        driver, _ = Driver.objects.get_or_create(
            slug=f"history-{n}",
            defaults={
                "first_name": first,
                "last_name": last,
                "is_own": n < 2,
                "nationality": rng.choice(COUNTRIES),
            },
        )
        drivers.append(driver)
    circuits = [
        Circuit.objects.get_or_create(
            slug=f"history-circuit-{n}",
            defaults={
                "name": f"Circuit {n}",
                "country": COUNTRIES[n % len(COUNTRIES)],
                "timezone": "Europe/Berlin",
            },
        )[0]
        for n in range(events)
    ]
    licence, _ = Licence.objects.get_or_create(
        name="Editorial use", defaults={"text": "Free for editorial use"}
    )
    original = _shared_original()
    now = timezone.now()
    made = {"seasons": 0, "results": 0, "reports": 0, "photos": 0}
    for s in range(seasons):
        season, created = Season.objects.get_or_create(
            series=series, year=year + s, defaults={"slug": f"htcc-{year + s}"}
        )
        if not created:
            continue
        made["seasons"] += 1
        main = Classification.objects.create(
            season=season, name="Drivers", slug="drivers", is_main=True
        )
        PointsScale.objects.create(
            classification=main,
            name="Race",
            default_for=SessionKind.RACE,
            points=RACE_POINTS,
        )
        entries = Entry.objects.bulk_create(
            Entry(
                season=season,
                driver=driver,
                number=n + 1,
                car=car,
                team=own_team if driver.is_own else teams[n % len(teams)],
            )
            for n, driver in enumerate(drivers)
        )
        by_driver = {entry.driver_id: entry for entry in entries}
        results, photo_rows, report_rows = [], [], []
        for e in range(events):
            start = dt.date(year + s, 3, 1) + dt.timedelta(days=14 * e)
            event = Event.objects.create(
                season=season,
                round_number=e + 1,
                name=f"Race of {circuits[e].name} {year + s}",
                slug=f"htcc-{year + s}-{e + 1}",
                circuit=circuits[e],
                start_date=start,
                end_date=start + dt.timedelta(days=2),
            )
            sessions = Session.objects.bulk_create(
                Session(
                    event=event,
                    name=name,
                    kind=kind,
                    order=k + 1,
                    results_status=Session.ResultsStatus.FINAL,
                )
                for k, (name, kind) in enumerate(KINDS)
            )
            for session in sessions:
                order = drivers[:]
                rng.shuffle(order)
                for position, driver in enumerate(order, start=1):
                    results.append(
                        Result(
                            session=session,
                            driver=driver,
                            entry=by_driver[driver.pk],
                            position=position,
                            laps=12,
                            gap="" if position == 1 else f"+{position * 1.37:.3f}",
                        )
                    )
            gallery = Gallery.objects.create(
                event=event,
                title=f"Race day {e + 1}",
                slug=f"htcc-{year + s}-{e + 1}-race-day",
                is_published=True,
            )
            for p in range(photos):
                photo_rows.append(
                    Photo(
                        gallery=gallery,
                        original=original,
                        original_filename=f"{p}.jpg",
                        original_format="jpeg",
                        content_hash=f"{gallery.pk}-{p}",
                        width=1600,
                        height=1067,
                        file_size=1000,
                        credit="HTCC Media",
                        caption=f"{drivers[p % field].full_name} at {circuits[e].name}",
                        licence=licence,
                        order=p,
                        is_highlight=p == 0,
                        is_published=True,
                        processing=Photo.Processing.READY,
                        renditions={
                            "avif": [400, 800, 1600],
                            "webp": [400, 800, 1600],
                            "jpeg": [400, 800, 1600],
                        },
                    )
                )
            for r in range(reports):
                language = "sv" if r % 3 == 2 else "en"
                report_rows.append(
                    RaceReport(
                        event=event,
                        language=language,
                        title=f"{event.name}: story {r + 1}",
                        slug=f"htcc-{year + s}-{e + 1}-{r}",
                        lead=f"Lead of story {r + 1} from {event.name}.",
                        body="## The race\n\n" + "Words about the weekend. " * 60,
                        status=RaceReport.Status.PUBLISHED,
                        publish_at=now
                        - dt.timedelta(days=(seasons - s) * 365 - e * 14, hours=r),
                    )
                )
        Result.objects.bulk_create(results, batch_size=2000)
        Photo.objects.bulk_create(photo_rows, batch_size=2000)
        # Each photo shows the driver its caption names, as the desk tags them.
        Photo.drivers.through.objects.bulk_create(
            [
                Photo.drivers.through(
                    photo_id=photo.pk, driver_id=drivers[photo.order % field].pk
                )
                for photo in photo_rows
            ],
            batch_size=2000,
        )
        RaceReport.objects.bulk_create(report_rows, batch_size=1000)
        recompute_season(season=season)
        made["results"] += len(results)
        made["photos"] += len(photo_rows)
        made["reports"] += len(report_rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would: plans fit the data
    return made


def _shared_original() -> str:
    """One small real JPEG in the photo storage, which every seeded photo names."""
    storage = Photo._meta.get_field("original").storage
    name = "photos/history/original.jpg"
    if not storage.exists(name):
        buffer = io.BytesIO()
        Image.new("RGB", (160, 107), (30, 90, 160)).save(buffer, "JPEG")
        storage.save(name, ContentFile(buffer.getvalue()))
    return name
