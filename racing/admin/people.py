from django.contrib import admin

from racing.models import Car, Driver, Entry, Team, TeamMember
from racing.services.points import recompute_season

ELIGIBILITY = {"is_guest", "classifications"}


class EntryInline(admin.TabularInline):
    model = Entry
    fields = [
        "season",
        "number",
        "team",
        "car",
        "car_photo",
        "is_guest",
        "classifications",
    ]
    extra = 0
    autocomplete_fields = ["team", "car", "season", "classifications", "car_photo"]


@admin.register(Driver)
class DriverAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nationality", "is_own"]
    list_filter = ["is_own", "nationality"]
    search_fields = ["first_name", "last_name", "entries__number"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    autocomplete_fields = ["portrait"]
    inlines = [EntryInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for entry, changed in formset.changed_objects:
                if ELIGIBILITY & set(changed):
                    recompute_season(season=entry.season, changed_by=request.user)


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "is_own"]
    list_filter = ["is_own"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamMemberInline]


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "team"]
    search_fields = ["name", "role"]
    list_select_related = ["team"]


@admin.register(Car)
class CarAdmin(admin.ModelAdmin):
    list_display = ["manufacturer", "model"]
    search_fields = ["manufacturer", "model"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["number", "driver", "team", "car", "season", "is_guest"]
    list_filter = ["season", "team", "is_guest", "classifications"]
    search_fields = ["driver__first_name", "driver__last_name", "number"]
    autocomplete_fields = [
        "driver",
        "team",
        "car",
        "season",
        "classifications",
        "car_photo",
    ]
    list_select_related = ["driver", "team", "car", "season__series"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A guest, or a car moved into a class, changes everybody's points.
        if not change or ELIGIBILITY & set(form.changed_data):
            recompute_season(season=form.instance.season, changed_by=request.user)
