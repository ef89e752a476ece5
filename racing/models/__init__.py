from .calendar import Circuit, Event, Session
from .competition import Classification, PointsScale, Season, Series, SessionKind
from .content import Quote, RaceReport, ReportQuote
from .media import Gallery, Licence, Photo
from .people import Car, Driver, Entry, Team, TeamMember
from .results import ClassResult, Result
from .site import SiteSettings
from .uploads import PartialUpload

__all__ = [
    "Car",
    "Circuit",
    "ClassResult",
    "Classification",
    "Driver",
    "Entry",
    "Event",
    "Gallery",
    "Licence",
    "PartialUpload",
    "Photo",
    "PointsScale",
    "Quote",
    "RaceReport",
    "ReportQuote",
    "Result",
    "Season",
    "Series",
    "SiteSettings",
    "Session",
    "SessionKind",
    "Team",
    "TeamMember",
]
