"""Import a session's results from a CSV timing sheet.

Two steps, so the press officer sees what will change before anything is saved:
`plan_timing_import` parses and validates every row and compares it with what is
stored; `apply_timing_import` saves a valid plan atomically. A plan with any bad
row cannot be applied: nothing is saved and every bad row is reported with its
line number and the reason.
"""

import csv
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from racing.models import Car, Driver, Entry, Result, Session, Team
from racing.services.laptimes import format_lap_time, parse_lap_time
from racing.services.points import recompute_points
from racing.services.running_order import park_positions
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
    "position": {
        "pos",
        "position",
        "p",
        "place",
        "pl",
        "plats",
        "rank",
        "classification",
    },
    "number": {
        "no",
        "nr",
        "number",
        "num",
        "#",
        "car",
        "car no",
        "car number",
        "startnr",
    },
    "driver": {"driver", "name", "driver name", "förare", "forare"},
    "laps": {"laps", "lap", "varv"},
    "best_lap": {"best lap", "best", "bestlap", "best_lap", "best time", "fastest lap"},
    "gap": {"gap", "diff", "interval", "behind", "gap to leader"},
    "status": {"status", "state", "result"},
    "grid": {"grid", "start", "grid position"},
    "team": {"team", "entrant", "competitor", "team name"},
    "car_model": {"vehicle", "car model", "make", "model", "brand"},
}
STATUS_ALIASES = {
    "": Result.Status.CLASSIFIED,
    "cla": Result.Status.CLASSIFIED,
    "classified": Result.Status.CLASSIFIED,
    "fin": Result.Status.CLASSIFIED,
    "finished": Result.Status.CLASSIFIED,
    "ok": Result.Status.CLASSIFIED,
    "dnf": Result.Status.DID_NOT_FINISH,
    "ret": Result.Status.DID_NOT_FINISH,
    "retired": Result.Status.DID_NOT_FINISH,
    "did not finish": Result.Status.DID_NOT_FINISH,
    "dns": Result.Status.DID_NOT_START,
    "did not start": Result.Status.DID_NOT_START,
    "wd": Result.Status.WITHDRAWN,
    "withdrawn": Result.Status.WITHDRAWN,
    "dsq": Result.Status.DISQUALIFIED,
    "dq": Result.Status.DISQUALIFIED,
    "disqualified": Result.Status.DISQUALIFIED,
    "exc": Result.Status.EXCLUDED,
    "ex": Result.Status.EXCLUDED,
    "excl": Result.Status.EXCLUDED,
    "excluded": Result.Status.EXCLUDED,
    "nc": Result.Status.NOT_CLASSIFIED,
    "not classified": Result.Status.NOT_CLASSIFIED,
}
COMPARED_FIELDS = ("status", "position", "laps", "best_lap", "gap", "grid")
# Far above any real grid or lap count, and below the database's small integers.
MAX_NUMBER = 9999


@dataclass
class PlannedRow:
    line: int
    driver: Driver | None  # None: a new rival, created when the plan is applied
    driver_name: str
    values: dict
    existing: Result | None = None
    # The sheet's number, team and car: a driver with no entry this season
    # gets one made from them.
    number: int | None = None
    team_name: str = ""
    car_name: str = ""
    needs_entry: bool = False

    @property
    def is_new_driver(self):
        return self.driver is None

    @property
    def changes(self) -> list[str]:
        if self.existing is None:
            return []
        return [
            name
            for name in COMPARED_FIELDS
            if getattr(self.existing, name) != self.values.get(name)
        ]

    @property
    def change_labels(self) -> list[str]:
        return [str(Result._meta.get_field(name).verbose_name) for name in self.changes]

    @property
    def best_lap_display(self) -> str:
        return format_lap_time(self.values.get("best_lap"))

    @property
    def action(self) -> str:
        if self.existing is None:
            return "add"
        return "change" if self.changes else "same"


@dataclass
class ImportPlan:
    session: Session
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    removed: list[Result] = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)


