from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from racing.models import Circuit, Event, Session
from racing.services.points import recompute_points

from .session_forms import SessionForm


@admin.register(Circuit)
class CircuitAdmin(admin.ModelAdmin):
    list_display = ["name", "nickname", "country", "length_km", "timezone"]
    search_fields = ["name", "nickname", "location"]
    prepopulated_fields = {"slug": ["name"]}


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionForm
    # Conditions and points are set on the session page (the link): the
    # season's default scales apply by themselves.
    fields = ["order", "name", "kind", "starts_at", "edit_link"]
    readonly_fields = ["edit_link"]
    extra = 0
    ordering = ["order"]

    class Media:
        css = {"all": ["admin/racing/grids.css"]}

    @admin.display(description=_("results"))
    def edit_link(self, obj):
        if not obj.pk:
            return ""
        url = reverse("admin:racing_session_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Results and quotes"))


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "round_number",
        "season",
        "circuit",
        "start_date",
        "end_date",
    ]
    list_filter = ["season", "circuit__country"]
    list_select_related = ["season__series", "circuit"]
    search_fields = ["name", "circuit__name", "circuit__nickname"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["circuit"]
    inlines = [SessionInline]
    ordering = ["-start_date"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A renamed session ("Race 2" to "Race 3") may pay on another scale.
        for formset in formsets:
            for session, changed in formset.changed_objects:
                if {"name", "kind"} & set(changed):
                    recompute_points(session=session, changed_by=request.user)
