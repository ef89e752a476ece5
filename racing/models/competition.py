"""Series, seasons and the points scales that apply to their sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    QUALIFYING = "qualifying", _("Qualifying")
    RACE = "race", _("Race")


class Series(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.short_name or self.name


class SeasonQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("-year").first()


class Season(models.Model):
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        related_name="seasons",
        verbose_name=_("series"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    slug = models.SlugField(
        _("slug"), max_length=140, unique=True, help_text=_("e.g. wtcr-2021")
    )
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("Shown instead of series + year."),
    )

    objects = SeasonQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "series__name"]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"],
                name="unique_season_per_series",
                violation_error_message=_(
                    "This series already has a season that year."
                ),
            )
        ]

    def __str__(self):
        return self.name or f"{self.series} {self.year}"

    def get_absolute_url(self):
        return reverse("racing:season-standings", kwargs={"slug": self.slug})


def validate_points(value):
    if not isinstance(value, list) or not all(
        isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in value
    ):
        raise ValidationError(
            _("Points must be whole numbers of zero or more, e.g. 25, 20, 16.")
        )


class PointsScale(models.Model):
    """Points by finishing position. Series change scales between seasons and
    qualifying usually pays differently from races, so scales are data."""

    season = models.ForeignKey(
        Season,
        on_delete=models.CASCADE,
        related_name="points_scales",
        verbose_name=_("season"),
    )
    name = models.CharField(_("name"), max_length=80)
    default_for = models.CharField(
        _("default for"),
        max_length=12,
        choices=SessionKind,
        blank=True,
        help_text=_("New sessions of this kind in the season get this scale."),
    )
    points = models.JSONField(
        _("points by position"),
        default=list,
        validators=[validate_points],
        help_text=_("Points for 1st, 2nd, 3rd… separated by commas."),
    )
    fastest_lap_points = models.PositiveSmallIntegerField(
        _("fastest lap points"),
        default=0,
        help_text=_("Only paid to classified finishers."),
    )

    class Meta:
        ordering = ["season", "name"]
        verbose_name = _("points scale")
        verbose_name_plural = _("points scales")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "name"],
                name="unique_scale_name_per_season",
                violation_error_message=_(
                    "This season already has a scale with that name."
                ),
            ),
            models.UniqueConstraint(
                fields=["season", "default_for"],
                condition=~Q(default_for=""),
                name="one_default_scale_per_kind",
                violation_error_message=_(
                    "This season already has a default scale for that kind of session."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.season} – {self.name}"

    def points_for(self, position, *, fastest_lap=False):
        from racing.services.points import points_for

        return points_for(
            position,
            scale=self.points,
            fastest_lap_bonus=self.fastest_lap_points if fastest_lap else 0,
        )
