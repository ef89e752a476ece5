"""The session page: the press officer's race-day desk.

Results grid, quotes, CSV import, reclassification and the results' history,
all on one session. Times are typed in track time, lap times as on the sheet.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from racing.models import Quote, Result, Session
from racing.services.history import results_history
from racing.services.points import format_points, recompute_points
from racing.services.reclassification import (
    Penalty,
    ReclassificationError,
    apply_reclassification,
    plan_reclassification,
)
from racing.services.timing import apply_timing_import, plan_timing_import

from .session_forms import (
    STALE_RESULTS,
    ReclassifyForm,
    ResultFormSet,
    ResultRowForm,
    SessionResultsForm,
    results_unchanged_since,
)
from .tools import SheetForm, sheet_import, tool_context


class ResultInline(admin.TabularInline):
    model = Result
    form = ResultRowForm
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
            label % {"points": format_points(obj.points)},
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


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionResultsForm
    list_display = [
        "name",
        "event",
        "kind",
        "starts_at",
        "results_status",
        "result_count",
    ]
    list_filter = ["kind", "event__season", "results_status", "conditions"]
    list_select_related = ["event__season__series"]
    search_fields = ["name", "event__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["event"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "event",
                    ("name", "kind", "order"),
                    "starts_at",
                    ("conditions", "weather"),
                ]
            },
        ),
        (
            _("Points"),
            {
                "fields": [
                    ("pays_points", "points_factor", "is_cancelled"),
                    "points_scale",
                ],
                "description": _(
                    "Each classification pays on the season's default scale for "
                    "this session's name or kind."
                ),
            },
        ),
        (
            _("Results"),
            {"fields": [("results_status", "change_reason"), "results_seen"]},
        ),
    ]
    inlines = [ResultInline, QuoteInline]
    change_form_template = "admin/racing/session/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(result_total=Count("results"))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            # Only the scales of this session's season, named with their class.
            field = form.base_fields["points_scale"]
            field.queryset = field.queryset.filter(
                classification__season_id=obj.event.season_id
            ).select_related("classification__season__series")
        return form

    @admin.display(description=_("results"), ordering="result_total")
    def result_count(self, obj):
        return obj.result_total

    def save_formset(self, request, form, formset, change):
        if formset.model is Result:
            reason = form.cleaned_data.get("change_reason", "")
            for row in formset.forms:
                row.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        session = form.instance
        if change and any(f.model is Result and f.has_changed() for f in formsets):
            session.record_amendment(
                previous_status=form.initial.get("results_status"),
                when=timezone.now(),
                reason=form.cleaned_data.get("change_reason", ""),
            )
        # Always: a new name or kind can bring another default scale.
        recompute_points(
            session=session,
            changed_by=request.user,
            reason=form.cleaned_data.get("change_reason", ""),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/import-results/",
                self.admin_site.admin_view(self.import_results_view),
                name="racing_session_import_results",
            ),
            path(
                "<int:pk>/reclassify/",
                self.admin_site.admin_view(self.reclassify_view),
                name="racing_session_reclassify",
            ),
            path(
                "<int:pk>/results-history/",
                self.admin_site.admin_view(self.results_history_view),
                name="racing_session_results_history",
            ),
            *super().get_urls(),
        ]

    def results_history_view(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
        if not self.has_view_permission(request, session):
            raise PermissionDenied
        context = tool_context(
            self,
            request,
            session,
            _("Results history: %(session)s") % {"session": session},
        )
        context["changes"] = results_history(session=session)
        return TemplateResponse(
            request, "admin/racing/session/results_history.html", context
        )

    def reclassify_view(self, request, pk):
        session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
        if not (
            self.has_change_permission(request, session)
            and request.user.has_perm("racing.change_result")
        ):
            raise PermissionDenied
        context = tool_context(
            self, request, session, _("Reclassify: %(session)s") % {"session": session}
        )
        form = ReclassifyForm(
            request.POST if request.method == "POST" else None, session=session
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                plan = plan_reclassification(
                    session=session,
                    result_id=data["result"].pk,
                    penalty=data["penalty"],
                    seconds=data["seconds"],
                )
            except ReclassificationError as error:
                form.add_error(None, str(error))
            else:
                if "confirm" in request.POST and not results_unchanged_since(
                    session.pk, data["results_seen"]
                ):
                    # The preview was of results that have changed since.
                    form.add_error(None, STALE_RESULTS)
                elif "confirm" in request.POST:
                    apply_reclassification(
                        plan=plan, changed_by=request.user, reason=data["reason"]
                    )
                    self.message_user(
                        request,
                        _("%(driver)s: %(penalty)s. The new order is saved.")
                        % {
                            "driver": data["result"].driver.full_name,
                            "penalty": Penalty(data["penalty"]).label,
                        },
                        messages.SUCCESS,
                    )
                    return redirect("admin:racing_session_change", session.pk)
                context["plan"] = plan
        context["form"] = form
        return TemplateResponse(
            request, "admin/racing/session/reclassify.html", context
        )

    def import_results_view(self, request, pk):
        session = get_object_or_404(
            Session.objects.select_related("event__season"), pk=pk
        )
        if not (
            self.has_change_permission(request, session)
            and request.user.has_perms(["racing.add_result", "racing.delete_result"])
        ):
            raise PermissionDenied

        def apply(plan):
            saved = apply_timing_import(plan=plan, changed_by=request.user)
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

        return sheet_import(
            request,
            context=tool_context(
                self,
                request,
                session,
                _("Import results: %(session)s") % {"session": session},
            ),
            form_class=SheetForm,
            plan=lambda text: plan_timing_import(session=session, text=text),
            apply=apply,
            template="admin/racing/session/import_results.html",
        )
