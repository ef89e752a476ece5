"""The newsroom: press contacts, release alerts by email, embargoed access.

Subscribers exist only once they confirmed their address (the confirmation
link carries what they asked for), so an unconfirmed address is mailed
nothing but its confirmation. Each alert is one `Delivery` row per story and
subscriber; accredited journalists read scheduled reports early through an
`EmbargoGrant`, and every opening of one is an `EmbargoOpening`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .content import RaceReport
from .localized import Localized
from .people import Driver


class PressContact(models.Model):
    """Someone a journalist can call: shown on /press/ in this order."""

    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=100)
    role_sv = models.CharField(_("role (Swedish)"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("With country code.")
    )
    email = models.EmailField(_("email"), blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        help_text=_("As journalists should read them, e.g. English, Swedish."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("shown"), default=True, help_text=_("Untick to hide without deleting.")
    )

    local_role = Localized("role")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="press_contact_reachable",
                violation_error_message=_("Give a phone number or an email address."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.role})"

    @property
    def phone_link(self):
        """tel: wants digits and a leading +, without the spaces people type."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class MailStatus(models.TextChoices):
    """Where one mail stands; see racing/services/mailing.py for the protocol."""

    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending (outcome unknown if it stays so)")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class MailedOnce(models.Model):
    """A mail sent at most once: claimed, then sent or failed
    (services/mailing.py holds the protocol)."""

    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus, default=MailStatus.QUEUED
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        abstract = True


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only addresses alerts go to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def wanting(self, report):
        """Active subscribers who read the report's language and follow one of
        its drivers (or every driver)."""
        drivers = report.drivers.all()
        return (
            self.active()
            .filter(languages__contains=report.language)
            .filter(Q(drivers__isnull=True) | Q(drivers__in=drivers))
            .distinct()
        )


class Subscriber(models.Model):
    """A confirmed address for release alerts. Rows are made only by the
    confirmation link, never by the form itself."""

    email = models.EmailField(_("email"), unique=True)
    languages = models.CharField(
        _("languages"),
        max_length=20,
        help_text=_("Language codes, the preferred one first, e.g. sv,en."),
    )
    drivers = models.ManyToManyField(
        Driver,
        blank=True,
        related_name="subscribers",
        verbose_name=_("drivers of interest"),
        help_text=_("Empty: releases about every driver."),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("release alert subscriber")
        verbose_name_plural = _("release alert subscribers")

    def __str__(self):
        return self.email

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language(self) -> str:
        """The language of mails that are not a release (none so far)."""
        return (self.language_list or [settings.LANGUAGE_CODE])[0]


class ReleaseAlert(models.Model):
    """A report whose going public mails its subscribers. Made when the report
    is scheduled or published; an archive report entered with a publish time
    long past gets none (racing/services/alerts.py)."""

    report = models.OneToOneField(
        RaceReport,
        on_delete=models.CASCADE,
        related_name="release_alert",
        verbose_name=_("report"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("release alert")
        verbose_name_plural = _("release alerts")

    def __str__(self):
        return str(self.report)


class Delivery(MailedOnce):
    """One alert mail: a story (an original report and its translations) to
    one subscriber, at most once (the unique constraint)."""

    story = models.ForeignKey(
        RaceReport, on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    report = models.ForeignKey(
        RaceReport,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("version sent"),
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "subscriber"], name="one_alert_per_story_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.report} → {self.subscriber}"


class JournalistQuerySet(models.QuerySet):
    def accredited(self):
        return self.filter(status=Journalist.Status.ACCREDITED)


class Journalist(models.Model):
    """A journalist the press officer accredits for embargoed access."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCREDITED = "accredited", _("Accredited")
        REFUSED = "refused", _("Refused or withdrawn")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), unique=True)
    outlet = models.CharField(_("outlet"), max_length=120)
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("What they cover, as they told us.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        ordering = ["status", "name"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self):
        return f"{self.name}, {self.outlet}"


class EmbargoGrant(MailedOnce):
    """A journalist's personal link to a story before it goes public; mailed
    once, like an alert (same MailStatus protocol)."""

    story = models.ForeignKey(
        RaceReport,
        on_delete=models.CASCADE,
        related_name="embargo_grants",
        verbose_name=_("story"),
    )
    journalist = models.ForeignKey(
        Journalist,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("journalist"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("embargoed link")
        verbose_name_plural = _("embargoed links")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "journalist"], name="one_embargo_link_per_journalist"
            )
        ]

    def __str__(self):
        return f"{self.story} → {self.journalist}"


class EmbargoOpening(models.Model):
    """Every opening of an embargoed link, refused ones included."""

    grant = models.ForeignKey(
        EmbargoGrant,
        on_delete=models.CASCADE,
        related_name="openings",
        verbose_name=_("link"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    was_shown = models.BooleanField(
        _("report shown"), help_text=_("Unticked: the link had expired.")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("embargoed link opening")
        verbose_name_plural = _("embargoed link openings")

    def __str__(self):
        return f"{self.grant} @ {self.opened_at:%Y-%m-%d %H:%M}"
