"""Constraints the database checks when the transaction commits, where it can."""

import copy

from django.db import models


class UniqueAtCommit(models.UniqueConstraint):
    """Unique once the transaction commits, not after every statement.

    A reclassification moves eleven cars up one place in one save; row by row,
    each move collides with the car still in that place. PostgreSQL defers the
    check to the commit. SQLite cannot defer a unique constraint, and Django
    would then create none at all: there this is an ordinary unique constraint,
    and writers move changed rows out of the way first
    (`racing.services.running_order.park_positions`).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("deferrable", models.Deferrable.DEFERRED)
        super().__init__(*args, **kwargs)

    def _on(self, connection):
        if connection.features.supports_deferrable_unique_constraints:
            return self
        immediate = copy.copy(self)
        immediate.deferrable = None
        return immediate

    def constraint_sql(self, model, schema_editor):
        return models.UniqueConstraint.constraint_sql(
            self._on(schema_editor.connection), model, schema_editor
        )

    def create_sql(self, model, schema_editor):
        return models.UniqueConstraint.create_sql(
            self._on(schema_editor.connection), model, schema_editor
        )

    def remove_sql(self, model, schema_editor):
        return models.UniqueConstraint.remove_sql(
            self._on(schema_editor.connection), model, schema_editor
        )

    def check(self, model, connection):
        # "SQLite does not support deferrable unique constraints": handled above.
        return [
            error
            for error in super().check(model, connection)
            if error.id != "models.W038"
        ]
