"""The standings the API gives are the public standings page's, row for row."""

import re

import pytest
from django.urls import reverse

from racing.models import Classification
from racing.services.points import format_points
from tests.api.conftest import as_points

pytestmark = pytest.mark.django_db


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """Each standings table of the page by id: its rows as text cells."""
    tables = {}
    for table_id, body in re.findall(
        r'aria-labelledby="([^"]+)">\s*<table.*?<tbody>(.*?)</tbody>', html, re.S
    ):
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
        tables[table_id] = [row for row in rows if row != ["No results yet."]]
    return tables


def api_rows(answer, side: str) -> list[list[str]]:
    """The API's standings as the page prints them: "–" for no position or no
    points in a round, points as 25 or 12.5."""
    rows = []
    for row in answer[side]:
        scored = {r["round"]: as_points(r["points"]) for r in row["by_round"]}
        rows.append(
            [
                "–" if row["position"] is None else str(row["position"]),
                row["driver" if side == "drivers" else "team"]["name"],
                format_points(as_points(row["points"])),
                *(
                    format_points(scored[r["round"]]) if r["round"] in scored else "–"
                    for r in answer["rounds"]
                ),
            ]
        )
    return rows


def table_ids(classification: Classification) -> tuple[str, str]:
    if classification.is_main:
        return "drivers-table", "teams-table"
    return f"class-{classification.slug}-drivers", f"class-{classification.slug}-teams"


def assert_matches_page(get, client, season):
    page = client.get(season.get_absolute_url()).content.decode()
    tables = page_tables(page)
    for classification in season.classifications.all():
        answer = get(
            reverse(
                "api:season-standings",
                kwargs={"season": season.slug, "classification": classification.slug},
            )
        ).json()
        drivers_id, teams_id = table_ids(classification)
        assert answer["drivers"], classification
        assert api_rows(answer, "drivers") == tables[drivers_id]
        if classification.team_standings:
            assert api_rows(answer, "teams") == tables[teams_id]
        else:
            assert answer["teams"] == []


def test_standings_match_the_public_page_for_a_season_of_rounds_and_classes(
    get, client, championship
):
    season = championship["season"]
    assert season.classifications.count() == 2

    assert_matches_page(get, client, season)


def test_standings_match_the_public_page_for_the_demo_weekend(get, client, demo):
    season = demo["event"].season

    assert_matches_page(get, client, season)

    answer = get("/api/v1/seasons/2021/standings/drivers/").json()
    # The demo holds only the team's results: points, but no positions.
    assert answer["team_drivers_only"] is True
    assert {row["position"] for row in answer["drivers"]} == {None}


def test_standings_rank_the_class_on_class_points(get, championship):
    answer = get("/api/v1/seasons/2023/standings/juniors/").json()

    assert answer["classification"]["slug"] == "juniors"
    assert answer["classification"]["is_main"] is False
    rows = [
        (row["position"], row["driver"]["name"], row["points"])
        for row in answer["drivers"]
    ]
    # Only the two junior entries, scored 10, 8, 6, 4 by their order between them.
    assert rows == [(1, "Nathanaël Berthon", 56), (2, "Jessica Bäckman", 50)]
    # The guest scores nowhere.
    overall = get("/api/v1/seasons/2023/standings/drivers/").json()
    assert "Guest Star" not in [row["driver"]["name"] for row in overall["drivers"]]


def test_unknown_classification_names_those_there_are(get, championship):
    response = get("/api/v1/seasons/2023/standings/veterans/")

    assert response.status_code == 404
    assert "drivers, juniors" in response.json()["detail"]
