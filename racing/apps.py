from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class RacingConfig(AppConfig):
    default = True  # the app's own config; the admin's is named in settings
    name = "racing"
    verbose_name = _("Racing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import pillow_heif

        from racing import signals  # noqa: F401  (connects the receivers)

        # Phone photos (HEIC, an iPhone's default): Pillow opens them as
        # "HEIF", upright (libheif applies the container's rotation and the
        # EXIF orientation reads 1). Thumbnails, depth maps and auxiliary
        # images inside the file are never used: not decoded.
        pillow_heif.register_heif_opener(
            thumbnails=False, depth_images=False, aux_images=False
        )


class PressRoomAdminConfig(admin_apps.AdminConfig):
    """The admin, with the press room's site as admin.site (two-factor sign-in)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "racing.admin_site.PressRoomAdminSite"
