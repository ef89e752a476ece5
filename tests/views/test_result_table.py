"""Results tables show the columns that have something in them."""

import re

import pytest

from racing.models import SessionKind
from tests.factories import make_event, make_result, make_session

pytestmark = pytest.mark.django_db


def headers(html):
    table = html[html.index("<thead>") : html.index("</thead>")]
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th.*?</th>", table)]


def test_a_sheet_of_positions_only_has_no_empty_columns(client):
    practice = make_session(
        event=make_event(), kind=SessionKind.PRACTICE, name="Free Practice 1"
    )
    make_result(session=practice, position=1)
    make_result(session=practice, position=2)

    html = client.get(practice.event.get_absolute_url()).content.decode()

    assert headers(html) == ["Pos.", "Driver"]


def test_a_column_shows_as_soon_as_one_row_has_it(client):
    race = make_session(event=make_event(), name="Race 1")
    make_result(session=race, position=1, laps=12)
    make_result(session=race, position=2, gap="+0.512")

    html = client.get(race.event.get_absolute_url()).content.decode()

    assert headers(html) == ["Pos.", "Driver", "Laps", "Gap", "Pts"]
