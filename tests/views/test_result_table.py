"""Results tables show the columns that have something in them."""

import re

import pytest

from racing.models import SessionKind
from tests.factories import make_driver, make_event, make_result, make_session

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


def test_names_and_gaps_are_escaped_in_the_rows(client):
    race = make_session(event=make_event(), name="Race 1")
    hostile = make_driver(first_name='<script>alert("x")</script>', last_name="O'Neil")
    make_result(session=race, driver=hostile, position=1, gap="<b>+1 lap</b>")

    html = client.get(race.event.get_absolute_url()).content.decode()

    assert "<script>alert" not in html and "<b>+1 lap" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Neil" in html
    assert "&lt;b&gt;+1 lap&lt;/b&gt;" in html
