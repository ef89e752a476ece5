"""An iCalendar (RFC 5545) feed of a season's events and sessions.

Written by hand: a few lines of escaping and line folding do not need a
runtime dependency. Times are in UTC ("Z"), so no VTIMEZONE is needed.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from racing.models import Event, Season

# The timing sheets give a start time only; a calendar entry needs an end.
SESSION_LENGTH = dt.timedelta(hours=1)
PRODID = "-//Backman Racing//Race calendar//EN"


def escape_text(value: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space,
    never splitting a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = 75 if not parts else 74  # continuation lines start with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def season_calendar_ics(*, season: Season, events: Iterable[Event], host: str) -> str:
    """The calendar of a season: each weekend as an all-day entry, each timed
    session as its own entry. Events need `circuit` and `sessions` loaded."""
    host = host.split(":")[0] or "localhost"
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(season)}",
    ]
    for event in events:
        circuit = event.circuit
        location = ", ".join(
            part for part in (circuit.name, circuit.location, circuit.country) if part
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.start_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.end_date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.name)}",
            f"LOCATION:{escape_text(location)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
        for session in event.sessions.all():
            if session.starts_at is None:
                continue
            lines += [
                "BEGIN:VEVENT",
                f"UID:session-{session.pk}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{_utc(session.starts_at)}",
                f"DTEND:{_utc(session.starts_at + SESSION_LENGTH)}",
                f"SUMMARY:{escape_text(f'{session.name} – {event.name}')}",
                f"LOCATION:{escape_text(location)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
