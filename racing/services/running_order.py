"""Writing a session's running order when places move.

PostgreSQL checks unique positions when the transaction commits, so any order
of writes works. SQLite checks after every statement: a car moving up to P2
collides with the car still stored there. `park_positions` first moves the
rows about to change far out of the way, in one statement, so no intermediate
row collides.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import F

from racing.models import Result

# Above any real position; the parked rows are rewritten in the same transaction.
PARKING_OFFSET = 30_000


def park_positions(results: Iterable[Result]) -> None:
    if connection.features.supports_deferrable_unique_constraints:
        return
    pks = [result.pk for result in results if result.pk]
    if pks:
        Result.objects.filter(pk__in=pks, position__isnull=False).update(
            position=F("position") + PARKING_OFFSET
        )
