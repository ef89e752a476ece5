from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from racing.admin.publishing import KeepPublishedMixin, set_published
from racing.models import Quote, RaceReport, ReportQuote
from racing.services import alerts, page_cache


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
        set_published(
            self,
            request,
            queryset,
            published=True,
            message=ngettext_lazy(
                "%(count)d quote published.", "%(count)d quotes published.", "count"
            ),
        )


class ReportQuoteFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        event_id = self.instance.event_id
        for form in self.forms:
            quote = form.cleaned_data.get("quote")
            if form.cleaned_data.get("DELETE") or quote is None or event_id is None:
                continue
            if quote.event_id != event_id:
                form.add_error("quote", _("Pick a quote from the report's event."))


class ReportQuoteInline(admin.TabularInline):
    model = ReportQuote
    formset = ReportQuoteFormSet
    autocomplete_fields = ["quote"]
    fields = ["order", "quote"]
    extra = 0
    verbose_name = _("embedded quote")
    verbose_name_plural = _(
        "embedded quotes: [[quote N]] on its own line in the body places quote N; "
        "quotes without a marker follow the body"
    )


class RaceReportForm(forms.ModelForm):
    class Meta:
        model = RaceReport
        fields = [
            "title",
            "slug",
            "event",
            "lead",
            "body",
            "status",
            "publish_at",
            "language",
            "translation_of",
            "sessions",
            "drivers",
            "show_results",
            "hero_photo",
        ]

    def clean(self):
        cleaned = super().clean()
        event, sessions = cleaned.get("event"), cleaned.get("sessions")
        if event and sessions:
            strays = [s.name for s in sessions if s.event_id != event.pk]
            if strays:
                self.add_error(
                    "sessions",
                    _("These sessions are not part of the report's event: %(names)s.")
                    % {"names": ", ".join(strays)},
                )
        status = cleaned.get("status")
        if status == RaceReport.Status.PUBLISHED and not cleaned.get("publish_at"):
            # "Published with no time: public at once", as the form says.
            cleaned["publish_at"] = timezone.now()
            self.instance.publish_at = cleaned["publish_at"]
        if status == RaceReport.Status.SCHEDULED and not cleaned.get("publish_at"):
            self.add_error(
                "publish_at", _("Give the date and time the report goes public.")
            )
        return cleaned


@admin.register(RaceReport)
class RaceReportAdmin(KeepPublishedMixin, admin.ModelAdmin):
    form = RaceReportForm
    inlines = [ReportQuoteInline]
    list_display = [
        "title",
        "event",
        "language",
        "visibility",
        "publish_at",
        "updated_at",
        "preview_link",
    ]
    list_filter = ["status", "language", "event__season", "event"]
    list_select_related = ["event__season__series"]
    search_fields = ["title", "lead", "body", "slug"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["event", "sessions", "drivers", "translation_of"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "author", "created_at", "updated_at"]
    actions = ["publish_now", "withdraw"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "event", "lead", "body", "preview_link"]},
        ),
        (
            _("Publishing"),
            {
                "fields": [("status", "publish_at")],
                "description": _(
                    "Scheduled: the report goes public by itself at the publish time "
                    "(Stockholm time). Published with no time: public at once."
                ),
            },
        ),
        (
            _("Language"),
            {"fields": [("language", "translation_of")]},
        ),
        (
            _("About"),
            {"fields": ["sessions", "drivers", "show_results", "hero_photo"]},
        ),
        (
            _("History"),
            {
                "fields": [("author", "created_at", "updated_at")],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_autocomplete_fields(self, request):
        # The photo picker searches once the galleries' Photo admin can search.
        photo = RaceReport._meta.get_field("hero_photo").related_model
        photo_admin = self.admin_site._registry.get(photo)
        if photo_admin is not None and photo_admin.search_fields:
            return [*self.autocomplete_fields, "hero_photo"]
        return self.autocomplete_fields

    def get_raw_id_fields(self, request):
        if "hero_photo" in self.get_autocomplete_fields(request):
            return []
        return ["hero_photo"]

    def public_reason(self, obj):
        if obj.status in (RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED):
            return _("“%(report)s” is public or scheduled: withdraw it first.") % {
                "report": obj
            }
        return None

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("visible"), ordering="status")
    def visibility(self, obj):
        if obj.is_public:
            return format_html("<strong>{}</strong>", _("Live"))
        if obj.status == RaceReport.Status.SCHEDULED:
            return _("Scheduled: %(when)s") % {
                "when": date_format(
                    timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT"
                )
            }
        return obj.get_status_display()

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the report to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("racing:report-preview", kwargs={"pk": obj.pk}),
            _("Preview"),
        )

    @admin.action(description=_("Publish selected reports now"), permissions=["change"])
    def publish_now(self, request, queryset):
        now = timezone.now().replace(microsecond=0)  # as RaceReport.save keeps it
        chosen = list(queryset.values_list("pk", flat=True))
        updated = queryset.update(
            status=RaceReport.Status.PUBLISHED, publish_at=now, updated_at=now
        )
        page_cache.bump("reports")
        # An update sends no post_save: tell the subscribers ourselves.
        alerts.note_reports(reports=RaceReport.objects.filter(pk__in=chosen))
        self.message_user(
            request,
            ngettext(
                "%(count)d report published.", "%(count)d reports published.", updated
            )
            % {"count": updated},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw selected reports"), permissions=["change"])
    def withdraw(self, request, queryset):
        updated = queryset.update(
            status=RaceReport.Status.WITHDRAWN, updated_at=timezone.now()
        )
        page_cache.bump("reports")
        self.message_user(
            request,
            ngettext(
                "%(count)d report withdrawn: it is no longer public.",
                "%(count)d reports withdrawn: they are no longer public.",
                updated,
            )
            % {"count": updated},
            messages.SUCCESS,
        )
