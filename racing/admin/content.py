from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from racing.models import Quote


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "speaker",
        "event",
        "session",
        "language",
        "is_published",
    ]
    list_filter = ["is_published", "language", "event__season", "event"]
    list_editable = ["is_published"]
    list_select_related = [
        "driver",
        "team_member",
        "event__season__series",
        "session__event",
    ]
    search_fields = [
        "text",
        "driver__first_name",
        "driver__last_name",
        "team_member__name",
    ]
    autocomplete_fields = ["driver", "team_member", "event", "session"]
    fields = [
        ("driver", "team_member"),
        ("event", "session"),
        "text",
        ("language", "is_published", "order"),
    ]
    actions = ["publish"]

    @admin.display(description=_("quote"))
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:77] + "…"

    @admin.display(description=_("speaker"))
    def speaker(self, obj):
        return obj.speaker_name

    @admin.action(description=_("Publish selected quotes"), permissions=["change"])
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        self.message_user(
            request, _("%(count)d quotes published.") % {"count": updated}
        )
