"""Teams, drivers, team members, cars and who drives what in a season."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .competition import Classification, Season
from .localized import Localized


def _latest_event(results):
    """Annotations naming the event of the newest of `results` (an OuterRef'd
    Result queryset), for rivals, who have no page of their own."""
    newest = results.order_by("-session__event__start_date")
    return {
        "latest_event_slug": models.Subquery(newest.values("session__event__slug")[:1]),
        "latest_event_name": models.Subquery(newest.values("session__event__name")[:1]),
    }


class TeamQuerySet(models.QuerySet):
    def with_latest_event(self):
        from .results import Result

        return self.annotate(
            **_latest_event(Result.objects.filter(entry__team=models.OuterRef("pk")))
        )


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO code, e.g. IT")
    )
    is_own = models.BooleanField(
        _("our team"),
        default=False,
        help_text=_("Pages and reports centre on our team."),
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class DriverQuerySet(models.QuerySet):
    def own(self):
        return self.filter(is_own=True)

    def with_latest_event(self):
        from .results import Result

        return self.annotate(
            **_latest_event(Result.objects.filter(driver=models.OuterRef("pk")))
        )


class Driver(models.Model):
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("ISO code, e.g. SE")
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    bio_sv = models.TextField(
        _("short bio (Swedish)"), blank=True, help_text=_("Empty: the English bio.")
    )
    # A photo of the desk: renditions, srcset, focal point and credit come with it.
    portrait = models.ForeignKey(
        "racing.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("portrait"),
        help_text=_("A photo from a gallery; the crop follows its focal point."),
    )
    is_own = models.BooleanField(
        _("our driver"),
        default=False,
        help_text=_("Our drivers get pages; rivals are stored for full timing sheets."),
    )

    objects = DriverQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("racing:driver-detail", kwargs={"slug": self.slug})

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    local_bio = Localized("bio")


class TeamMember(models.Model):
    """Someone other than a driver who may be quoted: team principal, engineer."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"), max_length=120, help_text=_("e.g. Team principal")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team")
    )

    class Meta:
        ordering = ["team", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.name} ({self.role}, {self.team})"


class Car(models.Model):
    manufacturer = models.CharField(_("manufacturer"), max_length=80)
    model = models.CharField(_("model"), max_length=120)

    class Meta:
        ordering = ["manufacturer", "model"]
        verbose_name = _("car")
        verbose_name_plural = _("cars")
        constraints = [
            models.UniqueConstraint(fields=["manufacturer", "model"], name="unique_car")
        ]

    def __str__(self):
        return f"{self.manufacturer} {self.model}"


class Entry(models.Model):
    """A driver's car and number for a team in one season."""

    season = models.ForeignKey(
        Season,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("season"),
    )
    driver = models.ForeignKey(
        Driver,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("driver"),
    )
    # A rival's entry made from a timing sheet may name no team or car.
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("team"),
    )
    car = models.ForeignKey(
        Car,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("car"),
    )
    number = models.PositiveSmallIntegerField(_("racing number"), null=True, blank=True)
    car_photo = models.ForeignKey(
        "racing.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("car photo"),
        help_text=_("The car in this season's livery, from a gallery."),
    )
    is_guest = models.BooleanField(
        _("guest"),
        default=False,
        help_text=_("A wildcard entry: eligible for no classification and no points."),
    )
    classifications = models.ManyToManyField(
        Classification,
        blank=True,
        related_name="entries",
        verbose_name=_("classes"),
        help_text=_(
            "Classes this entry is eligible for besides the classifications "
            "open to every entry."
        ),
    )

    class Meta:
        ordering = ["season", "number"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["season", "driver"],
                name="one_entry_per_driver_per_season",
                violation_error_message=_(
                    "This driver already has an entry this season."
                ),
            ),
            models.UniqueConstraint(
                fields=["season", "number"],
                name="unique_number_per_season",
                violation_error_message=_(
                    "Another driver has this number this season."
                ),
            ),
        ]

    def __str__(self):
        number = f"#{self.number} " if self.number is not None else ""
        car = ", ".join(str(part) for part in (self.team, self.car) if part)
        return f"{number}{self.driver} – {car or '–'} ({self.season})"
