from .calendar import Circuit, Event, Session
from .competition import PointsScale, Season, Series, SessionKind
from .content import Quote, RaceReport
from .people import Car, Driver, Entry, Team, TeamMember
from .results import Result

__all__ = [
    "Car",
    "Circuit",
    "Driver",
    "Entry",
    "Event",
    "PointsScale",
    "Quote",
    "RaceReport",
    "Result",
    "Season",
    "Series",
    "Session",
    "SessionKind",
    "Team",
    "TeamMember",
]
