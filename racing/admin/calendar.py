from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from racing.models import Circuit, Event, Quote, Result, Session
from racing.services.points import recompute_points
from racing.services.timing import (
    TimingSheetError,
    apply_timing_import,
    decode_timing_sheet,
    plan_timing_import,
)

from .formsets import UniqueRowsFormSet


@admin.register(Circuit)
class CircuitAdmin(admin.ModelAdmin):
    list_display = ["name", "nickname", "country", "length_km", "timezone"]
    search_fields = ["name", "nickname", "location"]
    prepopulated_fields = {"slug": ["name"]}


class SessionInline(admin.TabularInline):
    model = Session
    # Conditions and the points scale are set on the session page (the link):
    # the season's default scale is picked by itself.
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


class ResultFormSet(UniqueRowsFormSet):
    unique_fields_in_rows = ("position",)


class ResultInline(admin.TabularInline):
    model = Result
    formset = ResultFormSet
    fields = [
        "position",
        "driver",
        "status",
        "grid",
        "laps",
        "best_lap",
        "gap",
        "fastest_lap",
        "points_link",
    ]
    # Stewards' penalties are rare: the override and its reason are one click
    # away on the result's own page, so a full grid fits on one screen.
    readonly_fields = ["points_link"]
    autocomplete_fields = ["driver"]
    extra = 3
    ordering = [F("position").asc(nulls_last=True), "status"]

    class Media:
        css = {"all": ["admin/racing/grids.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("driver")

    @admin.display(description=_("points"))
    def points_link(self, obj):
        if not obj.pk:
            return ""
        url = reverse("admin:racing_result_change", args=[obj.pk])
        label = _("%(points)s (overridden)") if obj.is_overridden else "%(points)s"
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            url,
            _("Override the points"),
            label % {"points": obj.points},
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # One line per driver: keep "add a driver" for a rival not stored yet,
        # drop the edit/delete/view icons under every row.
        driver = formset.form.base_fields["driver"].widget
        driver.can_change_related = driver.can_delete_related = False
        driver.can_view_related = False
        return formset


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = [("driver", "team_member"), "text", ("language", "is_published", "order")]
    autocomplete_fields = ["driver", "team_member"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["text"].widget.attrs["rows"] = 4
        return formset


class TimingSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Timing sheet (CSV)"),
        required=False,
        allow_empty_file=True,  # our own message says the file is empty
        help_text=_(
            "Columns with a header row: position, number or driver, laps, best lap, "
            "gap, status (CLA, DNF, DNS, DSQ, NC)."
        ),
    )
    text = forms.CharField(
        label=_("…or paste the sheet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        try:
            if upload:
                data["text"] = decode_timing_sheet(upload.read())
            elif data.get("text", "").strip():
                data["text"] = decode_timing_sheet(data["text"].encode())
            else:
                raise forms.ValidationError(_("Choose a CSV file or paste the sheet."))
        except TimingSheetError as error:
            raise forms.ValidationError(str(error)) from None
        return data


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "kind", "starts_at", "conditions", "result_count"]
    list_filter = ["kind", "event__season", "conditions"]
    list_select_related = ["event__season__series"]
    search_fields = ["name", "event__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["event"]
    fields = [
        "event",
        ("name", "kind", "order"),
        "starts_at",
        ("conditions", "weather"),
        "points_scale",
    ]
    inlines = [ResultInline, QuoteInline]
    change_form_template = "admin/racing/session/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(result_total=Count("results"))

    @admin.display(description=_("results"), ordering="result_total")
    def result_count(self, obj):
        return obj.result_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Always: a new kind can bring the season's default scale without the
        # scale field itself changing.
        recompute_points(session=form.instance)

    def get_urls(self):
        return [
            path(
                "<int:pk>/import-results/",
                self.admin_site.admin_view(self.import_results_view),
                name="racing_session_import_results",
            ),
            *super().get_urls(),
        ]

    def import_results_view(self, request, pk):
        session = get_object_or_404(
            Session.objects.select_related("event__season"), pk=pk
        )
        if not (
            self.has_change_permission(request, session)
            and request.user.has_perms(["racing.add_result", "racing.delete_result"])
        ):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": session,
            "title": _("Import results: %(session)s") % {"session": session},
        }
        # Bound on every POST, even an empty one, so "nothing chosen" is said.
        if request.method == "POST":
            form = TimingSheetForm(request.POST, request.FILES)
        else:
            form = TimingSheetForm()
        if request.method == "POST" and form.is_valid():
            try:
                plan = plan_timing_import(
                    session=session, text=form.cleaned_data["text"]
                )
            except TimingSheetError as error:
                form.add_error(None, str(error))
            else:
                if "confirm" in request.POST and plan.is_valid:
                    saved = apply_timing_import(plan=plan)
                    self.message_user(
                        request,
                        ngettext(
                            "Imported %(count)d result.",
                            "Imported %(count)d results.",
                            len(saved),
                        )
                        % {"count": len(saved)},
                        messages.SUCCESS,
                    )
                    return redirect("admin:racing_session_change", session.pk)
                context.update(plan=plan, sheet=form.cleaned_data["text"])
        context["form"] = form
        return TemplateResponse(
            request, "admin/racing/session/import_results.html", context
        )
