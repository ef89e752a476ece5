"""Quotes from drivers and team members, and the race reports that embed them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
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

    def save(self, *args, **kwargs):
        # Typed on a session's page, a quote belongs to that session's event.
        if self.event_id is None and self.session_id is not None:
            self.event_id = self.session.event_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.session_id and self.event_id:
            if self.session.event_id != self.event_id:
                raise ValidationError(
                    {"session": _("Pick a session of the quote's event.")}
                )

    @property
    def speaker_name(self):
        if self.driver_id:
            return self.driver.full_name
        return self.team_member.name if self.team_member_id else ""

    @property
    def speaker_role(self):
        return self.team_member.role if self.team_member_id else ""


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class RaceReportQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published or scheduled, and its time has come."""
        return self.filter(
            status__in=[RaceReport.Status.SCHEDULED, RaceReport.Status.PUBLISHED],
            publish_at__lte=timezone.now(),
        )

    def for_language(self, language):
        """Reports in `language`, plus those with no published version in it.

        A Swedish reader still sees an English-only report; a report that has a
        Swedish version is shown once, in Swedish.
        """
        # One subquery with the three ways two reports are versions of one
        # story: PostgreSQL probes it by index for each row it needs (a page
        # of 12), where three separate EXISTS were each hashed from a scan
        # of every report first (0.07 ms against 2.8 ms on 1,800 reports).
        same_story = (
            RaceReport.objects.published()
            .filter(language=language)
            .filter(
                Q(translation_of=OuterRef("pk"))
                | Q(pk=OuterRef("translation_of"))
                | Q(translation_of=OuterRef("translation_of"))
            )
        )
        return self.filter(Q(language=language) | ~Exists(same_story))

    def for_readers(self, language):
        """What a reader of `language` may see: published, one version per story."""
        return self.published().for_language(language)

    def with_card_photo_ids(self):
        """`event_photo_id`: the best public photo of each report's weekend
        (highlights first, then the newest), for cards beside its hero photo."""
        from .media import Photo

        best = (
            Photo.objects.published()
            .ready()
            .filter(gallery__event=OuterRef("event"))
            .order_by("-is_highlight", "-taken_at", "pk")
            .values("pk")[:1]
        )
        return self.annotate(event_photo_id=models.Subquery(best))


class RaceReport(models.Model):
    """A press release about a race weekend, in one language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="reports", verbose_name=_("event")
    )
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="reports", verbose_name=_("sessions")
    )
    drivers = models.ManyToManyField(
        Driver, blank=True, related_name="reports", verbose_name=_("drivers")
    )
    quotes = models.ManyToManyField(
        Quote,
        through="ReportQuote",
        blank=True,
        related_name="reports",
        verbose_name=_("quotes"),
        help_text=_("Quotes picked from the weekend's quotes, never retyped."),
    )
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    # Deleting an original never takes its translations along.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original report this one translates."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown: ## headings, **bold**, > quotes.")
    )
    hero_photo = models.ForeignKey(
        "racing.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero photo"),
        help_text=_(
            "Empty: the weekend's best published photo of the report's drivers."
        ),
    )
    show_results = models.BooleanField(
        _("show results block"),
        default=True,
        help_text=_(
            "Each driver's results of the weekend, generated from the results."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Embargo: the report goes public at this time (site time zone)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RaceReportQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        verbose_name = _("race report")
        verbose_name_plural = _("race reports")
        # Newest first, a page at a time, and the next embargo to end: read
        # in index order instead of sorting every report.
        indexes = [models.Index(fields=["publish_at", "id"], name="report_publish_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "withdrawn"])
                | Q(publish_at__isnull=False),
                name="public_report_has_publish_time",
                violation_error_message=_(
                    "A scheduled or published report needs a publish time."
                ),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="one_translation_per_language",
                violation_error_message=_(
                    "This report already has a translation in that language."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        if self.publish_at is not None:
            # To the second: HTML's <time datetime> takes at most milliseconds.
            self.publish_at = self.publish_at.replace(microsecond=0)
        # Browsers send CRLF from a textarea; markers are matched line by line.
        self.lead = normalise_newlines(self.lead)
        self.body = normalise_newlines(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Each report lives under its own language's prefix (/ or /sv/).
        with translation.override(self.language):
            return reverse("racing:report-detail", kwargs={"slug": self.slug})

    def clean(self):
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk:
            raise ValidationError(
                {"translation_of": _("A report cannot be a translation of itself.")}
            )
        if original.translation_of_id is not None:
            raise ValidationError(
                {
                    "translation_of": _(
                        "Pick the original report, not another translation of it."
                    )
                }
            )
        if original.language == self.language:
            raise ValidationError(
                {
                    "translation_of": _(
                        "A translation must be in another language than its original."
                    )
                }
            )

    @property
    def is_public(self):
        return (
            self.status in (self.Status.SCHEDULED, self.Status.PUBLISHED)
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )


class ReportQuote(models.Model):
    """A quote embedded in a report; `order` is the N of a [[quote N]] marker."""

    report = models.ForeignKey(
        RaceReport, on_delete=models.CASCADE, related_name="report_quotes"
    )
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["report", "order"]
        verbose_name = _("embedded quote")
        verbose_name_plural = _("embedded quotes")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "quote"], name="quote_once_per_report"
            ),
            models.UniqueConstraint(
                fields=["report", "order"], name="unique_quote_order_per_report"
            ),
        ]

    def __str__(self):
        return f"[[quote {self.order}]] {self.quote}"
