"""The press kit: fact sheets of the team and our drivers (records computed
from results), headshots and car photos from the photo desk, the logo, and
one zip of it all with CREDITS.txt.

The zip is built once per version of its content, in the background, and sent
like a gallery zip (nginx or the bucket, never a request worker). A version is
a hash of what it holds, so a corrected result or credit makes a new zip; with
a worker that defers tasks the new one is built a minute after the change,
before anyone asks (racing/signals.py); otherwise on the first request.
"""

import datetime as dt
import hashlib
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Min, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from racing.models import Driver, Entry, Photo, Result, SessionKind, SiteSettings

from . import metadata
from .downloads import credits_text, download_filename, prepare_downloads
from .gallery_zips import storage

FOLDER = "photos/press-kit"
DEBOUNCE_SECONDS = 60


@dataclass
class SeasonRecord:
    season: object
    entry: Entry | None
    starts: int = 0
    wins: int = 0
    podiums: int = 0
    best_finish: int | None = None
    points: Decimal = Decimal(0)


@dataclass
class DriverSheet:
    driver: Driver
    records: list[SeasonRecord]
    portrait: Photo | None
    car_photo: Photo | None

    @property
    def entry(self):
        """The newest season's entry: number, car, team."""
        return next((r.entry for r in self.records if r.entry), None)


@dataclass
class Kit:
    site: SiteSettings
    drivers: list[DriverSheet]
    team_records: list[SeasonRecord]
    photos: list[tuple[str, Photo]] = field(default_factory=list)

    @property
    def teams(self):
        names = []
        for sheet in self.drivers:
            team = sheet.entry.team if sheet.entry else None
            if team and team.name not in names:
                names.append(team.name)
        return names


def _public(photo):
    return photo if photo and photo.is_public and photo.is_ready else None


def _aggregates(queryset, *keys):
    race = Q(session__kind=SessionKind.RACE)
    classified = race & Q(status=Result.Status.CLASSIFIED)
    return queryset.values(*keys).annotate(
        starts=Count("pk", filter=race & Q(status__in=Result.STARTED)),
        wins=Count("pk", filter=classified & Q(position=1)),
        podiums=Count("pk", filter=classified & Q(position__lte=3)),
        best_finish=Min("position", filter=classified),
        points=Sum("points"),
    )


def _record(season, entry, row):
    record = SeasonRecord(season, entry)
    if row:
        record.starts, record.wins, record.podiums = (
            row["starts"],
            row["wins"],
            row["podiums"],
        )
        record.best_finish = row["best_finish"]
        record.points = row["points"] or Decimal(0)
    return record


def build_kit() -> Kit:
    """Everything on the kit's page and in its zip, in a fixed number of
    queries whatever the number of drivers and seasons."""
    photo_fields = (
        "gallery__event__season__series",
        "gallery__event__circuit",
        "licence",
    )
    drivers = list(
        Driver.objects.own()
        .select_related(*(f"portrait__{f}" for f in photo_fields))
        .prefetch_related("portrait__drivers")
    )
    entries = (
        Entry.objects.filter(driver__in=drivers)
        .select_related(
            "season__series", "team", "car", *(f"car_photo__{f}" for f in photo_fields)
        )
        .prefetch_related("car_photo__drivers")
        .order_by("-season__year", "season__series__name")
    )
    by_driver: dict[int, list[Entry]] = {}
    for entry in entries:
        by_driver.setdefault(entry.driver_id, []).append(entry)
    ours = Result.objects.filter(driver__in=drivers)
    per_driver = {
        (row["driver_id"], row["session__event__season_id"]): row
        for row in _aggregates(ours, "driver_id", "session__event__season_id")
    }
    sheets = []
    seasons = {}
    for driver in drivers:
        records = []
        for entry in by_driver.get(driver.pk, []):
            seasons[entry.season_id] = entry.season
            row = per_driver.get((driver.pk, entry.season_id))
            records.append(_record(entry.season, entry, row))
        car = next(
            (e.car_photo for e in by_driver.get(driver.pk, []) if e.car_photo), None
        )
        sheets.append(
            DriverSheet(driver, records, _public(driver.portrait), _public(car))
        )
    team_rows = {
        row["session__event__season_id"]: row
        for row in _aggregates(ours, "session__event__season_id")
    }
    team_records = [
        _record(season, None, team_rows.get(pk))
        for pk, season in sorted(
            seasons.items(), key=lambda item: (-item[1].year, str(item[1]))
        )
    ]
    kit = Kit(SiteSettings.current(), sheets, team_records)
    for sheet in sheets:
        slug = sheet.driver.slug
        if sheet.portrait:
            kit.photos.append((f"headshots/{slug}", sheet.portrait))
        if sheet.car_photo:
            kit.photos.append((f"cars/{slug}", sheet.car_photo))
    return kit


