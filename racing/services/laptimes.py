"""Lap times and gaps as timing sheets write them: 8:52.123, +1.234, +1 lap."""

import re
from datetime import timedelta

from django.utils.translation import gettext as _

LAP_TIME = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,4})(?:[.,](\d{1,3}))?$")
GAP_TIME = re.compile(r"^\+?\s*((?:\d+:)?\d{1,4}(?:[.,]\d{1,3})?)\s*s?$")


def parse_lap_time(value: str) -> timedelta | None:
    if not value:
        return None
    match = LAP_TIME.match(value.replace(" ", ""))
    if not match:
        raise ValueError(
            _("“%(value)s” is not a lap time (use m:ss.fff, e.g. 8:52.123).")
            % {"value": value}
        )
    hours, minutes, seconds, fraction = match.groups()
    if minutes is not None and int(seconds) >= 60:
        raise ValueError(_("“%(value)s” has more than 59 seconds.") % {"value": value})
    return timedelta(
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds),
        milliseconds=int((fraction or "0").ljust(3, "0")),
    )


def format_lap_time(value: timedelta | None) -> str:
    """8:52.123, as timing sheets write it (and parse_lap_time reads it)."""
    if value is None:
        return ""
    millis = round(value.total_seconds() * 1000)
    minutes, millis = divmod(millis, 60_000)
    hours, minutes = divmod(minutes, 60)
    seconds, millis = divmod(millis, 1000)
    text = f"{minutes}:{seconds:02d}.{millis:03d}"
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}" if hours else text


def parse_gap(value: str) -> timedelta | None:
    """The time behind the leader in a gap: "+1.234" or "+1:02.5"; None for
    "+1 lap", an empty gap (the leader) or anything else."""
    match = GAP_TIME.match((value or "").strip())
    if not match:
        return None
    try:
        return parse_lap_time(match[1].replace(" ", ""))
    except ValueError:
        return None


def format_gap(value: timedelta) -> str:
    """+1.234 under a minute, +1:02.500 past one, as sheets print gaps."""
    millis = round(value.total_seconds() * 1000)
    if millis < 60_000:
        seconds, millis = divmod(millis, 1000)
        return f"+{seconds}.{millis:03d}"
    return "+" + format_lap_time(value)
