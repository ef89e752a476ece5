"""What the CSV imports share: reading a spreadsheet export, naming its
columns, reporting a row by its line, and recognising drivers by name the way
timing sheets and entry lists write them.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _


class SheetError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("Line %(line)s: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


def decode_sheet(data: bytes) -> str:
    if len(data) > settings.RACING_MAX_CSV_BYTES:
        raise SheetError(
            _("The file is larger than %(limit)s KB; a timing sheet is far smaller.")
            % {"limit": settings.RACING_MAX_CSV_BYTES // 1024}
        )
    if b"\x00" in data:
        raise SheetError(_("This is not a text file: export the sheet as CSV."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows still save CSV in this code page by default.
        return data.decode("cp1252", errors="replace")


def read_rows(text: str, dialect=csv.excel, **fmt) -> tuple[tuple, list]:
    """((header line, header), [(line, row), …]), blank rows left out, each
    with its line number in the file."""
    reader = csv.reader(io.StringIO(text), dialect, **fmt)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise SheetError(
            _("The file is not valid CSV: %(error)s") % {"error": error}
        ) from None
    rows = [(n, row) for n, row in rows if any(cell.strip() for cell in row)]
    if not rows:  # nothing, or only separators: ",,,"
        raise SheetError(_("The file is empty."))
    return rows[0], rows[1:]


def map_header(header: list[str], aliases: dict[str, set[str]]) -> dict[str, int]:
    """{column key: index} for the header's titles that name a known column."""
    columns = {}
    for index, title in enumerate(header):
        name = " ".join(title.lower().replace("_", " ").split()).strip(".")
        for key, names in aliases.items():
            if name in names and key not in columns:
                columns[key] = index
    return columns


def row_cells(rows, header: list[str], columns: dict[str, int]):
    """(line, {column key: text}) for each row; a row of another width than
    the header comes as (line, RowError) instead."""
    for line, row in rows:
        if len(row) != len(header):
            yield (
                line,
                RowError(
                    line,
                    _("expected %(want)s columns, found %(got)s.")
                    % {"want": len(header), "got": len(row)},
                ),
            )
        else:
            yield line, {name: row[index].strip() for name, index in columns.items()}


def is_number(value: str) -> bool:
    # str.isdigit() also accepts "²", which int() refuses.
    return value.isascii() and value.isdigit()


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(c).startswith("C") for c in text)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def same_name(driver, name: str) -> bool:
    # Timing sheets write "BÄCKMAN Andreas", "Andreas Backman", "A. Bäckman",
    # "BACKMAN A" or just "Bäckman".
    given = fold(name).replace(",", " ").split()
    first, last = fold(driver.first_name).split(), fold(driver.last_name).split()
    if sorted(given) == sorted(first + last) or given == last:
        return True
    initials = [t for t in given if len(t.rstrip(".")) == 1]
    rest = [t for t in given if t not in initials]
    return (
        len(initials) == 1
        and bool(first)
        and initials[0].rstrip(".") == first[0][0]
        and rest == last
    )


def split_name(name: str) -> tuple[str, str]:
    # "CORONEL Tom" and "Tom CORONEL": the word in capitals is the last name.
    words = name.split()
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words):
        first = " ".join(w for w in words if w not in upper)
        return first, " ".join(w.title() for w in upper)
    first, _sep, last = name.partition(" ")
    return first, last


def free_slug(model, name: str, fallback: str) -> str:
    base = slugify(name)[:110] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
