"""What every part of the API shares: errors, the index, points, languages."""

from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Field, Schema
from pydantic import PlainSerializer

Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else value


# Points as the page prints them: 25 or 12.5, never 25.0 nor "25.00".
Points = Annotated[float, PlainSerializer(_number, return_type=float)]


class Problem(Schema):
    detail: str = Field(description="What was wrong, in words.")


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(
        description="Each parameter that was wrong: where (loc) and why (msg)."
    )


class Index(Schema):
    seasons: str
    events: str
    drivers: str
    reports: str
    openapi: str
    docs: str
