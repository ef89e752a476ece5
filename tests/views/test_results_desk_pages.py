"""What fans see of the results desk: team-only sessions, amended results,
classes in the results block, career figures, rivals in search."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from racing.models import Entry, Session
from racing.services.careers import career_figures
from racing.services.points import recompute_season
from tests.factories import (
    make_classification,
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_scale,
    make_session,
    make_team,
)
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def test_the_demo_standings_say_team_drivers_only_and_rank_nobody_first(client, demo):
    html = client.get(reverse("racing:standings")).content.decode()

    assert "Team drivers only." in html
    rows = [row for row in html.split("<tr")[1:] if "Jessica Bäckman" in row]
    assert rows and all('<td class="num">–</td>' in row for row in rows)
    assert not any('<td class="num">1</td>' in row for row in rows)


def test_the_demo_event_page_labels_each_table_team_drivers_only(client, demo):
    html = client.get(demo["event"].get_absolute_url()).content.decode()

    assert html.count("Results: Race 2 (team drivers only)") == 1
    swedish = client.get("/sv" + demo["event"].get_absolute_url()).content.decode()
    assert "(endast teamets förare)" in swedish


def test_a_full_field_is_ranked_without_the_label(client):
    race = make_session()
    ours = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    make_result(session=race, driver=make_driver(last_name="Winner"), position=1)
    make_result(session=race, driver=ours, position=2)

    html = client.get(race.event.season.get_absolute_url()).content.decode()

    assert "team drivers only" not in html.lower()
    assert '<td class="num">2</td>' in html


def test_amended_results_say_so_with_the_date(client):
    race = make_session()
    make_result(session=race, driver=make_driver(), position=1)
    when = timezone.make_aware(dt.datetime(2031, 10, 12, 18, 0))
    Session.objects.filter(pk=race.pk).update(
        results_status="amended", results_amended_at=when
    )

    html = client.get(race.event.get_absolute_url()).content.decode()
    swedish = client.get("/sv" + race.event.get_absolute_url()).content.decode()

    assert "Results amended 12 October 2031" in html
    assert "Resultat ändrade 12 oktober 2031" in swedish


def test_provisional_results_are_labelled(client):
    race = make_session()
    make_result(session=race, position=1)

    html = client.get(race.event.get_absolute_url()).content.decode()

    assert "Provisional results" in html


@pytest.fixture
def trophy_weekend():
    """Jessica, an independent in the Trophy, 5th overall and 2nd in class."""
    event = make_event()
    season = event.season
    trophy = make_classification(season=season, name="WTCR Trophy", slug="trophy")
    make_scale(classification=trophy, name="Trophy", default_for="race")
    race = make_session(event=event, name="Race 1")
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    for position in range(1, 6):
        driver = jessica if position == 5 else make_driver()
        entry = make_entry(season=season, driver=driver, team=make_team())
        if position in (3, 5):
            entry.classifications.add(trophy)
    for position, entry in enumerate(
        Entry.objects.filter(season=season).order_by("pk"), start=1
    ):
        make_result(session=race, driver=entry.driver, position=position)
    recompute_season(season=season)
    return {"event": event, "jessica": jessica, "race": race}


def test_the_results_block_gives_the_class_place_in_both_languages(
    client, trophy_weekend
):
    english = make_report(event=trophy_weekend["event"], slug="en-report")
    swedish = make_report(
        event=trophy_weekend["event"], slug="sv-report", language="sv"
    )

    en = client.get(english.get_absolute_url()).content.decode()
    sv = client.get(swedish.get_absolute_url()).content.decode()

    assert "<strong>5th place</strong> (2nd in WTCR Trophy)" in en
    assert "<strong>5:e plats</strong> (2:a i WTCR Trophy)" in sv


def test_class_points_never_count_twice_in_career_figures(trophy_weekend):
    figures = career_figures(driver=trophy_weekend["jessica"])

    assert (figures.starts, figures.points) == (1, 11)


def test_rival_drivers_and_teams_are_found_by_search(client):
    race = make_session()
    team = make_team(name="Comtoyou Racing")
    coronel = make_driver(first_name="Tom", last_name="Coronel")
    Entry.objects.create(season=race.event.season, driver=coronel, team=team)
    make_result(session=race, driver=coronel, position=1)

    html = client.get(reverse("racing:search"), {"q": "coronel"}).content.decode()
    teams = client.get(reverse("racing:search"), {"q": "comtoyou"}).content.decode()

    assert "Tom Coronel" in html and race.event.get_absolute_url() in html
    assert "Comtoyou Racing" in teams
