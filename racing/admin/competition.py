from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from racing.models import Classification, PointsScale, Season, Series
from racing.services.points import apply_points_scale, recompute_season

from .formsets import UniqueRowsFormSet


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


class ClassificationInline(admin.TabularInline):
    model = Classification
    fields = ["name", "slug", "order", "is_main", "open_to_all", "points_by"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        season = form.instance
        if not season.classifications.exists():
            # Every season has the drivers' championship; scales hang on it.
            Classification.objects.create(
                season=season, name=_("Drivers"), slug="drivers", is_main=True
            )
        if change and any(f.has_changed() for f in formsets):
            recompute_season(season=season, changed_by=request.user)


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
