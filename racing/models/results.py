"""Session results, and each result's place and points in every classification.

Points are derived, never typed: `racing.services.points.recompute_points`
keeps them in step whenever a session's results or its rules change.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .calendar import Session
from .competition import Classification, SessionKind
from .constraints import UniqueAtCommit
from .people import Driver, Entry


class ResultQuerySet(models.QuerySet):
    def for_season(self, season):
        return self.filter(session__event__season=season)

    def races(self):
        return self.filter(session__kind=SessionKind.RACE)

    def with_class_places(self):
        """Each result's places in the season's classes (not the main
        classification), as `class_places`."""
        return self.prefetch_related(
            models.Prefetch(
                "class_results",
                queryset=ClassResult.objects.filter(
                    classification__is_main=False, position__isnull=False
                )
                .select_related("classification")
                .order_by("classification__order", "classification__name"),
                to_attr="class_places",
            )
        )

    def in_running_order(self):
        # Classified by position first, then the rest by status, then name.
        return self.order_by(
            models.F("position").asc(nulls_last=True), "status", "driver__last_name"
        )


class Result(models.Model):
    class Status(models.TextChoices):
        CLASSIFIED = "cla", _("Classified")
        DID_NOT_FINISH = "dnf", _("Did not finish")
        DID_NOT_START = "dns", _("Did not start")
        # Not a withdrawn report: its own context, its own Swedish word.
        WITHDRAWN = "wd", pgettext_lazy("result status", "Withdrawn")
        DISQUALIFIED = "dsq", _("Disqualified")
        EXCLUDED = "exc", _("Excluded")
        NOT_CLASSIFIED = "nc", _("Not classified")

    # The short form printed in results tables and the results block.
    SHORT_STATUS = {
        Status.DID_NOT_FINISH: pgettext_lazy("result status, short", "DNF"),
        Status.DID_NOT_START: pgettext_lazy("result status, short", "DNS"),
        Status.WITHDRAWN: pgettext_lazy("result status, short", "WD"),
        Status.DISQUALIFIED: pgettext_lazy("result status, short", "DSQ"),
        Status.EXCLUDED: pgettext_lazy("result status, short", "EXC"),
        Status.NOT_CLASSIFIED: pgettext_lazy("result status, short", "NC"),
    }
    # Took the start: counts as a start in career figures.
    STARTED = (
        Status.CLASSIFIED,
        Status.DID_NOT_FINISH,
        Status.DISQUALIFIED,
        Status.EXCLUDED,
        Status.NOT_CLASSIFIED,
    )

    # A session with results is not deleted with them: results are published.
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("session"),
    )
    driver = models.ForeignKey(
        Driver,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("driver"),
    )
    entry = models.ForeignKey(
        Entry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("entry"),
        help_text=_("Filled in from the driver's entry for the season."),
    )
    status = models.CharField(
        _("status"), max_length=3, choices=Status, default=Status.CLASSIFIED
    )
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    grid = models.PositiveSmallIntegerField(_("grid"), null=True, blank=True)
    laps = models.PositiveSmallIntegerField(_("laps"), null=True, blank=True)
    best_lap = models.DurationField(_("best lap"), null=True, blank=True)
    fastest_lap = models.BooleanField(_("fastest lap"), default=False)
    gap = models.CharField(
        _("gap"),
        max_length=30,
        blank=True,
        help_text=_("As on the timing sheet, e.g. +1.234 or +1 lap"),
    )
    time_penalty = models.DurationField(
        _("time penalty"),
        null=True,
        blank=True,
        help_text=_("Added by the stewards after the session; already in the gap."),
    )
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, default=0, editable=False
    )
    points_override = models.DecimalField(
        _("points override"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only when the stewards change the points, e.g. a penalty."),
    )
    override_reason = models.CharField(
        _("reason for override"), max_length=200, blank=True
    )

    history = HistoricalRecords()

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["session", models.F("position").asc(nulls_last=True)]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "driver"],
                name="one_result_per_driver_per_session",
                violation_error_message=_(
                    "This driver already has a result in this session."
                ),
            ),
            # No condition: NULL positions (DNF, DSQ…) never clash with each other.
            UniqueAtCommit(
                fields=["session", "position"],
                name="unique_position_per_session",
                violation_error_code="position_taken",
                violation_error_message=_("Another driver already has this position."),
            ),
            models.CheckConstraint(
                condition=Q(status="cla", position__isnull=False)
                | (~Q(status="cla") & Q(position__isnull=True)),
                name="classified_iff_position",
                violation_error_message=_(
                    "A classified result needs a position; DNF, DNS, WD, DSQ, EXC "
                    "and NC have none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(points_override__isnull=True) | ~Q(override_reason=""),
                name="override_has_reason",
                violation_error_message=_("Give a reason when overriding the points."),
            ),
        ]

    def __str__(self):
        return f"{self.driver} – {self.session}: {self.placing}"

    def save(self, *args, **kwargs):
        if self.entry_id is None:
            self.entry = Entry.objects.filter(
                season_id=self.session.event.season_id, driver_id=self.driver_id
            ).first()
        super().save(*args, **kwargs)

    @property
    def placing(self):
        if self.position is not None:
            return str(self.position)
        return str(self.SHORT_STATUS.get(self.status, self.status.upper()))

    @property
    def is_overridden(self):
        return self.points_override is not None


class ClassResult(models.Model):
    """A result's place and points in one classification: derived, never typed."""

    result = models.ForeignKey(
        Result,
        on_delete=models.CASCADE,
        related_name="class_results",
        verbose_name=_("result"),
    )
    classification = models.ForeignKey(
        Classification,
        on_delete=models.CASCADE,
        related_name="class_results",
        verbose_name=_("classification"),
    )
    position = models.PositiveSmallIntegerField(_("class position"), null=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["classification", "result"]
        verbose_name = _("class result")
        verbose_name_plural = _("class results")
        constraints = [
            models.UniqueConstraint(
                fields=["result", "classification"], name="one_class_result_each"
            )
        ]

    def __str__(self):
        return f"{self.result} – {self.classification.name}: {self.position}"
