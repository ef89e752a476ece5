import datetime as dt
import json
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from racing.models import Circuit, RaceReport, Result, SessionKind
from tests.factories import (
    make_driver,
    make_entry,
    make_event,
    make_quote,
    make_result,
    make_season,
    make_session,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def make_report(event, **overrides):
    fields = {
        "title": "Crash and first points",
        "slug": f"report-{RaceReport.objects.count() + 1}",
        "lead": "The siblings made their debut.",
        "status": RaceReport.Status.PUBLISHED,
        "publish_at": NOW - dt.timedelta(hours=1),
    }
    return RaceReport.objects.create(event=event, **{**fields, **overrides})


def json_ld(response):
    html = response.content.decode()
    blocks = re.findall(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


# -- home ---------------------------------------------------------------------


def test_home_lists_only_published_reports(client):
    event = make_event()
    make_report(event, title="Out now")
    make_report(event, title="Scheduled, time has come", status="scheduled")
    make_report(
        event,
        title="Embargoed",
        status="scheduled",
        publish_at=NOW + dt.timedelta(hours=1),
    )
    make_report(event, title="A draft", status="draft", publish_at=None)
    make_report(event, title="Pulled", status="withdrawn")

    html = client.get(reverse("racing:home")).content.decode()

    assert "Out now" in html
    assert "Scheduled, time has come" in html
    for hidden in ("Embargoed", "A draft", "Pulled"):
        assert hidden not in html


def test_home_shows_a_translation_instead_of_its_original(client):
    event = make_event()
    original = make_report(event, title="First points", language="en")
    make_report(event, title="Första poängen", language="sv", translation_of=original)

    english = client.get("/").content.decode()
    swedish = client.get("/sv/").content.decode()

    assert "First points" in english and "Första poängen" not in english
    assert "Första poängen" in swedish and "First points" not in swedish


def test_home_shows_next_event_latest_results_and_drivers(client):
    today = timezone.localdate()
    season = make_season(year=today.year)
    andreas = make_driver(first_name="Andreas", last_name="Bäckman", is_own=True)
    rival = make_driver(first_name="Rob", last_name="Huff")
    past = make_event(
        season=season, name="Race of Germany", start_date=today - dt.timedelta(days=30)
    )
    race = make_session(event=past, name="Race 2")
    make_result(session=race, driver=andreas, status=Result.Status.DID_NOT_FINISH)
    make_result(session=race, driver=rival, position=1)
    circuit = Circuit.objects.create(
        name="Circuito do Estoril",
        slug="estoril",
        country="PT",
        timezone="Europe/Lisbon",
    )
    make_event(
        season=season,
        name="Race of Portugal",
        circuit=circuit,
        start_date=today + dt.timedelta(days=10),
    )

    html = client.get("/").content.decode()

    assert "Race of Portugal" in html and "Circuito do Estoril, Portugal" in html
    assert 'title="Did not finish">DNF</abbr>' in html
    assert "Rob Huff" not in html  # latest results are our drivers' only
    assert reverse("racing:driver-detail", args=[andreas.slug]) in html


# -- event page ---------------------------------------------------------------


def test_event_page_shows_each_session_results_table(client):
    season = make_season()
    event = make_event(season=season, summary="Mixed weather on the Nordschleife.")
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    andreas = make_driver(first_name="Andreas", last_name="Bäckman", is_own=True)
    make_entry(season=season, driver=jessica, number=86)
    race = make_session(
        event=event, name="Race 2", conditions="wet", weather="14 °C, showers"
    )
    make_result(
        session=race,
        driver=jessica,
        position=14,
        laps=3,
        best_lap=dt.timedelta(minutes=9, seconds=2, milliseconds=345),
        gap="+1:02.456",
    )
    make_result(session=race, driver=andreas, status=Result.Status.DID_NOT_FINISH)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Mixed weather on the Nordschleife." in html
    assert "Track: Wet" in html and "Weather: 14 °C, showers" in html
    row = re.search(r'<tr class="is-own">(.*?)</tr>', html, re.S).group(1)
    # On phones the number, laps and best lap are a line under the name.
    detail = re.search(r'<span class="row-detail">(.*?)</span>', row).group(1)
    assert detail == "#86 · 3 laps · 9:02.345"
    row = row.replace(detail, "")
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]
    assert cells == ["14", "Jessica Bäckman", "86", "3", "9:02.345", "+1:02.456", "2"]
    assert html.index("Jessica Bäckman") < html.index('title="Did not finish"')


def test_event_page_links_published_reports_and_quotes_only(client):
    event = make_event()
    make_report(event, title="Visible report")
    make_report(event, title="Draft report", status="draft", publish_at=None)
    make_quote(event=event, text="Published words")
    make_quote(event=event, text="Unpublished words", is_published=False)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Visible report" in html and "Draft report" not in html
    assert "Published words" in html and "Unpublished words" not in html


def test_event_page_has_sports_event_json_ld_and_canonical(client, settings):
    settings.SITE_URL = "https://backman.example"
    event = make_event(name="Race of Germany </script><script>alert(1)</script>")

    response = client.get(event.get_absolute_url())

    [data] = json_ld(response)
    assert data["@type"] == "SportsEvent"
    assert data["name"] == event.name
    assert data["startDate"] == event.start_date.isoformat()
    assert data["url"] == f"https://backman.example{event.get_absolute_url()}"
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert (
        f'<link rel="canonical" href="https://backman.example{event.get_absolute_url()}">'
        in html
    )
    assert 'property="og:title"' in html and 'name="twitter:card"' in html


def test_unknown_event_is_a_friendly_404(client):
    response = client.get("/events/no-such-weekend/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# -- calendar -----------------------------------------------------------------


def test_calendar_shows_past_results_and_upcoming_local_times(client):
    today = timezone.localdate()
    season = make_season(year=today.year)
    andreas = make_driver(first_name="Andreas", last_name="Bäckman", is_own=True)
    past = make_event(
        season=season, name="Race of Germany", start_date=today - dt.timedelta(days=60)
    )
    make_result(
        session=make_session(event=past, name="Race 1"), driver=andreas, position=20
    )
    lisbon = Circuit.objects.create(
        name="Estoril", slug="estoril", country="PT", timezone="Europe/Lisbon"
    )
    upcoming = make_event(
        season=season,
        name="Race of Portugal",
        circuit=lisbon,
        start_date=today + dt.timedelta(days=20),
    )
    start = dt.datetime.combine(
        upcoming.start_date, dt.time(13, 30), tzinfo=dt.UTC
    )  # 14:30 in Lisbon in winter, 15:30 in summer; Stockholm is one hour ahead
    make_session(
        event=upcoming, name="Qualifying", kind=SessionKind.QUALIFYING, starts_at=start
    )

    html = client.get(reverse("racing:calendar")).content.decode()

    upcoming_part, past_part = html.split('id="past"')
    assert "Race of Portugal" in upcoming_part
    lisbon_time = timezone.localtime(start, upcoming.circuit.zone).strftime("%H:%M")
    stockholm_time = timezone.localtime(start).strftime("%H:%M")
    assert lisbon_time != stockholm_time
    assert lisbon_time in upcoming_part and stockholm_time in upcoming_part
    assert "Stockholm time" in upcoming_part
    assert "Race of Germany" in past_part and "Andreas, Race 1: 20" in past_part


def test_season_calendar_by_slug_and_unknown_season(client):
    season = make_season(slug="wtcr-2019", year=2019)
    make_event(season=season, name="Race of Hungary")

    assert (
        "Race of Hungary" in client.get("/seasons/wtcr-2019/calendar/").content.decode()
    )
    assert client.get("/seasons/nope/calendar/").status_code == 404


def test_calendar_without_any_season_is_404(client):
    assert client.get(reverse("racing:calendar")).status_code == 404


def test_calendar_ics_parses_with_icalendar(client):
    icalendar = pytest.importorskip("icalendar")
    season = make_season(slug="wtcr-2021")
    event = make_event(season=season, name="Race of Germany; Nürburgring, Nordschleife")
    start = dt.datetime(2021, 6, 5, 9, 15, tzinfo=dt.UTC)
    make_session(event=event, name="Race 1", starts_at=start)
    make_session(event=event, name="Race 2")  # no time yet: only in the weekend entry

    response = client.get(reverse("racing:calendar-ics", args=["wtcr-2021"]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    weekend = entries["Race of Germany; Nürburgring, Nordschleife"]
    assert weekend.decoded("DTSTART") == event.start_date
    assert weekend.decoded("DTEND") == event.end_date + dt.timedelta(days=1)
    race = entries["Race 1 – Race of Germany; Nürburgring, Nordschleife"]
    assert race.decoded("DTSTART") == start
    assert len(entries) == 2
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


# -- standings ----------------------------------------------------------------


def test_standings_show_drivers_and_teams_with_points_per_round(client):
    season = make_season(year=timezone.localdate().year)
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    winner = make_driver(first_name="Yann", last_name="Ehrlacher")
    make_entry(season=season, driver=jessica)
    make_entry(season=season, driver=winner)
    for round_number in (1, 2):
        race = make_session(event=make_event(season=season, round_number=round_number))
        make_result(session=race, driver=winner, position=1)
        make_result(session=race, driver=jessica, position=14)

    html = client.get(reverse("racing:standings")).content.decode()

    drivers = html.split('id="drivers-table"')[1].split("</table>")[0]
    assert drivers.index("Yann Ehrlacher") < drivers.index("Jessica Bäckman")
    row = re.search(r'<tr class="is-own">(.*?)</tr>', drivers, re.S).group(1)
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]
    assert cells == ["2", "Jessica Bäckman", "4", "2", "2"]
    assert 'id="teams-table"' in html
    assert season.get_absolute_url() == f"/seasons/{season.slug}/standings/"


# -- drivers ------------------------------------------------------------------


def test_driver_list_shows_own_drivers_only(client):
    make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    make_driver(first_name="Rob", last_name="Huff")

    html = client.get(reverse("racing:driver-list")).content.decode()

    assert "Jessica Bäckman" in html and "Rob Huff" not in html


def test_rival_driver_has_no_page(client):
    rival = make_driver(is_own=False)

    assert client.get(f"/drivers/{rival.slug}/").status_code == 404


def test_driver_page_shows_career_entries_results_quotes(client):
    season = make_season(year=2021)
    jessica = make_driver(
        first_name="Jessica",
        last_name="Bäckman",
        is_own=True,
        bio="Swedish racing driver.",
    )
    make_entry(season=season, driver=jessica, number=86)
    event = make_event(season=season, name="Race of Germany")
    make_result(
        session=make_session(event=event, name="Race 1"), driver=jessica, position=21
    )
    make_result(
        session=make_session(event=event, name="Race 2"), driver=jessica, position=14
    )
    make_quote(event=event, driver=jessica, text="I did not expect points.")
    make_quote(event=event, driver=jessica, text="Secret", is_published=False)

    response = client.get(jessica.get_absolute_url())
    html = response.content.decode()

    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    assert facts == {
        "Starts": "2",
        "Points": "2",
        "Best finish": "14",
        "Podiums": "0",
        "Wins": "0",
        "DNFs": "0",
    }
    assert "86" in html and "Swedish racing driver." in html
    assert "I did not expect points." in html and "Secret" not in html
    [person] = json_ld(response)
    assert person["@type"] == "Person" and person["name"] == "Jessica Bäckman"


# -- search -------------------------------------------------------------------


def test_search_folds_accents_both_ways(client):
    make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    azcona = make_driver(first_name="Mikel", last_name="Azcona")
    make_event(
        name="Race of Germany",
        circuit=Circuit.objects.create(name="Nürburgring", slug="nbr", country="DE"),
    )

    assert "Jessica Bäckman" in client.get("/search/?q=backman").content.decode()
    assert (
        "Jessica Bäckman" in client.get("/search/?q=JESSICA+BÄCKMAN").content.decode()
    )
    assert "Race of Germany" in client.get("/search/?q=nurburgring").content.decode()
    rival = client.get("/search/?q=azcona").content.decode()
    assert "Mikel Azcona" in rival
    assert azcona.get_absolute_url() not in rival  # rivals have no page


def test_search_finds_published_reports_only_current_language_first(client):
    event = make_event()
    make_report(event, title="Bäckman en", publish_at=NOW - dt.timedelta(days=2))
    make_report(
        event, title="Bäckman sv", language="sv", publish_at=NOW - dt.timedelta(days=3)
    )
    make_report(event, title="Bäckman draft", status="draft", publish_at=None)
    make_report(
        event,
        title="Bäckman later",
        status="scheduled",
        publish_at=NOW + dt.timedelta(days=1),
    )

    english = client.get("/search/?q=backman").content.decode()
    swedish = client.get("/sv/search/?q=backman").content.decode()

    assert english.index("Bäckman en") < english.index("Bäckman sv")
    assert swedish.index("Bäckman sv") < swedish.index("Bäckman en")
    assert "Bäckman draft" not in english and "Bäckman later" not in english


@pytest.mark.parametrize(
    "query", ["%", "'; DROP TABLE racing_driver; --", ".*", "[a-z]"]
)
def test_search_treats_punctuation_as_text_not_patterns(client, query):
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)

    response = client.get(reverse("racing:search"), {"q": query})

    assert response.status_code == 200
    assert jessica.get_absolute_url() not in response.content.decode()


def test_search_without_words_says_so(client):
    html = client.get("/search/?q=%21%21").content.decode()

    assert "Type a word or a name to search for." in html


# -- all pages: headers, languages, query counts ------------------------------


def test_public_pages_are_cacheable_for_anonymous_visitors(client, admin_client):
    make_season()

    anonymous = client.get("/standings/")
    staff = admin_client.get("/standings/")

    # Browsers look again after 30 s; a CDN keeps it 5 minutes, purged by tag.
    control = anonymous["Cache-Control"]
    assert "public" in control and "max-age=30" in control and "s-maxage=300" in control
    assert "Cookie" in anonymous["Vary"]
    assert "private" in staff["Cache-Control"]
    assert "csrftoken" not in anonymous.cookies


@pytest.mark.parametrize("path", ["/standings/", "/sv/standings/", "/api/v1/events/"])
def test_a_page_does_not_vary_by_the_browsers_language(client, path):
    """The address alone says the language (English unprefixed, /sv/ Swedish):
    a CDN must keep one copy, not one per Accept-Language a browser sends."""
    make_season()

    swedish_browser = client.get(path, HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9")
    english_browser = client.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")

    assert swedish_browser.status_code == 200
    assert "Accept-Language" not in swedish_browser["Vary"]
    assert swedish_browser["Content-Language"] == english_browser["Content-Language"]

    def page(response):
        return re.sub(rb'nonce="[^"]*"', b"", response.content)

    assert page(swedish_browser) == page(english_browser)


def test_swedish_pages_say_so_and_link_both_languages(client, settings):
    settings.SITE_URL = "https://backman.example"
    make_season()

    html = client.get("/sv/standings/").content.decode()

    assert '<html lang="sv">' in html
    assert (
        '<link rel="alternate" hreflang="en" href="https://backman.example/standings/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="sv" href="https://backman.example/sv/standings/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="https://backman.example/standings/">'
        in html
    )
    # The language switch keeps the visitor on the same page.
    link = re.search(r'<a href="/standings/" hreflang="en" lang="en">(.*?)</a>', html)
    assert "English" in link.group(1)  # "EN" on screen, "English" to listen to


def test_500_page_renders_without_context_or_queries(django_assert_num_queries):
    with translation.override("sv"), django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert '<html lang="sv">' in html and 'href="/sv/"' in html


def page_urls(data):
    past = data["seasons"][-1]
    event = past.events.order_by("round_number").last()
    return [
        "/",
        "/sv/",
        event.get_absolute_url(),
        reverse("racing:calendar"),
        reverse("racing:season-calendar", args=[past.slug]),
        reverse("racing:calendar-ics", args=[past.slug]),
        reverse("racing:standings"),
        past.get_absolute_url(),
        reverse("racing:driver-list"),
        data["own"][0].get_absolute_url(),
        reverse("racing:search") + "?q=backman+report",
        reverse("racing:search") + "?q=session",
    ]


def test_every_page_runs_at_most_10_queries(
    client, big_db, django_assert_max_num_queries
):
    assert Result.objects.count() == 3 * 6 * 5 * 20
    for url in page_urls(big_db):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200, url


def test_big_pages_show_the_data(client, big_db):
    past = big_db["seasons"][-1]
    html = client.get(past.get_absolute_url()).content.decode()
    assert html.count('class="is-own"') == 3  # two drivers, one team
    event = past.events.first()
    html = client.get(event.get_absolute_url()).content.decode()
    results = html[html.index('class="data-table result-table"') : html.index("<aside")]
    assert results.count("<tr") == 5 * (20 + 1)
