"""The newsroom in the press room: contacts, alert subscribers and what they
were sent, journalists and their embargoed links."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from racing.models import (
    Delivery,
    EmbargoGrant,
    EmbargoOpening,
    Journalist,
    PressContact,
    ReleaseAlert,
    Subscriber,
)


@admin.register(PressContact)
class PressContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "phone", "email", "languages", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "role", "email"]
    fields = [
        ("name", "role", "role_sv"),
        ("phone", "email"),
        "languages",
        ("order", "is_active"),
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site writes itself: the press officer reads them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "languages", "confirmed_at", "unsubscribed_at"]
    list_filter = [("unsubscribed_at", admin.EmptyFieldListFilter), "languages"]
    search_fields = ["email"]
    filter_horizontal = ["drivers"]
    readonly_fields = ["email", "confirmed_at", "unsubscribed_at", "created_at"]

    def has_add_permission(self, request):
        # Only the address's owner subscribes it, through the confirmation link.
        return False


@admin.register(ReleaseAlert)
class ReleaseAlertAdmin(ReadOnlyAdmin):
    list_display = ["report", "created_at", "done_at"]
    list_select_related = ["report"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["report", "subscriber", "status", "sent_at", "error"]
    list_filter = ["status"]
    list_select_related = ["report", "subscriber"]
    search_fields = ["subscriber__email", "report__title"]


class EmbargoGrantInline(admin.TabularInline):
    model = EmbargoGrant
    fields = ["story", "status", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = True
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "email", "language", "status", "requested_at"]
    list_filter = ["status", "language"]
    search_fields = ["name", "outlet", "email"]
    readonly_fields = ["requested_at", "decided_at"]
    fields = [
        ("name", "outlet"),
        ("email", "language"),
        "note",
        "status",
        ("requested_at", "decided_at"),
    ]
    inlines = [EmbargoGrantInline]
    actions = ["accredit", "refuse"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.decided_at = timezone.now()
        super().save_model(request, obj, form, change)
        if obj.status == Journalist.Status.ACCREDITED and "status" in (
            form.changed_data
        ):
            _send_scheduled(obj)

    @admin.action(
        description=_("Accredit selected journalists"), permissions=["change"]
    )
    def accredit(self, request, queryset):
        journalists = list(queryset.exclude(status=Journalist.Status.ACCREDITED))
        queryset.filter(pk__in=[j.pk for j in journalists]).update(
            status=Journalist.Status.ACCREDITED, decided_at=timezone.now()
        )
        for journalist in journalists:
            _send_scheduled(journalist)
        self.message_user(
            request,
            ngettext(
                "%(count)d journalist accredited: they receive embargoed links "
                "to scheduled reports.",
                "%(count)d journalists accredited: they receive embargoed links "
                "to scheduled reports.",
                len(journalists),
            )
            % {"count": len(journalists)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Refuse or withdraw accreditation of selected journalists"),
        permissions=["change"],
    )
    def refuse(self, request, queryset):
        updated = queryset.update(
            status=Journalist.Status.REFUSED, decided_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d journalist is not accredited: their links stop working.",
                "%(count)d journalists are not accredited: their links stop working.",
                updated,
            )
            % {"count": updated},
            messages.SUCCESS,
        )


def _send_scheduled(journalist):
    from racing.services import embargo

    embargo.send_scheduled_to(journalist=journalist)


class EmbargoOpeningInline(admin.TabularInline):
    model = EmbargoOpening
    fields = ["opened_at", "was_shown", "ip_address", "user_agent"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EmbargoGrant)
class EmbargoGrantAdmin(ReadOnlyAdmin):
    list_display = ["story", "journalist", "status", "sent_at", "openings_count"]
    list_filter = ["status"]
    list_select_related = ["story", "journalist"]
    search_fields = ["journalist__name", "journalist__outlet", "story__title"]
    fields = ["story", "journalist", "status", "sent_at", "error", "link"]
    readonly_fields = fields
    inlines = [EmbargoOpeningInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(opening_count=Count("openings"))

    def has_delete_permission(self, request, obj=None):
        return True  # deleting a link revokes it

    @admin.display(description=_("openings"), ordering="opening_count")
    def openings_count(self, obj):
        return obj.opening_count

    @admin.display(description=_("personal link"))
    def link(self, obj):
        from racing.services import embargo

        # To forward by hand when the mail did not arrive; opening it is logged.
        return embargo.link_url(obj)


@admin.register(EmbargoOpening)
class EmbargoOpeningAdmin(ReadOnlyAdmin):
    list_display = ["opened_at", "grant", "was_shown", "ip_address", "user_agent"]
    list_filter = ["was_shown"]
    list_select_related = ["grant__story", "grant__journalist"]
    date_hierarchy = "opened_at"

    def has_delete_permission(self, request, obj=None):
        return False
