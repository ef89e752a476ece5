"""Import a season's entry list from CSV.

Two steps like the timing-sheet import, whose reading and name-matching helpers
this reuses: `plan_entry_list` reads and checks every row and compares it with
the season's entries; `apply_entry_list` saves a valid plan atomically. Columns
the sheet has replace what is stored (an empty cell too); columns it lacks leave
an existing entry's values alone. Entries not on the sheet are kept.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from racing.models import Car, Classification, Driver, Entry, Season, Team
from racing.services.entries import link_results
from racing.services.points import recompute_season
from racing.services.sheets import (
    RowError,
    SheetError,
    fold,
    free_slug,
    has_control_characters,
    is_number,
    map_header,
    read_rows,
    row_cells,
    same_name,
    split_name,
)

HEADER_ALIASES = {
    "number": {"number", "no", "nr", "#", "num", "car no", "car number"},
    "driver": {"driver", "name", "driver name"},
    "team": {"team", "entrant", "team name"},
    "car": {"car", "car model", "vehicle"},
    "nationality": {"nationality", "nat", "country"},
    "classes": {"classes", "class", "classification", "classifications", "eligibility"},
    "guest": {"guest", "wildcard"},
}
COLUMN_LABELS = {
    "number": gettext_lazy("number"),
    "driver": gettext_lazy("driver"),
    "team": gettext_lazy("team"),
    "car": gettext_lazy("car"),
    "nationality": gettext_lazy("nationality"),
    "classes": gettext_lazy("classes"),
    "guest": gettext_lazy("guest"),
}
# The model fields' lengths; the car is a make (80) and a model (120).
MAX_LENGTH = {"driver": 160, "team": 120, "car": 201}
MAX_CELL = 200
MAX_CAR_NUMBER = 999
YES = {"yes", "true", "1", "x"}
NO = {"", "no", "false", "0"}
GUEST_WORDS = {"guest", "wildcard"}
REASON = "Entry list import"


@dataclass
class PlannedEntry:
    line: int
    driver: Driver | None  # None: a new rival, created when the plan is applied
    driver_name: str
    nationality: str = ""
    number: int | None = None
    team: Team | None = None
    team_name: str = ""  # with no team: a new one, created when applied
    car: Car | None = None
    car_name: str = ""
    is_guest: bool = False
    classes: list[Classification] = field(default_factory=list)
    existing: Entry | None = None

    @property
    def display_name(self) -> str:
        if self.driver is not None:
            return self.driver.full_name
        return " ".join(split_name(self.driver_name))

    @property
    def is_new_team(self) -> bool:
        return self.team is None and bool(self.team_name)

    @property
    def is_new_car(self) -> bool:
        return self.car is None and bool(self.car_name)

    @property
    def fills_nationality(self) -> bool:
        return bool(self.driver and self.nationality and not self.driver.nationality)

    @property
    def changes(self) -> list[str]:
        entry = self.existing
        if entry is None:
            return []
        stored_classes = {c.pk for c in entry.classifications.all()}
        changed = {
            "number": entry.number != self.number,
            "team": self.is_new_team or entry.team_id != _pk(self.team),
            "car": self.is_new_car or entry.car_id != _pk(self.car),
            "is_guest": entry.is_guest != self.is_guest,
            "classifications": stored_classes != {c.pk for c in self.classes},
        }
        return [name for name, differs in changed.items() if differs]

    @property
    def change_labels(self) -> list[str]:
        labels = [
            str(Entry._meta.get_field(name).verbose_name) for name in self.changes
        ]
        if self.fills_nationality:
            labels.append(str(Driver._meta.get_field("nationality").verbose_name))
        return labels

    @property
    def action(self) -> str:
        if self.driver is None:
            return "new-driver"
        if self.existing is None:
            return "new-entry"
        return "change" if self.change_labels else "same"


@dataclass
class EntryListPlan:
    season: Season
    rows: list[PlannedEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    kept: list[Entry] = field(default_factory=list)  # entries not on the sheet

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)


@dataclass
class _Stored:
    """What the database holds, loaded once for the whole sheet."""

    classes: list[Classification]
    entries: dict[int, Entry]  # the season's, by driver id
    drivers: list[Driver]
    teams: dict[str, Team]  # by folded name
    cars: dict[str, Car]  # by folded "make model"

    @classmethod
    def load(cls, season: Season) -> "_Stored":
        entries = season.entries.select_related("driver", "team", "car")
        return cls(
            classes=list(season.classifications.all()),
            entries={
                e.driver_id: e for e in entries.prefetch_related("classifications")
            },
            drivers=list(Driver.objects.all()),
            teams={fold(team.name): team for team in Team.objects.all()},
            cars={fold(" ".join(str(car).split())): car for car in Car.objects.all()},
        )


def plan_entry_list(*, season: Season, text: str) -> EntryListPlan:
    plan = EntryListPlan(season=season)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise SheetError(_("The file is empty."))
    # The header names columns and holds no quotes: its commonest separator is
    # the sheet's (a "|" between classes is never one).
    delimiter = max(",;\t", key=lines[0].count)
    (header_line, header), rows = read_rows(text, delimiter=delimiter)
    columns = map_header(header, HEADER_ALIASES)
    if "driver" not in columns:
        raise SheetError(
            _(
                "Line %(line)s: the first row must name the columns, with at least "
                "a driver column (found: %(found)s)."
            )
            % {"line": header_line, "found": ", ".join(header)[:MAX_CELL]}
        )
    stored = _Stored.load(season)
    seen_drivers: dict[object, int] = {}
    seen_numbers: dict[int, int] = {}
    for line, cells in row_cells(rows, header, columns):
        if isinstance(cells, RowError):
            plan.errors.append(cells)
            continue
        try:
            planned = _plan_row(line, cells, stored)
            _check_unique(planned, seen_drivers, seen_numbers)
        except ValueError as error:
            plan.errors.append(RowError(line, str(error)))
            continue
        plan.rows.append(planned)
    if not rows:
        plan.errors.append(
            RowError(header_line, _("the sheet has a header but no entries."))
        )
    _check_numbers_held(plan, stored)
    on_sheet = {row.driver.pk for row in plan.rows if row.driver}
    plan.kept = [e for pk, e in stored.entries.items() if pk not in on_sheet]
    plan.errors.sort(key=lambda error: error.line)
    return plan


@transaction.atomic
def apply_entry_list(*, plan: EntryListPlan, changed_by=None) -> list[Entry]:
    """Save the sheet's entries and recompute the season's points.

    Returns the entries on the sheet, unchanged ones included.
    """
    if not plan.is_valid:
        raise ValueError("Only a valid plan can be applied.")
    actions = [row.action for row in plan.rows]
    # Numbers that move are freed first, so two drivers may swap theirs.
    moving = [row.existing.pk for row in plan.rows if "number" in row.changes]
    Entry.objects.filter(pk__in=moving).update(number=None)
    new_teams: dict[str, Team] = {}
    new_cars: dict[str, Car] = {}
    saved = []
    for row, action in zip(plan.rows, actions, strict=True):
        if action == "same":
            saved.append(row.existing)
            continue
        driver = row.driver or _create_driver(row.driver_name, row.nationality)
        if row.fills_nationality:
            driver.nationality = row.nationality
            driver.save(update_fields=["nationality"])
        entry = row.existing or Entry(season=plan.season, driver=driver)
        entry.number = row.number
        entry.team = row.team or _new_team(row.team_name, new_teams)
        entry.car = row.car or _new_car(row.car_name, new_cars)
        entry.is_guest = row.is_guest
        entry.save()
        entry.classifications.set(row.classes)
        if row.existing is None:
            link_results(entry)
        saved.append(entry)
    recompute_season(season=plan.season, changed_by=changed_by, reason=REASON)
    return saved


def _plan_row(line: int, cells: dict[str, str], stored: _Stored) -> PlannedEntry:
    for column, text in cells.items():
        if has_control_characters(text):
            raise ValueError(
                _("the %(column)s holds control characters.")
                % {"column": COLUMN_LABELS[column]}
            )
        limit = MAX_LENGTH.get(column, MAX_CELL)
        if len(text) > limit:
            raise ValueError(
                _("the %(column)s is longer than %(limit)s characters.")
                % {"column": COLUMN_LABELS[column], "limit": limit}
            )
    name = " ".join(cells["driver"].split())
    driver = _match_driver(name, stored)
    row = PlannedEntry(
        line=line,
        driver=driver,
        driver_name=name,
        nationality=_nationality(cells.get("nationality", "")),
        number=_car_number(cells.get("number", "")),
        existing=stored.entries.get(driver.pk) if driver else None,
    )
    row.team_name = " ".join(cells.get("team", "").split())
    row.team = stored.teams.get(fold(row.team_name)) if row.team_name else None
    row.team_name = row.team.name if row.team else row.team_name
    row.car_name = " ".join(cells.get("car", "").split())
    row.car = stored.cars.get(fold(row.car_name)) if row.car_name else None
    row.car_name = str(row.car) if row.car else row.car_name
    if row.is_new_car:
        make, _sep, model = row.car_name.partition(" ")
        if not model:
            raise ValueError(
                _("give the car as make and model, e.g. Hyundai Elantra N TCR.")
            )
        if len(make) > 80 or len(model) > 120:
            raise ValueError(_("the car's make or model is too long."))
    row.is_guest, row.classes = _eligibility(
        cells.get("guest", ""), cells.get("classes", ""), stored.classes
    )
    _keep_what_the_sheet_lacks(row, cells)
    return row


def _match_driver(name: str, stored: _Stored) -> Driver | None:
    if not name:
        raise ValueError(_("the driver is missing."))
    matches = [d for d in stored.drivers if same_name(d, name)]
    if len(matches) > 1:
        entered = [d for d in matches if d.pk in stored.entries]
        if len(entered) == 1:
            return entered[0]
        raise ValueError(
            _("“%(name)s” matches several drivers (%(drivers)s); write the full name.")
            % {"name": name, "drivers": ", ".join(d.full_name for d in matches)}
        )
    if matches:
        return matches[0]
    if len(name.split()) < 2:
        raise ValueError(
            _("no driver “%(name)s”; give first and last name to add a new driver.")
            % {"name": name}
        )
    if any(len(part) > 80 for part in split_name(name)):
        raise ValueError(_("the driver's first or last name is too long."))
    return None


def _nationality(cell: str) -> str:
    code = cell.upper()
    if code and not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise ValueError(
            _("“%(value)s” is not a two-letter country code, e.g. SE.")
            % {"value": cell}
        )
    return code


def _car_number(cell: str) -> int | None:
    digits = cell.lstrip("#")
    if not cell:
        return None
    if not is_number(digits) or int(digits) > MAX_CAR_NUMBER:
        raise ValueError(
            _("“%(value)s” is not a car number (0 to %(max)s).")
            % {"value": cell, "max": MAX_CAR_NUMBER}
        )
    return int(digits)


def _eligibility(guest_cell, classes_cell, season_classes):
    """(is_guest, classes to store) from the guest and classes cells."""
    if guest_cell.casefold() not in YES | NO:
        raise ValueError(
            _("“%(value)s” in the guest column is not yes or no.")
            % {"value": guest_cell}
        )
    is_guest = guest_cell.casefold() in YES
    named, unknown = [], []
    for part in re.split(r"[|/]", classes_cell):
        part = " ".join(part.split())
        if part.casefold() in GUEST_WORDS:
            is_guest = True
        elif part:
            found = _find_class(part, season_classes)
            if found is None:
                unknown.append(f"“{part}”")
            elif found not in named:
                named.append(found)
    if unknown:
        raise ValueError(
            _("unknown class %(names)s; this season has: %(classes)s.")
            % {
                "names": ", ".join(unknown),
                "classes": ", ".join(c.name for c in season_classes),
            }
        )
    if is_guest and named:
        raise ValueError(
            _("a guest is eligible for no class; remove %(classes)s or the guest mark.")
            % {"classes": ", ".join(c.name for c in named)}
        )
    # Classifications open to all admit every entry but guests: only classes
    # are stored on the entry.
    return is_guest, [c for c in named if not c.open_to_all]


def _find_class(text: str, season_classes):
    key = fold(text)
    by_name = [c for c in season_classes if fold(c.name) == key]
    by_slug = [c for c in season_classes if c.slug == text.casefold()]
    return (by_name or by_slug or [None])[0]


def _keep_what_the_sheet_lacks(row: PlannedEntry, cells: dict[str, str]) -> None:
    entry = row.existing
    if entry is None:
        return
    if "number" not in cells:
        row.number = entry.number
    if "team" not in cells:
        row.team, row.team_name = entry.team, getattr(entry.team, "name", "")
    if "car" not in cells:
        row.car, row.car_name = entry.car, str(entry.car or "")
    if "guest" not in cells and "classes" not in cells:
        row.is_guest = entry.is_guest
    if "classes" not in cells and not row.is_guest:
        row.classes = list(entry.classifications.all())


def _check_unique(row: PlannedEntry, seen_drivers, seen_numbers) -> None:
    key = (
        row.driver.pk if row.driver else " ".join(sorted(fold(row.driver_name).split()))
    )
    if key in seen_drivers:
        raise ValueError(
            _("%(driver)s is already on line %(other)s.")
            % {"driver": row.display_name, "other": seen_drivers[key]}
        )
    if row.number is not None and row.number in seen_numbers:
        raise ValueError(
            _("number %(number)s is already on line %(other)s.")
            % {"number": row.number, "other": seen_numbers[row.number]}
        )
    seen_drivers[key] = row.line
    if row.number is not None:
        seen_numbers[row.number] = row.line


def _check_numbers_held(plan: EntryListPlan, stored: _Stored) -> None:
    """A number held by another driver's entry is free only if the sheet gives
    that driver another number."""
    holders = {e.number: e for e in stored.entries.values() if e.number is not None}
    on_sheet = {row.driver.pk for row in plan.rows if row.driver}
    for row in list(plan.rows):
        holder = holders.get(row.number) if row.number is not None else None
        if holder is None or holder.driver_id in on_sheet | {_pk(row.driver)}:
            continue
        plan.rows.remove(row)
        plan.errors.append(
            RowError(
                row.line,
                _("number %(number)s is taken by %(driver)s this season.")
                % {"number": row.number, "driver": holder.driver.full_name},
            )
        )


def _create_driver(name: str, nationality: str) -> Driver:
    first, last = split_name(name)
    return Driver.objects.create(
        first_name=first,
        last_name=last,
        nationality=nationality,
        slug=free_slug(Driver, f"{first} {last}", "driver"),
    )


def _new_team(name: str, made: dict[str, Team]) -> Team | None:
    if not name:
        return None
    if fold(name) not in made:
        made[fold(name)] = Team.objects.create(
            name=name, slug=free_slug(Team, name, "team")
        )
    return made[fold(name)]


def _new_car(name: str, made: dict[str, Car]) -> Car | None:
    if not name:
        return None
    if fold(name) not in made:
        make, _sep, model = name.partition(" ")
        made[fold(name)] = Car.objects.create(manufacturer=make, model=model)
    return made[fold(name)]


def _pk(obj) -> int | None:
    return obj.pk if obj is not None else None
