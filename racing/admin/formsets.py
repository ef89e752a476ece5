"""Inline formsets that catch clashes between their own rows.

Django checks a conditional unique constraint (e.g. positions, which only
classified results have) against the database row by row, but not between two
rows of the same form: two new rows with the same position would reach the
database and fail with an IntegrityError. These formsets say it in words instead.
"""

from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet


class UniqueRowsFormSet(BaseInlineFormSet):
    #: Fields whose non-empty values must differ between the rows of the inline.
    unique_fields_in_rows: tuple[str, ...] = ()

    def clean(self):
        # Before Django's own check, which would say "Please correct the
        # duplicate data" for a constraint without a condition.
        for name in self.unique_fields_in_rows:
            seen = {}
            for form in self.forms:
                if not form.is_valid() or self._should_delete_form(form):
                    continue
                value = form.cleaned_data.get(name)
                if value in (None, ""):
                    continue
                if value in seen:
                    form.add_error(name, self._clash_message(name))
                else:
                    seen[value] = form
        super().clean()

    def _clash_message(self, name):
        for constraint in self.model._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and name in constraint.fields:
                return constraint.violation_error_message
        return self.get_unique_error_message([name])
