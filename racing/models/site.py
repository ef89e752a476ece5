"""The team's look, set by the press officer: name, mark, colour, social links."""

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .localized import Localized

HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Give the colour as #rrggbb, e.g. #d4002a.")
)
CACHE_KEY = "site-settings"
MAX_LOGO_BYTES = 2 * 1024 * 1024


def validate_logo(value):
    """PNG or WebP only (no SVG: a script inside one would run on our domain
    when opened directly), and small: it is on every page."""
    if value.size > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is over 2 MB: export it smaller."))
    # forms.ImageField has opened the upload with Pillow and left it here.
    image = getattr(getattr(value, "file", None), "image", None)
    if image is not None and image.format not in ("PNG", "WEBP"):
        raise ValidationError(_("Upload the logo as PNG or WebP."), code="logo_type")


SOCIAL = [
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("x", "X"),
    ("youtube", "YouTube"),
    ("tiktok", "TikTok"),
    ("linkedin", "LinkedIn"),
]


class SiteSettings(models.Model):
    """One row: the brand every public page wears."""

    name = models.CharField(_("site name"), max_length=80, default="Bäckman Racing")
    short_name = models.CharField(
        _("short name"),
        max_length=24,
        default="Bäckman",
        help_text=_("For the mark and small screens, e.g. Bäckman."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=160,
        blank=True,
        default="Race reports, results and photos of Andreas and Jessica Bäckman.",
    )
    tagline_sv = models.CharField(
        _("tagline (Swedish)"),
        max_length=160,
        blank=True,
        default="Racerapporter, resultat och bilder av Andreas och Jessica Bäckman.",
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="brand/",
        blank=True,
        validators=[validate_logo],
        help_text=_(
            "PNG or WebP with a transparent background, at least 96 px high. "
            "Empty: the mark drawn from the short name."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#d4002a",
        validators=[HEX_COLOUR],
        help_text=_(
            "Buttons, highlights and our drivers' rows. Links use a shade of it "
            "dark or light enough to read."
        ),
    )
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    x = models.URLField(_("X (Twitter)"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    tiktok = models.URLField(_("TikTok"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def current(cls) -> "SiteSettings":
        """The settings, from the cache when it has them (every page asks)."""
        try:
            settings = cache.get(CACHE_KEY)
        except Exception:  # a cache outage must not take the pages down
            settings = None
        if settings is None:
            settings = cls.objects.filter(pk=1).first() or cls(pk=1)
            try:
                cache.set(CACHE_KEY, settings, 300)
            except Exception:
                pass
        return settings

    @property
    def social_links(self):
        return [
            (key, label, getattr(self, key))
            for key, label in SOCIAL
            if getattr(self, key)
        ]

    local_tagline = Localized("tagline")

    @property
    def initials(self):
        """Letters for the drawn mark: "BR" for Bäckman Racing."""
        words = re.findall(r"\w+", self.name)
        return "".join(word[0] for word in words[:2]).upper() or "R"
