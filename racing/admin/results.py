from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from racing.models import Result
from racing.services.points import format_points, recompute_points

from .fields import LapTimeField


class ResultForm(forms.ModelForm):
    best_lap = LapTimeField(label=_("best lap"), required=False)
    time_penalty = LapTimeField(label=_("time penalty"), required=False)

    class Meta:
        model = Result
        fields = ["best_lap", "time_penalty"]  # the admin names the rest


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    form = ResultForm
    list_display = [
        "session",
        "placing",
        "driver",
        "status",
        "laps",
        "lap_time",
        "points_shown",
        "overridden",
    ]
    list_filter = [
        "session__event__season",
        "session__kind",
        "status",
        "driver__is_own",
    ]
    list_select_related = ["session__event", "driver"]
    search_fields = ["driver__first_name", "driver__last_name", "session__event__name"]
    autocomplete_fields = ["driver", "session"]
    readonly_fields = ["points_shown", "entry"]
    fields = [
        "session",
        "driver",
        ("status", "position", "grid"),
        ("laps", "best_lap", "gap", "fastest_lap"),
        "time_penalty",
        "entry",
        "points_shown",
        ("points_override", "override_reason"),
    ]

    @admin.display(description=_("position"), ordering="position")
    def placing(self, obj):
        return obj.placing

    @admin.display(description=_("best lap"), ordering="best_lap")
    def lap_time(self, obj):
        return LapTimeField().prepare_value(obj.best_lap) or ""

    @admin.display(description=_("points"), ordering="points")
    def points_shown(self, obj):
        return format_points(obj.points)

    @admin.display(description=_("override"), boolean=True)
    def overridden(self, obj):
        return obj.is_overridden

    def save_model(self, request, obj, form, change):
        obj._change_reason = obj.override_reason
        super().save_model(request, obj, form, change)
        recompute_points(
            session=obj.session, changed_by=request.user, reason=obj.override_reason
        )

    def _back_to_session(self, request, obj, response):
        # The press officer came from the session's grid: back there, unless
        # they asked to add another or keep editing.
        if {"_continue", "_addanother", "_saveasnew"} & set(request.POST):
            return response
        return redirect("admin:racing_session_change", obj.session_id)

    def response_change(self, request, obj):
        return self._back_to_session(
            request, obj, super().response_change(request, obj)
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_session(
            request, obj, super().response_add(request, obj, post_url_continue)
        )
