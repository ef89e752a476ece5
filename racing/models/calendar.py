"""Circuits, race weekends (events) and their sessions."""

import re
import zoneinfo
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .competition import PointsScale, Season, SessionKind
from .localized import Localized


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone, e.g. Europe/Berlin."),
            params={"value": value},
        )


class Circuit(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    nickname = models.CharField(_("nickname"), max_length=120, blank=True)
    location = models.CharField(_("location"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO code, e.g. DE")
    )
    length_km = models.DecimalField(
        _("length (km)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Stockholm",
        validators=[validate_timezone],
        help_text=_("Local time at the track, e.g. Europe/Berlin."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("circuit")
        verbose_name_plural = _("circuits")

    def __str__(self):
        return self.name

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.timezone)


class EventQuerySet(models.QuerySet):
    def upcoming(self, today):
        return self.filter(end_date__gte=today).order_by("start_date")


class Event(models.Model):
    """A race weekend: one round of a season at one circuit."""

    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("season"),
    )
    round_number = models.PositiveSmallIntegerField(_("round"))
    name = models.CharField(
        _("name"), max_length=150, help_text=_("e.g. WTCR Race of Germany")
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    circuit = models.ForeignKey(
        Circuit,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("circuit"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    summary = models.TextField(_("weekend summary"), blank=True)
    summary_sv = models.TextField(
        _("weekend summary (Swedish)"),
        blank=True,
        help_text=_("Empty: the English summary."),
    )
    live_timing_url = models.URLField(
        _("live timing"), blank=True, help_text=_("Shown on race weekends.")
    )
    stream_url = models.URLField(
        _("live stream"), blank=True, help_text=_("Shown on race weekends.")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["season", "round_number"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The latest weekend, the next one, galleries newest first.
        indexes = [models.Index(fields=["start_date"], name="event_start_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["season", "round_number"],
                name="unique_round_per_season",
                violation_error_message=_(
                    "This season already has an event with that round."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_(
                    "The last day cannot be before the first day."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} (R{self.round_number}, {self.season})"

    def get_absolute_url(self):
        return reverse("racing:event-detail", kwargs={"slug": self.slug})

    local_summary = Localized("summary")


# Session names are data, typed as published (in English). The usual ones are
# translated for readers of another language; any other name is shown as typed.
SESSION_NAMES = [
    (
        re.compile(r"^Free Practice (\d+)$"),
        lambda n: gettext("Free Practice %(n)s") % n,
    ),
    (re.compile(r"^Practice (\d+)$"), lambda n: gettext("Practice %(n)s") % n),
    (re.compile(r"^Qualifying$"), lambda n: gettext("Qualifying")),
    (re.compile(r"^Qualifying (\d+)$"), lambda n: gettext("Qualifying %(n)s") % n),
    (re.compile(r"^Race (\d+)$"), lambda n: gettext("Race %(n)s") % n),
    (re.compile(r"^Race$"), lambda n: gettext("Race")),
]


class Session(models.Model):
    class Conditions(models.TextChoices):
        DRY = "dry", _("Dry")
        DAMP = "damp", _("Damp")
        WET = "wet", _("Wet")
        MIXED = "mixed", _("Mixed")

    class ResultsStatus(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        FINAL = "final", _("Final")
        AMENDED = "amended", _("Amended")

    Kind = SessionKind

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("event"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind)
    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("As published, e.g. Free Practice 1, Race 2."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    conditions = models.CharField(
        _("track conditions"), max_length=8, choices=Conditions, blank=True
    )
    weather = models.CharField(
        _("weather notes"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 14 °C, showers"),
    )
    points_scale = models.ForeignKey(
        PointsScale,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("other points scale"),
        help_text=_(
            "Only when this session pays differently from the season's default "
            "for it; applies to the scale's own classification."
        ),
    )
    pays_points = models.BooleanField(
        _("pays points"),
        default=True,
        help_text=_("Untick for a session that pays nothing in any classification."),
    )
    points_factor = models.DecimalField(
        _("points factor"),
        max_digits=3,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(0), MaxValueValidator(3)],
        help_text=_("0.5 for half points after a red flag, 2 for double points."),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The session did not take place: it pays nothing."),
    )
    results_status = models.CharField(
        _("results"),
        max_length=12,
        choices=ResultsStatus,
        default=ResultsStatus.PROVISIONAL,
        help_text=_(
            "Final once the stewards have signed them off; a change after that "
            "marks them amended."
        ),
    )
    results_amended_at = models.DateTimeField(
        _("results amended"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["order"])

    class Meta:
        ordering = ["event", "order", "starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="unique_session_name_per_event",
                violation_error_message=_(
                    "This event already has a session with that name."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event.name}"

    def clean(self):
        if self.points_scale_id and self.event_id:
            if self.points_scale.classification.season_id != self.event.season_id:
                raise ValidationError(
                    {"points_scale": _("Pick a points scale of the event's season.")}
                )

    @property
    def holds_only_own_drivers(self):
        """Results entered for our drivers only: their places are real, but the
        rest of the field is unknown (uses the prefetched results)."""
        results = self.results.all()
        return bool(results) and all(result.driver.is_own for result in results)

    def record_amendment(self, *, previous_status, when, reason=""):
        """Results changed after they were final: they are amended, as of `when`."""
        if previous_status in (self.ResultsStatus.FINAL, self.ResultsStatus.AMENDED):
            self.results_status = self.ResultsStatus.AMENDED
            self.results_amended_at = when
            self._change_reason = reason  # kept in the session's history
            self.save(update_fields=["results_status", "results_amended_at"])

    def scale_for(self, classification, scales):
        """The scale this session pays on in `classification`, or None.

        `scales` are the classification's scales. This session's own pick wins,
        then the classification's default for the session's name, then for its
        kind.
        """
        if not self.pays_points or self.is_cancelled:
            return None
        if self.points_scale_id:
            if self.points_scale.classification_id == classification.pk:
                return self.points_scale
        by_name = [s for s in scales if s.applies_by_default_to(self)]
        if by_name:
            return by_name[0]
        by_kind = [s for s in scales if s.default_for == self.kind]
        return by_kind[0] if by_kind else None

    @property
    def display_name(self):
        """The name in the active language, for the usual session names."""
        for pattern, translate in SESSION_NAMES:
            if match := pattern.match(self.name):
                return translate({"n": match[1]} if match.groups() else {})
        return self.name
