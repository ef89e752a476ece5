"""What the API answers, as Ninja schemas: these make its OpenAPI description.

Fields named like the model's are read from it; `resolve_*` give the others.
Times are ISO 8601 with their offset: a session's in its circuit's time zone
(named beside it, on the event), a report's in the site's. Points are numbers
(12.5, never "12.50").
"""

from .calendar import (
    CircuitOut,
    ClassificationOut,
    EventDetail,
    EventFilters,
    EventOut,
    EventRef,
    SeasonDetail,
    SeasonOut,
    SeasonRef,
    SeriesOut,
    SessionOut,
)
from .common import Index, Invalid, Language, Points, Problem
from .people import CareerOut, DriverDetail, DriverOut, DriverRef, EntryOut, TeamRef
from .reports import ReportDetail, ReportFilters, ReportOut, ReportVersion
from .results import (
    ClassPlace,
    DriverStanding,
    ResultOut,
    RoundPoints,
    RoundRef,
    SessionResults,
    Standing,
    StandingsOut,
    TeamStanding,
)

__all__ = [
    "CareerOut",
    "CircuitOut",
    "ClassPlace",
    "ClassificationOut",
    "DriverDetail",
    "DriverOut",
    "DriverRef",
    "DriverStanding",
    "EntryOut",
    "EventDetail",
    "EventFilters",
    "EventOut",
    "EventRef",
    "Index",
    "Invalid",
    "Language",
    "Points",
    "Problem",
    "ReportDetail",
    "ReportFilters",
    "ReportOut",
    "ReportVersion",
    "ResultOut",
    "RoundPoints",
    "RoundRef",
    "SeasonDetail",
    "SeasonOut",
    "SeasonRef",
    "SeriesOut",
    "SessionOut",
    "SessionResults",
    "Standing",
    "StandingsOut",
    "TeamRef",
    "TeamStanding",
]
