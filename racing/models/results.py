"""Session results. Points are derived from the session's scale when saved."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .calendar import Session
from .competition import SessionKind
from .people import Driver, Entry


class ResultQuerySet(models.QuerySet):
    def for_season(self, season):
        return self.filter(session__event__season=season)

    def races(self):
        return self.filter(session__kind=SessionKind.RACE)

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
        DISQUALIFIED = "dsq", _("Disqualified")
        NOT_CLASSIFIED = "nc", _("Not classified")

    # The short form printed in results tables and the results block.
    SHORT_STATUS = {
        Status.DID_NOT_FINISH: pgettext_lazy("result status, short", "DNF"),
        Status.DID_NOT_START: pgettext_lazy("result status, short", "DNS"),
        Status.DISQUALIFIED: pgettext_lazy("result status, short", "DSQ"),
        Status.NOT_CLASSIFIED: pgettext_lazy("result status, short", "NC"),
    }

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
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
    points = models.SmallIntegerField(_("points"), default=0, editable=False)
    points_override = models.SmallIntegerField(
        _("points override"),
        null=True,
        blank=True,
        help_text=_("Only when the stewards change the points, e.g. a penalty."),
    )
    override_reason = models.CharField(
        _("reason for override"), max_length=200, blank=True
    )

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
            models.UniqueConstraint(
                fields=["session", "position"],
                condition=Q(position__isnull=False),
                name="unique_position_per_session",
                violation_error_message=_("Another driver already has this position."),
            ),
            models.CheckConstraint(
                condition=Q(status="cla", position__isnull=False)
                | (~Q(status="cla") & Q(position__isnull=True)),
                name="classified_iff_position",
                violation_error_message=_(
                    "A classified result needs a position; DNF, DNS, DSQ, NC have none."
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
        self.points = (
            self.points_override if self.is_overridden else self.computed_points()
        )
        super().save(*args, **kwargs)

    @property
    def placing(self):
        if self.position is not None:
            return str(self.position)
        return str(self.SHORT_STATUS.get(self.status, self.status.upper()))

    @property
    def is_overridden(self):
        return self.points_override is not None

    def computed_points(self):
        scale = self.session.points_scale
        if scale is None or self.status != self.Status.CLASSIFIED:
            return 0
        return scale.points_for(self.position, fastest_lap=self.fastest_lap)