def fact_sheet(kit: Kit, language: str) -> str:
    with translation.override(language):
        return render_to_string("racing/press_kit_sheet.txt", {"kit": kit})


def logo_name(kit: Kit) -> str:
    return kit.site.logo.name if kit.site.logo else ""


def version(kit: Kit) -> str:
    parts = [fact_sheet(kit, code) for code, _name in settings.LANGUAGES]
    parts.append(logo_name(kit))
    parts += [
        f"{name}:{photo.pk}:{metadata.metadata_for(photo).fingerprint()}"
        for name, photo in kit.photos
    ]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:20]


def zip_name(kit: Kit) -> str:
    return f"{FOLDER}/{version(kit)}.zip"


def zip_filename(kit: Kit) -> str:
    day = timezone.localdate().isoformat()
    return f"{kit.site.short_name or 'team'}-press-kit-{day}.zip".replace(" ", "-")


def build_zip(*, kit: Kit | None = None) -> str:
    """Write the zip of the kit's current version (once) and drop older ones."""
    kit = kit or build_kit()
    name = zip_name(kit)
    files = storage()
    if not files.exists(name):
        with tempfile.TemporaryFile() as spool:
            _write_zip(kit, spool)
            spool.seek(0)
            files.save(name, File(spool))
    _remove_other_versions(files, keep=name)
    return name


def _write_zip(kit: Kit, target) -> None:
    written = []
    with zipfile.ZipFile(target, mode="w", compression=zipfile.ZIP_DEFLATED) as zf:
        for code, _name in settings.LANGUAGES:
            zf.writestr(f"fact-sheet-{code}.txt", fact_sheet(kit, code))
        for folder, photo in kit.photos:
            prepare_downloads(photo=photo)
            member = f"{folder}-{download_filename(photo, 'original')}"
            with photo.original.storage.open(photo.download_name("original")) as src:
                # Photos are compressed already: stored, not deflated again.
                zf.writestr(member, src.read(), compress_type=zipfile.ZIP_STORED)
            written.append((member, photo))
        credits = credits_text(written)
        if kit.site.logo:
            member = "logo/" + PurePosixPath(kit.site.logo.name).name
            with kit.site.logo.open("rb") as src:
                zf.writestr(member, src.read())
            credits += f"{member}\t{kit.site.name} logo\t{kit.site.name}\t"
            credits += "For editorial use about the team.\n"
        zf.writestr("CREDITS.txt", credits)


def _remove_other_versions(files, *, keep):
    try:
        _dirs, names = files.listdir(FOLDER)
    except FileNotFoundError:
        return
    for other in names:
        path = f"{FOLDER}/{other}"
        if path != keep and other.endswith(".zip"):
            files.delete(path)


def content_changed() -> None:
    """Something the kit shows was saved: on a worker that defers tasks,
    rebuild the zip a minute later (one build for a burst of saves)."""
    from racing.tasks import build_press_kit

    backend = build_press_kit.get_backend()
    if not backend.supports_defer:
        return  # development and tests: built on the first request instead
    try:
        first = cache.add("press-kit-build", 1, DEBOUNCE_SECONDS)
    except Exception:
        first = True
    if first:
        task = build_press_kit.using(
            run_after=timezone.now() + dt.timedelta(seconds=DEBOUNCE_SECONDS)
        )
        transaction.on_commit(task.enqueue)
