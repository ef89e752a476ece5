"""Form fields for the race desk: lap times and session times as the press
officer reads them off a timing sheet or a timetable."""

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from racing.services.laptimes import format_lap_time, parse_lap_time


class LapTimeField(forms.Field):
    """1:11.200 in and out, never 00:01:11.200000."""

    widget = forms.TextInput(attrs={"placeholder": "m:ss.fff", "inputmode": "decimal"})

    def prepare_value(self, value):
        if isinstance(value, dt.timedelta):
            return format_lap_time(value)
        return value

    def to_python(self, value):
        value = (value or "").strip()
        try:
            return parse_lap_time(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class TrackTimeWidget(AdminSplitDateTime):
    template_name = "admin/racing/widgets/track_time.html"


class TrackTimeField(forms.SplitDateTimeField):
    """A date and time as the timetable prints it: at the track, naive.

    The form makes it aware in the circuit's time zone (`track_time_to_aware`);
    the stock field would read it in Stockholm time.
    """

    widget = TrackTimeWidget

    def compress(self, data_list):
        if not data_list:
            return None
        date, time = data_list
        if date in self.empty_values and time in self.empty_values:
            return None
        if date in self.empty_values or time in self.empty_values:
            raise forms.ValidationError(
                _("Give both the date and the time, or neither."), code="incomplete"
            )
        return dt.datetime.combine(date, time)


def track_time(value, zone):
    """An aware datetime as the naive wall time at the track."""
    if value is None or zone is None:
        return value
    return timezone.localtime(value, zone).replace(tzinfo=None)


def track_time_to_aware(value, zone):
    if value is None or timezone.is_aware(value):
        return value
    return value.replace(tzinfo=zone or timezone.get_current_timezone())
