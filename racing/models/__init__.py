from .calendar import Circuit, Event, Session
from .competition import Classification, PointsScale, Season, Series, SessionKind
from .content import Quote, RaceReport, ReportQuote
from .downloads import DownloadDay
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
from .uploads import PartialUpload

__all__ = [
    "Car",
    "Circuit",
    "ClassResult",
    "Classification",
    "Delivery",
    "DownloadDay",
    "Driver",
    "EmbargoGrant",
    "EmbargoOpening",
    "Entry",
    "Event",
    "Gallery",
    "Journalist",
    "Licence",
    "MailStatus",
    "PartialUpload",
    "Photo",
    "PointsScale",
    "PressContact",
    "Quote",
    "RaceReport",
    "ReleaseAlert",
    "ReportQuote",
    "Result",
    "Season",
    "Series",
    "Session",
    "SessionKind",
    "SiteSettings",
    "Subscriber",
    "Team",
    "TeamMember",
]
