"""The per-driver results block of a report, generated from the session results.

"Andreas’ results: Free Practice 1: 16th place … Race 2: DNF", in the report's
language: ordinals by each language's rule (16th, 21st / 16:e, 21:a), the words
from our own catalogue.
"""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import ordinal as humanize_ordinal
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from racing.models import Driver, RaceReport, Result


@dataclass(frozen=True)
class ResultLine:
    session: str
    placing: str
    # "2nd in WTCR Trophy": the driver's places in the season's classes.
    classes: tuple[str, ...] = ()

    def __str__(self):
        text = f"{self.session}: {self.placing}"
        return f"{text} ({', '.join(self.classes)})" if self.classes else text


@dataclass(frozen=True)
class DriverResults:
    driver: Driver
    heading: str
    lines: list[ResultLine]


def ordinal(number: int) -> str:
    """16th / 16:e in the active language (English and Swedish by rule)."""
    language = (translation.get_language() or "en").split("-")[0]
    if language == "sv":
        # 1:a, 2:a, 21:a, 22:a but 11:e, 12:e, and :e for everything else.
        suffix = (
            ":a" if number % 10 in (1, 2) and number % 100 not in (11, 12) else ":e"
        )
        return f"{number}{suffix}"
    if language == "en":
        if number % 100 in (11, 12, 13):
            return f"{number}th"
        return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
    return humanize_ordinal(number)


def placing(*, position: int | None, status: str) -> str:
    """'16th place' for a classified result, else the short status ('DNF')."""
    if status == Result.Status.CLASSIFIED and position is not None:
        return _("%(ordinal)s place") % {"ordinal": ordinal(position)}
    return str(Result.SHORT_STATUS.get(status, status.upper()))


def class_place(*, position: int, classification: str) -> str:
    return _("%(ordinal)s in %(classification)s") % {
        "ordinal": ordinal(position),
        "classification": classification,
    }


def results_heading(first_name: str) -> str:
    # Possessives differ: "Andreas’ results" / "Andreas resultat",
    # "Max’s results" / "Max resultat", "Jessica’s results" / "Jessicas resultat".
    name = {"name": first_name}
    last = first_name[-1:].lower()
    if last == "s":
        return (
            pgettext("results of a driver whose name ends in s", "%(name)s’ results")
            % name
        )
    if last in ("x", "z"):
        return (
            pgettext(
                "results of a driver whose name ends in x or z", "%(name)s’s results"
            )
            % name
        )
    return _("%(name)s’s results") % name


def build_results_block(*, report: RaceReport) -> list[DriverResults]:
    """Each driver's results at the report's event, in the report's language.

    The drivers are the report's own picks, or the team's drivers when none
    are picked; picked sessions narrow the block to those sessions. Two queries,
    the results and their class places (plus the report's drivers and
    sessions, which a view prefetches).
    """
    driver_ids = [driver.pk for driver in report.drivers.all()]
    session_ids = [session.pk for session in report.sessions.all()]
    results = (
        Result.objects.filter(session__event_id=report.event_id)
        .select_related("driver", "session")
        .with_class_places()
        .order_by(
            "driver__last_name",
            "driver__first_name",
            "driver_id",
            "session__order",
            "session__starts_at",
            "session_id",
        )
    )
    if driver_ids:
        results = results.filter(driver_id__in=driver_ids)
    else:
        results = results.filter(driver__is_own=True)
    if session_ids:
        results = results.filter(session_id__in=session_ids)

    blocks: list[DriverResults] = []
    with translation.override(report.language):
        for result in results:
            if not blocks or blocks[-1].driver.pk != result.driver_id:
                heading = results_heading(result.driver.first_name)
                blocks.append(DriverResults(result.driver, heading, []))
            blocks[-1].lines.append(
                ResultLine(
                    result.session.display_name,
                    placing(position=result.position, status=result.status),
                    tuple(
                        class_place(
                            position=place.position,
                            classification=place.classification.name,
                        )
                        for place in result.class_places
                    ),
                )
            )
    return blocks


def results_block_text(blocks: list[DriverResults]) -> str:
    """The block as plain text, as a press release prints it."""
    return "\n".join(
        "\n".join([block.heading, *map(str, block.lines)]) for block in blocks
    )