def plan_timing_import(*, session: Session, text: str) -> ImportPlan:
    plan = ImportPlan(session=session)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise SheetError(_("The file is empty."))
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    (header_line, header), rows = read_rows(text, dialect)
    columns = map_header(header, HEADER_ALIASES)
    if "position" not in columns and "status" not in columns:
        raise SheetError(
            _(
                "Line %(line)s: the first row must name the columns, with at least a "
                "position and a number or driver column (found: %(found)s)."
            )
            % {"line": header_line, "found": ", ".join(header)}
        )
    if "number" not in columns and "driver" not in columns:
        raise SheetError(
            _("Line %(line)s: the header needs a number or driver column.")
            % {"line": header_line}
        )

    existing = {r.driver_id: r for r in session.results.select_related("driver")}
    entries = {
        e.number: e.driver
        for e in Entry.objects.filter(
            season_id=session.event.season_id, number__isnull=False
        ).select_related("driver")
    }
    drivers = list(Driver.objects.all())
    seen_drivers: dict[object, int] = {}
    seen_positions: dict[int, int] = {}

    for line, cells in row_cells(rows, header, columns):
        if isinstance(cells, RowError):
            plan.errors.append(cells)
            continue
        try:
            planned = _plan_row(line, cells, entries, drivers)
        except ValueError as error:
            plan.errors.append(RowError(line, str(error)))
            continue
        key = planned.driver.pk if planned.driver else fold(planned.driver_name)
        if key in seen_drivers:
            plan.errors.append(
                RowError(
                    line,
                    _("%(driver)s is already on line %(other)s.")
                    % {"driver": planned.driver_name, "other": seen_drivers[key]},
                )
            )
            continue
        seen_drivers[key] = line
        position = planned.values["position"]
        if position is not None:
            if position in seen_positions:
                plan.errors.append(
                    RowError(
                        line,
                        _("position %(pos)s is already on line %(other)s.")
                        % {"pos": position, "other": seen_positions[position]},
                    )
                )
                continue
            seen_positions[position] = line
        planned.existing = existing.get(planned.driver.pk) if planned.driver else None
        plan.rows.append(planned)

    if not rows:
        plan.errors.append(
            RowError(header_line, _("the sheet has a header but no results."))
        )
    kept = {row.driver.pk for row in plan.rows if row.driver}
    plan.removed = [r for pk, r in existing.items() if pk not in kept]
    entered = set(
        Entry.objects.filter(season_id=session.event.season_id).values_list(
            "driver_id", flat=True
        )
    )
    for row in plan.rows:
        row.needs_entry = bool(row.number is not None or row.team_name) and (
            row.driver is None or row.driver.pk not in entered
        )
    return plan


@transaction.atomic
def apply_timing_import(*, plan: ImportPlan, changed_by=None) -> list[Result]:
    """Make the session's results the sheet's, in place.

    Results keep their point overrides and fastest-lap flags; results not on
    the sheet are removed; each change is kept in the results' history.
    """
    if not plan.is_valid:
        raise ValueError("Only a valid plan can be applied.")
    session = plan.session
    reason = "Timing sheet import"
    existing = {r.driver_id: r for r in session.results.all()}
    previous_status = session.results_status
    park_positions(existing.values())
    for result in plan.removed:
        result._change_reason, result._history_user = reason, changed_by
        existing.pop(result.driver_id).delete()
    saved = []
    for row in plan.rows:
        driver = row.driver or _create_rival(row.driver_name)
        if row.needs_entry:
            _create_entry(session, driver, row)
        result = existing.get(driver.pk) or Result(session=session, driver=driver)
        for name, value in row.values.items():
            setattr(result, name, value)
        # Positions were checked across the whole sheet, which replaces the
        # stored order; row by row they would clash with it.
        result.full_clean(
            exclude=["session", "driver", "entry"], validate_constraints=False
        )
        result._change_reason, result._history_user = reason, changed_by
        result.save()
        saved.append(result)
    if existing:
        session.record_amendment(
            previous_status=previous_status, when=timezone.now(), reason=reason
        )
    recompute_points(session=session, changed_by=changed_by, reason=reason)
    points = dict(session.results.values_list("pk", "points"))
    for result in saved:
        result.points = points[result.pk]
    return saved


