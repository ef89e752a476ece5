from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from racing.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list goes straight to its form."""

    fieldsets = [
        (None, {"fields": [("name", "short_name"), "tagline", "tagline_sv"]}),
        (None, {"fields": ["logo", "accent_colour"]}),
        (
            _("Social links"),
            {"fields": ["instagram", "facebook", "x", "youtube", "tiktok", "linkedin"]},
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        SiteSettings.current()  # the defaults until first saved
        return redirect(reverse("admin:racing_sitesettings_change", args=[1]))

    def get_object(self, request, object_id, from_field=None):
        return SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
