"""Series, seasons and the points scales that apply to their sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class Classification(models.Model):
    """One championship table of a season: the drivers' one, or a class such as
    independents or juniors, each with its own scales and eligible entries.

    A class position is never typed: it comes from the overall order among the
    classification's eligible entries.
    """

    class PointsBy(models.TextChoices):
        CLASS_ORDER = "class", _("Order among eligible cars")
        OVERALL = "overall", _("Overall position")

    season = models.ForeignKey(
        Season,
        on_delete=models.CASCADE,
        related_name="classifications",
        verbose_name=_("season"),
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("e.g. Drivers, WTCR Trophy, Juniors")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_main = models.BooleanField(
        _("main classification"),
        default=False,
        help_text=_(
            "The drivers' championship: its points are the points shown beside "
            "each result. One per season."
        ),
    )
    open_to_all = models.BooleanField(
        _("open to every entry"),
        default=True,
        help_text=_(
            "Every entry but guests is eligible. Untick for a class: then only the "
            "entries that name it are."
        ),
    )
    points_by = models.CharField(
        _("points by"),
        max_length=8,
        choices=PointsBy,
        default=PointsBy.CLASS_ORDER,
        help_text=_(
            "Order among eligible cars: a guest's or another class's place passes "
            "to the next eligible car. Overall position: eligible cars score by "
            "their overall position and the places of the others pay nothing."
        ),
    )
    team_standings = models.BooleanField(
        _("teams' standings"),
        default=True,
        help_text=_("Also rank the teams by the points of their eligible entries."),
    )

    class Meta:
        ordering = ["season", "-is_main", "order", "name"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "slug"],
                name="unique_classification_slug_per_season",
                violation_error_message=_(
                    "This season already has a classification with that slug."
                ),
            ),
            models.UniqueConstraint(
                fields=["season"],
                condition=Q(is_main=True),
                name="one_main_classification_per_season",
                violation_error_message=_(
                    "This season already has a main classification."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.season} – {self.name}"

    def admits(self, entry) -> bool:
        """Whether an entry scores here (needs the entry's classifications loaded).

        A result with no entry (a rival typed by name) counts in open
        classifications only; a guest counts nowhere.
        """
        if entry is None:
            return self.open_to_all
        if entry.is_guest:
            return False
        if self.open_to_all:
            return True
        return any(c.pk == self.pk for c in entry.classifications.all())


def validate_points(value):
    if not isinstance(value, list) or not all(
        isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in value
    ):
        raise ValidationError(
            _("Points must be whole numbers of zero or more, e.g. 25, 20, 16.")
        )


def session_names(text: str) -> list[str]:
    """ "Race 1, Race 3" -> ["race 1", "race 3"]: names compared without case."""
    return [name.strip().casefold() for name in text.split(",") if name.strip()]


class PointsScale(models.Model):
    """Points by position in one classification.

    A scale is the classification's default for sessions of one name ("Race 2",
    "Qualifying 2") or, failing that, of one kind, so two races of a weekend can
    pay differently and nobody re-picks a scale per event.
    """

    classification = models.ForeignKey(
        Classification,
        on_delete=models.CASCADE,
        related_name="points_scales",
        verbose_name=_("classification"),
    )
    name = models.CharField(_("name"), max_length=80)
    default_for_sessions = models.CharField(
        _("default for sessions named"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Race 1, Race 3 – sessions of these names use this scale."),
    )
    default_for = models.CharField(
        _("default for kind"),
        max_length=12,
        choices=SessionKind,
        blank=True,
        help_text=_("Other sessions of this kind use this scale."),
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["classification", "name"]
        verbose_name = _("points scale")
        verbose_name_plural = _("points scales")
        constraints = [
            models.UniqueConstraint(
                fields=["classification", "name"],
                name="unique_scale_name_per_classification",
                violation_error_message=_(
                    "This classification already has a scale with that name."
                ),
            ),
            models.UniqueConstraint(
                fields=["classification", "default_for"],
                condition=~Q(default_for=""),
                name="one_default_scale_per_kind",
                violation_error_message=_(
                    "This classification already has a default scale for that kind "
                    "of session."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.classification} – {self.name}"

    @property
    def season_id(self):
        return self.classification.season_id

    def clean(self):
        if not self.classification_id:
            return
        mine = set(session_names(self.default_for_sessions))
        others = self.classification.points_scales.exclude(pk=self.pk)
        for other in others:
            taken = mine & set(session_names(other.default_for_sessions))
            if taken:
                raise ValidationError(
                    {
                        "default_for_sessions": _(
                            "%(scale)s is already the default for %(names)s."
                        )
                        % {"scale": other.name, "names": ", ".join(sorted(taken))}
                    }
                )

    def applies_by_default_to(self, session) -> bool:
        return session.name.strip().casefold() in session_names(
            self.default_for_sessions
        )
