"""What the site asks of its database engine, beyond the ORM's defaults."""

import pytest
from django.db import connection

from racing.models import Event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements: PostgreSQL"
    ),
]


def prepared(statement_start):
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall() if statement_start in row[0]]


def test_a_query_a_connection_repeats_is_planned_once():
    for _ in range(6):
        list(Event.objects.filter(slug="a-weekend").order_by("start_date"))

    # The fifth run prepared it; its parameter is bound by the server ($1).
    [statement] = prepared('FROM "racing_event"')
    assert '"racing_event"."slug" = $1' in statement
