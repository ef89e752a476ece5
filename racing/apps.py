from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class RacingConfig(AppConfig):
    default = True  # the app's own config; the admin's is named in settings
    name = "racing"
    verbose_name = _("Racing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from racing import signals  # noqa: F401  (connects the receivers)


class PressRoomAdminConfig(admin_apps.AdminConfig):
    """The admin, with the press room's site as admin.site (two-factor sign-in)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "racing.admin_site.PressRoomAdminSite"
