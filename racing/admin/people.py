from django.contrib import admin

from racing.models import Car, Driver, Entry, Team, TeamMember


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    autocomplete_fields = ["team", "car", "season"]


@admin.register(Driver)
class DriverAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nationality", "is_own"]
    list_filter = ["is_own", "nationality"]
    search_fields = ["first_name", "last_name", "entries__number"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    inlines = [EntryInline]


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
    list_display = ["number", "driver", "team", "car", "season"]
    list_filter = ["season", "team"]
    search_fields = ["driver__first_name", "driver__last_name", "number"]
    autocomplete_fields = ["driver", "team", "car", "season"]
    list_select_related = ["driver", "team", "car", "season__series"]
