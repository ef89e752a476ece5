"""Quotes from drivers and team members (race reports join them later)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .calendar import Event, Session
from .people import Driver, TeamMember


class QuoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Quote(models.Model):
    driver = models.ForeignKey(
        Driver,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("driver"),
    )
    team_member = models.ForeignKey(
        TeamMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("team member"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("event")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("session"),
    )
    text = models.TextField(_("text"))
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    is_published = models.BooleanField(_("published"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(
                condition=Q(driver__isnull=False, team_member__isnull=True)
                | Q(driver__isnull=True, team_member__isnull=False),
                name="quote_has_one_speaker",
                violation_error_message=_(
                    "Pick either a driver or a team member as speaker."
                ),
            )
        ]

    def __str__(self):
        excerpt = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker_name}: {excerpt}"

    @property
    def speaker_name(self):
        if self.driver_id:
            return self.driver.full_name
        return self.team_member.name if self.team_member_id else ""

    @property
    def speaker_role(self):
        return self.team_member.role if self.team_member_id else ""
