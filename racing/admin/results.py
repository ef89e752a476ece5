from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from racing.models import Result


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = [
        "session",
        "placing",
        "driver",
        "status",
        "laps",
        "best_lap",
        "points",
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
    readonly_fields = ["points", "entry"]
    fields = [
        "session",
        "driver",
        ("status", "position", "grid"),
        ("laps", "best_lap", "gap", "fastest_lap"),
        "entry",
        "points",
        ("points_override", "override_reason"),
    ]

    @admin.display(description=_("position"), ordering="position")
    def placing(self, obj):
        return obj.placing

    @admin.display(description=_("override"), boolean=True)
    def overridden(self, obj):
        return obj.is_overridden
