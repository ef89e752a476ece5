"""A season's entries made from another season's: copy them, and find the
season before."""

from django.db import transaction
from django.utils.translation import gettext as _

from racing.models import Entry, Result, Season
from racing.services.points import recompute_season

REASON = "Entries copied from the previous season"


class CopiedEntries(list[Entry]):
    """The entries made by `copy_entries`, and what it left out and why."""

    def __init__(self):
        super().__init__()
        self.skipped: list[str] = []


def previous_season(*, season: Season) -> Season | None:
    """The same series' season of the highest year before this one."""
    return (
        Season.objects.filter(series_id=season.series_id, year__lt=season.year)
        .order_by("-year")
        .first()
    )


@transaction.atomic
def copy_entries(
    *, season: Season, from_season: Season, changed_by=None
) -> CopiedEntries:
    """Copy `from_season`'s entries into `season`, with their classes by slug.

    A driver already entered in `season`, or whose number is taken there, is
    skipped; `skipped` on the returned list says who and why.
    """
    held = list(season.entries.select_related("driver"))
    entered = {entry.driver_id for entry in held}
    numbers = {entry.number: entry.driver for entry in held if entry.number is not None}
    classes = {c.slug: c for c in season.classifications.all()}
    copied = CopiedEntries()
    source = from_season.entries.select_related("driver").prefetch_related(
        "classifications"
    )
    for old in source:
        driver = old.driver.full_name
        if old.driver_id in entered:
            copied.skipped.append(
                _("%(driver)s already has an entry.") % {"driver": driver}
            )
            continue
        if old.number in numbers:
            copied.skipped.append(
                _("%(driver)s: number %(number)s is taken by %(holder)s.")
                % {
                    "driver": driver,
                    "number": old.number,
                    "holder": numbers[old.number],
                }
            )
            continue
        entry = Entry.objects.create(
            season=season,
            driver_id=old.driver_id,
            team_id=old.team_id,
            car_id=old.car_id,
            number=old.number,
            is_guest=old.is_guest,
        )
        link_results(entry)
        old_classes = list(old.classifications.all())
        entry.classifications.set(
            [classes[c.slug] for c in old_classes if c.slug in classes]
        )
        missing = [c.name for c in old_classes if c.slug not in classes]
        if missing:
            copied.skipped.append(
                _("%(driver)s: %(season)s has no class %(classes)s.")
                % {"driver": driver, "season": season, "classes": ", ".join(missing)}
            )
        copied.append(entry)
    if copied:
        recompute_season(season=season, changed_by=changed_by, reason=REASON)
    return copied


def link_results(entry: Entry) -> None:
    # Results name the driver's entry from when they were saved; results from
    # before the driver had one score by it from now on.
    Result.objects.filter(
        session__event__season_id=entry.season_id,
        driver_id=entry.driver_id,
        entry__isnull=True,
    ).update(entry=entry)
