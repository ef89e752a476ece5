from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from racing.models import Classification, PointsScale, Season, Series
from racing.services.entries import copy_entries, previous_season
from racing.services.entry_list import apply_entry_list, plan_entry_list
from racing.services.points import apply_points_scale, recompute_season

from .formsets import UniqueRowsFormSet
from .tools import SheetForm, sheet_import, tool_context


class PointsListField(forms.CharField):
    """Edits a list of points as "25, 20, 16" instead of raw JSON."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(p) for p in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value.strip():
            return []
        try:
            points = [
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            ]
        except ValueError:
            raise forms.ValidationError(
                _("Write whole numbers separated by commas, e.g. 25, 20, 16.")
            ) from None
        if any(p < 0 for p in points):
            raise forms.ValidationError(_("Points cannot be negative."))
        return points


class PointsScaleForm(forms.ModelForm):
    points = PointsListField(
        label=_("Points by position"),
        required=False,
        help_text=_("Points for 1st, 2nd, 3rd… separated by commas."),
        widget=forms.TextInput(attrs={"size": 40}),
    )

    class Meta:
        model = PointsScale
        fields = [
            "classification",
            "name",
            "default_for_sessions",
            "default_for",
            "points",
            "fastest_lap_points",
        ]


class PointsScaleFormSet(UniqueRowsFormSet):
    unique_fields_in_rows = ("default_for",)


class PointsScaleInline(admin.TabularInline):
    model = PointsScale
    form = PointsScaleForm
    formset = PointsScaleFormSet
    extra = 0

    class Media:
        css = {"all": ["admin/racing/grids.css"]}


class ClassificationInline(admin.TabularInline):
    model = Classification
    fields = ["name", "slug", "order", "is_main", "open_to_all", "points_by"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0

    class Media:
        css = {"all": ["admin/racing/grids.css"]}


class EntryListForm(SheetForm):
    """The timing-sheet upload (file or paste, same checks) worded for entries."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Entry list (CSV)")
        self.fields["file"].help_text = _(
            "Columns with a header row: driver, number, team, car, nationality "
            "(e.g. SE), classes (several separated by | or /; “guest” for a "
            "wildcard), guest (yes or no). Columns left out keep what is stored."
        )
        self.fields["text"].label = _("…or paste the list")


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "series", "year"]
    list_filter = ["series"]
    search_fields = ["name", "series__name", "year"]
    inlines = [ClassificationInline]
    actions = ["copy_previous_entries"]
    change_form_template = "admin/racing/season/change_form.html"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        season = form.instance
        if not season.classifications.filter(is_main=True).exists():
            # Every season has the drivers' championship; scales hang on it.
            Classification.objects.create(
                season=season, name=_("Drivers"), slug="drivers", is_main=True
            )
        if change and any(f.has_changed() for f in formsets):
            recompute_season(season=season, changed_by=request.user)

    def has_copy_entries_permission(self, request):
        return self.has_change_permission(request) and request.user.has_perm(
            "racing.add_entry"
        )

    @admin.action(
        description=_("Copy entries from the previous season"),
        permissions=["copy_entries"],
    )
    def copy_previous_entries(self, request, queryset):
        for season in queryset.select_related("series").order_by("year"):
            previous = previous_season(season=season)
            if previous is None:
                self.message_user(
                    request,
                    _("%(season)s has no previous season to copy entries from.")
                    % {"season": season},
                    messages.WARNING,
                )
                continue
            copied = copy_entries(
                season=season, from_season=previous, changed_by=request.user
            )
            self.message_user(
                request,
                ngettext(
                    "Copied %(count)d entry from %(previous)s into %(season)s.",
                    "Copied %(count)d entries from %(previous)s into %(season)s.",
                    len(copied),
                )
                % {"count": len(copied), "previous": previous, "season": season},
                messages.SUCCESS,
            )
            if copied.skipped:
                self.message_user(
                    request,
                    _("Skipped: %(reasons)s") % {"reasons": " ".join(copied.skipped)},
                    messages.WARNING,
                )

    def get_urls(self):
        return [
            path(
                "<int:pk>/import-entries/",
                self.admin_site.admin_view(self.import_entries_view),
                name="racing_season_import_entries",
            ),
            *super().get_urls(),
        ]

    def import_entries_view(self, request, pk):
        season = get_object_or_404(Season.objects.select_related("series"), pk=pk)
        if not (
            self.has_change_permission(request, season)
            and request.user.has_perms(["racing.add_entry", "racing.change_entry"])
        ):
            raise PermissionDenied
        context = tool_context(
            self,
            request,
            season,
            _("Import entry list: %(season)s") % {"season": season},
        )
        context["classifications"] = [c.name for c in season.classifications.all()]

        def apply(plan):
            actions = Counter(row.action for row in plan.rows)
            apply_entry_list(plan=plan, changed_by=request.user)
            self.message_user(
                request,
                _(
                    "Saved the entry list of %(season)s: %(new)s new, "
                    "%(changed)s changed, %(same)s unchanged."
                )
                % {
                    "season": season,
                    "new": actions["new-driver"] + actions["new-entry"],
                    "changed": actions["change"],
                    "same": actions["same"],
                },
                messages.SUCCESS,
            )
            entries = reverse("admin:racing_entry_changelist")
            return redirect(f"{entries}?season__id__exact={season.pk}")

        return sheet_import(
            request,
            context=context,
            form_class=EntryListForm,
            plan=lambda text: plan_entry_list(season=season, text=text),
            apply=apply,
            template="admin/racing/season/import_entries.html",
        )


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    list_display = ["name", "season", "is_main", "open_to_all", "points_by"]
    list_filter = ["season"]
    list_select_related = ["season__series"]
    search_fields = ["name", "season__series__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["season"]
    inlines = [PointsScaleInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed() or any(f.has_changed() for f in formsets):
            recompute_season(season=form.instance.season, changed_by=request.user)


@admin.register(PointsScale)
class PointsScaleAdmin(admin.ModelAdmin):
    form = PointsScaleForm
    list_display = [
        "name",
        "classification",
        "default_for_sessions",
        "default_for",
        "points_list",
        "fastest_lap_points",
    ]
    list_filter = ["classification__season", "default_for"]
    list_select_related = ["classification__season__series"]
    search_fields = ["name", "classification__name"]
    autocomplete_fields = ["classification"]

    @admin.display(description=_("points"))
    def points_list(self, obj):
        return ", ".join(str(p) for p in obj.points)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            apply_points_scale(scale=obj, changed_by=request.user)
