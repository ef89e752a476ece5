"""The forms of the session page: the session in track time, the results
grid judged as a whole, and the reclassification."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from racing.models import Result, Session
from racing.services.history import results_token
from racing.services.reclassification import Penalty
from racing.services.running_order import park_positions

from .fields import LapTimeField, TrackTimeField, track_time, track_time_to_aware
from .formsets import UniqueRowsFormSet


class SessionForm(forms.ModelForm):
    """Session times in the circuit's local time, as timetables print them."""

    starts_at = TrackTimeField(label=_("Starts at (track time)"), required=False)

    class Meta:
        model = Session
        fields = ["starts_at"]  # the admin names the rest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance.event if self.instance.event_id else None
        zone = event.circuit.zone if event else None
        self.initial["starts_at"] = track_time(self.instance.starts_at, zone)
        if event:
            self.fields["starts_at"].help_text = _(
                "Local time at %(circuit)s (%(zone)s)."
            ) % {"circuit": event.circuit.name, "zone": event.circuit.timezone}
        else:
            self.fields["starts_at"].help_text = _("Local time at the track.")

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is None and self.instance.event_id:
            event = self.instance.event
        cleaned["starts_at"] = track_time_to_aware(
            cleaned.get("starts_at"), event.circuit.zone if event else None
        )
        return cleaned


STALE_RESULTS = _(
    "These results changed since you opened the page (another editor, an "
    "import or a reclassification): nothing was saved. Reload the page to see "
    "them, then make your change again."
)


def seen_results_field():
    return forms.CharField(widget=forms.HiddenInput, required=False)


def results_unchanged_since(session_id, seen) -> bool:
    """Whether the session's results are as the editor saw them.

    The session's row is locked until the save commits (PostgreSQL; SQLite
    takes its write lock when the transaction starts), so a second editor
    waits here and then finds the results changed, instead of both writing.
    """
    list(Session.objects.select_for_update().filter(pk=session_id).values("pk"))
    return seen == results_token(session_id=session_id)


class SessionResultsForm(SessionForm):
    # The results as they were when the page was opened (optimistic locking).
    results_seen = seen_results_field()

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=100,
        help_text=_(
            "Needed once results are final, e.g. “Stewards' decision 12: #9 "
            "disqualified”. Kept in the results' history."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["results_seen"] = results_token(session_id=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not results_unchanged_since(
            self.instance.pk, cleaned.get("results_seen")
        ):
            raise ValidationError(STALE_RESULTS, code="stale")
        return cleaned


class ResultRowForm(forms.ModelForm):
    best_lap = LapTimeField(label=_("best lap"), required=False)

    class Meta:
        model = Result
        fields = ["best_lap"]  # the admin names the rest

    def validate_constraints(self):
        # Positions are judged on the whole grid by the formset, not row by row
        # against the order stored before this save: moving eleven cars up one
        # place is one valid save.
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions()
            )
        except ValidationError as error:
            kept = {
                field: [e for e in errors if e.code != "position_taken"]
                for field, errors in error.update_error_dict({}).items()
            }
            kept = {field: errors for field, errors in kept.items() if errors}
            if kept:
                self._update_errors(ValidationError(kept))


class ResultFormSet(UniqueRowsFormSet):
    unique_fields_in_rows = ("position",)

    def clean(self):
        super().clean()
        if not self.instance.pk or not self.has_changed():
            return
        stored = (
            Session.objects.filter(pk=self.instance.pk)
            .values_list("results_status", flat=True)
            .first()
        )
        final = stored in (Session.ResultsStatus.FINAL, Session.ResultsStatus.AMENDED)
        if final and not self.data.get("change_reason", "").strip():
            raise ValidationError(
                _(
                    "These results are final: give the reason for the change "
                    "(above the grid) before saving."
                )
            )

    def save(self, commit=True):
        moving = [
            form.instance
            for form in self.initial_forms
            if self._should_delete_form(form)
            or {"position", "status"} & set(form.changed_data)
        ]
        park_positions(moving)
        return super().save(commit)


class ReclassifyForm(forms.Form):
    result = forms.ModelChoiceField(label=_("Result"), queryset=Result.objects.none())
    penalty = forms.ChoiceField(
        label=_("Penalty"), choices=Penalty.choices, widget=forms.RadioSelect
    )
    seconds = forms.DecimalField(
        label=_("Seconds"),
        required=False,
        min_value=Decimal("0.001"),
        max_digits=7,
        decimal_places=3,
        help_text=_("For a time penalty, e.g. 5 or 30."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        help_text=_("e.g. “Stewards' decision 12: technical infringement”."),
    )

    results_seen = seen_results_field()

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["results_seen"] = results_token(session_id=session.pk)
        self.fields["result"].queryset = session.results.select_related(
            "driver"
        ).in_running_order()
        self.fields["result"].label_from_instance = lambda r: (
            f"{r.placing} – {r.driver.full_name}"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("penalty") == Penalty.TIME and not cleaned.get("seconds"):
            self.add_error("seconds", _("Give the penalty in seconds, e.g. 5."))
        return cleaned
