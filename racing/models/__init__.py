from .calendar import Circuit, Event, Session
from .competition import Classification, PointsScale, Season, Series, SessionKind
from .content import Quote, RaceReport, ReportQuote
from .media import Gallery, Licence, Photo
from .people import Car, Driver, Entry, Team, TeamMember
from .press import (
    Delivery,
    EmbargoGrant,
    EmbargoOpening,
    Journalist,
    MailStatus,
    PressContact,
    ReleaseAlert,
    Subscriber,
)
from .results import ClassResult, Result
from .site import SiteSettings

__all__ = [
    "Subscriber",
    "ReleaseAlert",
    "PressContact",
    "MailStatus",
    "Journalist",
    "EmbargoOpening",
    "EmbargoGrant",
    "Delivery",
    "Car",
    "Circuit",
    "ClassResult",
    "Classification",
    "Driver",
    "Entry",
    "Event",
    "Gallery",
    "Licence",
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