def _plan_row(line, cells, entries, drivers) -> PlannedRow:
    position_cell = cells.get("position", "").rstrip(".")
    status_cell = cells.get("status", "").lower()
    position = None
    if is_number(position_cell):
        position = _whole(position_cell, _("position"))
        if position < 1:
            raise ValueError(_("position must be 1 or more."))
    elif position_cell:
        # Some sheets write the status in the position column: "DNF".
        if position_cell.lower() not in STATUS_ALIASES:
            raise ValueError(
                _("“%(value)s” is not a position.") % {"value": position_cell}
            )
        status_cell = status_cell or position_cell.lower()
    if status_cell not in STATUS_ALIASES:
        raise ValueError(
            _("unknown status “%(value)s” (use CLA, DNF, DNS, WD, DSQ, EXC or NC).")
            % {"value": status_cell}
        )
    status = STATUS_ALIASES[status_cell]
    if status == Result.Status.CLASSIFIED and position is None:
        raise ValueError(_("a classified driver needs a position."))
    if status != Result.Status.CLASSIFIED:
        position = None  # sheets often number retirements; the position is not theirs

    driver, name = _find_driver(
        cells.get("number", ""), cells.get("driver", ""), entries, drivers
    )
    values = {
        "status": status,
        "position": position,
        "laps": _whole(cells.get("laps", ""), _("laps")),
        "grid": _whole(cells.get("grid", ""), _("grid")),
        "best_lap": parse_lap_time(cells.get("best_lap", "")),
        "gap": cells.get("gap", ""),
    }
    if len(values["gap"]) > 30:
        raise ValueError(_("the gap is longer than 30 characters."))
    number = cells.get("number", "").lstrip("#")
    team_name, car_name = cells.get("team", ""), cells.get("car_model", "")
    for label, text in ((_("team"), team_name), (_("car"), car_name)):
        if len(text) > 120 or has_control_characters(text):
            raise ValueError(
                _("the %(label)s is too long or holds control characters.")
                % {"label": label}
            )
    return PlannedRow(
        line=line,
        driver=driver,
        driver_name=name,
        values=values,
        number=int(number) if is_number(number) else None,
        team_name=" ".join(team_name.split()),
        car_name=" ".join(car_name.split()),
    )


def _find_driver(number, name, entries, drivers):
    by_number = None
    if number:
        digits = number.lstrip("#")
        if not is_number(digits):
            raise ValueError(_("“%(value)s” is not a car number.") % {"value": number})
        by_number = entries.get(int(digits))
        if by_number is None and not name:
            raise ValueError(
                _(
                    "no driver has number %(number)s this season; add their entry "
                    "or a driver column."
                )
                % {"number": digits}
            )
    by_name = None
    if name:
        if len(name) > 160 or has_control_characters(name):
            raise ValueError(
                _("the driver name is too long or holds control characters.")
            )
        matches = [d for d in drivers if same_name(d, name)]
        if len(matches) > 1:
            raise ValueError(
                _("“%(name)s” matches several drivers; add the car number.")
                % {"name": name}
            )
        by_name = matches[0] if matches else None
    if by_number and by_name and by_number != by_name:
        raise ValueError(
            _("number %(number)s belongs to %(owner)s, not %(name)s.")
            % {"number": number, "owner": by_number, "name": name}
        )
    driver = by_number or by_name
    if driver is None and len(name.split()) < 2:
        raise ValueError(
            _("no driver “%(name)s”; give first and last name to add a new rival.")
            % {"name": name}
        )
    if driver is None and any(len(part) > 80 for part in split_name(name)):
        raise ValueError(_("the driver name is too long or holds control characters."))
    return driver, (driver.full_name if driver else " ".join(name.split()))


def _whole(value, label):
    if not value:
        return None
    if not is_number(value):
        raise ValueError(
            _("%(label)s must be a whole number, not “%(value)s”.")
            % {"label": label, "value": value}
        )
    if int(value) > MAX_NUMBER:
        raise ValueError(
            _("%(label)s %(value)s is too large.") % {"label": label, "value": value}
        )
    return int(value)


def _create_entry(session: Session, driver: Driver, row: PlannedRow) -> Entry:
    team = None
    if row.team_name:
        team = Team.objects.filter(name__iexact=row.team_name).first()
        if team is None:
            team = Team.objects.create(
                name=row.team_name, slug=free_slug(Team, row.team_name, "team")
            )
    car = None
    if row.car_name:
        make, _sep, model = row.car_name.partition(" ")
        car, _created = Car.objects.get_or_create(
            manufacturer__iexact=make,
            model__iexact=model,
            defaults={"manufacturer": make, "model": model},
        )
    return Entry.objects.create(
        season_id=session.event.season_id,
        driver=driver,
        number=row.number,
        team=team,
        car=car,
    )


def _create_rival(name: str) -> Driver:
    first, last = split_name(name)
    return Driver.objects.create(
        first_name=first, last_name=last, slug=free_slug(Driver, name, "driver")
    )
