import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from racing.models import SiteSettings
from tests.factories import make_driver, make_event, make_season, make_series

from .conftest import make_report, sitemap_xml

pytestmark = pytest.mark.django_db

# A copy of ../shared/seed/press-release-nurburgring.txt, so the test always runs.
SEED = Path(__file__).resolve().parents[1] / "data/press-release-nurburgring.txt"


def _json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json"( nonce="[^"]+")?>(.*?)</script>',
        html,
        re.S,
    )
    return [(nonce, json.loads(text)) for nonce, text in blocks]


# -- the seed report -------------------------------------------------------


def test_seed_report_reads_like_the_release(client, demo):
    html = client.get(demo["report"].get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&quot;", '"')
    text = text.replace("&#x27;", "'").replace("&#39;", "'")

    release = SEED.read_text(encoding="utf-8").splitlines()
    lines = [line.strip() for line in release if line.strip()]
    assert len(lines) > 30
    skipped = 0
    for line in lines:
        if "Photo: FIA WTCR" in line:  # photo captions belong to the galleries
            skipped += 1
            continue
        # Quotes keep their words; the ", says Jessica Bäckman" becomes a caption.
        words = re.sub(r"^- ", "", line)
        words = re.sub(r",? ?(says )?(Andreas|Jessica) Bäckman( says)?\.?$", "", words)
        assert re.sub(r"\s+", " ", words).strip(" .") in text, line
    assert skipped == 2


def test_seed_report_has_both_languages_linked(client, demo):
    english, swedish = demo["report"], demo["report_sv"]

    html = client.get(english.get_absolute_url()).content.decode()

    assert (
        english.get_absolute_url()
        == "/reports/crash-and-first-points-in-the-wtcr-premiere/"
    )
    assert swedish.get_absolute_url().startswith("/sv/reports/")
    assert (
        f'hreflang="sv" href="http://127.0.0.1:8000{swedish.get_absolute_url()}"'
        in html
    )
    assert (
        f'rel="canonical" href="http://127.0.0.1:8000{english.get_absolute_url()}"'
        in html
    )
    assert f'href="{swedish.get_absolute_url()}" hreflang="sv" lang="sv"' in html
    assert "Läs på svenska" in html


def test_swedish_report_page(client, demo):
    swedish = demo["report_sv"]

    response = client.get(swedish.get_absolute_url())

    html = response.content.decode()
    assert response.headers["Content-Language"] == "sv"
    assert '<html lang="sv">' in html
    assert "Krasch och första poängen" in html
    assert "Jag hade inte väntat mig poäng" in html  # its Swedish quotes
    assert "I did not expect points" not in html
    assert "21:a" in html and "16:e" in html
    assert "Read in English" in html


def test_other_language_url_leads_to_the_translation(client, demo):
    english, swedish = demo["report"], demo["report_sv"]

    to_swedish = client.get("/sv" + english.get_absolute_url())
    to_english = client.get(swedish.get_absolute_url().removeprefix("/sv"))

    assert to_swedish.status_code == 302
    assert to_swedish["Location"] == swedish.get_absolute_url()
    assert to_english["Location"] == english.get_absolute_url()


def test_untranslated_report_reads_under_the_other_interface(client):
    report = make_report(title="Only in English")

    response = client.get("/sv" + report.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html and '<article class="report" lang="en">' in html
    assert (
        f'rel="canonical" href="http://127.0.0.1:8000{report.get_absolute_url()}"'
        in html
    )


def test_open_graph_twitter_and_news_article(client, demo):
    report = demo["report"]

    response = client.get(report.get_absolute_url())

    html = response.content.decode()
    assert f'<meta property="og:title" content="{report.title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    assert (
        'property="article:published_time" content="2021-06-06T09:00:00+02:00"' in html
    )
    [(nonce, article)] = _json_ld(html)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == report.title
    assert article["inLanguage"] == "en"
    assert article["datePublished"].startswith("2021-06-06T07:00:00")
    assert article["about"]["name"] == "WTCR Race of Germany"
    # The CSP allows the block through its nonce.
    csp = response.headers["Content-Security-Policy"]
    assert nonce and f"'nonce-{nonce.split('"')[1]}'" in csp


def test_without_a_cache_a_report_reads_the_site_settings_once(client, settings):
    """The frame and the JSON-LD both name the team: one query, not two."""
    SiteSettings.objects.create(name="Nordic Touring")
    report = make_report()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }

    with CaptureQueriesContext(connection) as queries:
        response = client.get(report.get_absolute_url())

    reads = [q for q in queries if "racing_sitesettings" in q["sql"]]
    assert len(reads) == 1
    [(_, article)] = _json_ld(response.content.decode())
    assert article["publisher"]["name"] == "Nordic Touring"
    assert "<title>Report number" in response.content.decode()


def test_json_ld_cannot_be_broken_out_of(client):
    report = make_report(title="</script><script>alert(1)</script>", lead="<!-- & -->")

    html = client.get(report.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    [(_nonce, article)] = _json_ld(html)
    assert article["headline"] == report.title
    assert article["description"] == "<!-- & -->"


def test_detail_sends_an_etag_and_answers_304(client):
    report = make_report()
    url = report.get_absolute_url()

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("page_cache", ["on", "off"])
def test_304_also_for_the_weak_etag_a_compressing_proxy_hands_out(
    client, settings, page_cache
):
    """nginx and CDNs mark the ETag weak (W/"…") when they compress the page,
    and browsers send it back so: still the same page, still 304, whether the
    page comes from the page cache or is made again (after a save, or with
    Redis down)."""
    if page_cache == "off":
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        }
    report = make_report()
    url = report.get_absolute_url()
    etag = client.get(url)["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}")

    assert again.status_code == 304
    assert again.content == b"" and again["ETag"] == etag


def test_edit_changes_the_etag(client):
    report = make_report()
    url = report.get_absolute_url()
    etag = client.get(url)["ETag"]

    report.title = "Corrected title"
    report.save()  # as the admin saves it (a raw queryset update skips signals)

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Corrected title" in response.content.decode()


def test_a_corrected_result_is_not_answered_as_not_modified(client, demo):
    """The results block is generated, so fixing a result changes the page
    even though the report itself was not saved."""
    url = demo["report"].get_absolute_url()
    etag = client.get(url)["ETag"]
    result = demo["sessions"]["Race 2"].results.get(driver__first_name="Jessica")
    result.position = 15
    result.save()

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "15th place" in response.content.decode()


def test_print_styles_exist_for_reports():
    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    section = css[css.index("/* == Reports") :]

    assert "@media print" in section
    assert ".preview-banner" in section


# -- the list ----------------------------------------------------------------


@pytest.fixture
def many_reports(db):
    """36 reports over three seasons of two series, with drivers picked."""
    jessica = make_driver(first_name="Jessica", slug="jessica", is_own=True)
    andreas = make_driver(first_name="Andreas", slug="andreas", is_own=True)
    now = timezone.now()
    reports = []
    for year, series in [(2021, make_series()), (2022, None), (2023, make_series())]:
        season = make_season(year=year, series=series, slug=f"season-{year}")
        for round_number in range(1, 5):
            event = make_event(season=season, slug=f"event-{year}-{round_number}")
            for n in range(3):
                report = make_report(
                    event=event,
                    title=f"Report {year} R{round_number} #{n}",
                    publish_at=now - dt.timedelta(days=year * 10 + round_number + n),
                )
                report.drivers.set([jessica] if n % 2 else [andreas, jessica])
                reports.append(report)
    return reports


def test_list_query_count_is_fixed(client, many_reports, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("racing:report-list"))

    assert response.status_code == 200
    assert response.content.decode().count('class="card report-card"') == 12


def test_list_query_count_with_filters_and_page(
    client, many_reports, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("racing:report-list"),
            {"season": "season-2022", "driver": "jessica", "page": "1"},
        )

    assert response.content.decode().count('class="card report-card"') == 12


def test_detail_query_count_is_fixed(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(demo["report"].get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"season": "season-2021"}, 12),
        ({"event": "event-2023-2"}, 3),
        ({"driver": "andreas"}, 24),
        ({"driver": "andreas", "season": "season-2022"}, 8),
    ],
)
def test_filters(client, many_reports, params, expected):
    response = client.get(reverse("racing:report-list"), params)

    assert response.context["page_obj"].paginator.count == expected


def test_unknown_filter_value_says_so_and_filters_nothing(client, many_reports):
    response = client.get(reverse("racing:report-list"), {"season": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html
    assert response.context["page_obj"].paginator.count == len(many_reports)


def test_pagination_keeps_filters_and_survives_bad_pages(client, many_reports):
    second = client.get(reverse("racing:report-list"), {"driver": "jessica", "page": 2})
    bad = client.get(reverse("racing:report-list"), {"page": "x"})

    html = second.content.decode()
    assert "Page 2 of 3" in html
    assert 'href="?driver=jessica&amp;page=3"' in html
    assert bad.status_code == 200 and bad.context["page_obj"].number == 1


def test_newest_first(client, many_reports):
    response = client.get(reverse("racing:report-list"))

    shown = [report.title for report in response.context["reports"]]
    assert shown[0] == "Report 2021 R1 #0"


def test_swedish_list_shows_a_story_once_in_swedish(client, demo):
    only_english = make_report(event=demo["event"], title="English only")

    html = client.get("/sv/reports/").content.decode()

    assert demo["report_sv"].title in html
    assert demo["report"].title not in html
    assert only_english.title in html and 'lang="en"' in html


# -- feeds, sitemap, robots ------------------------------------------------


def test_feeds_are_per_language(client, demo):
    english = feedparser.parse(client.get("/reports/feed/rss/").content)
    swedish = feedparser.parse(client.get("/sv/reports/feed/atom/").content)

    assert english.feed.language == "en"
    assert [e.title for e in english.entries] == [demo["report"].title]
    assert [e.title for e in swedish.entries] == [demo["report_sv"].title]
    assert swedish.entries[0].link.endswith(demo["report_sv"].get_absolute_url())
    assert english.entries[0].summary == f"<p>{demo['report'].lead}</p>"
    assert english.entries[0].published_parsed[:3] == (2021, 6, 6)


def test_a_feed_describes_the_team_the_press_officer_named(client, demo):
    from racing.models import SiteSettings

    SiteSettings.objects.update_or_create(pk=1, defaults={"name": "Nordic Touring"})

    english = feedparser.parse(client.get("/reports/feed/rss/").content)
    swedish = feedparser.parse(client.get("/sv/reports/feed/atom/").content)

    assert english.feed.title == "Nordic Touring: race reports"
    assert english.feed.description == "Race reports from Nordic Touring."
    assert swedish.feed.subtitle == "Tävlingsrapporter från Nordic Touring."
    assert "Andreas" not in english.feed.description


def test_a_feeds_queries_do_not_grow_with_its_items(
    client, settings, django_assert_max_num_queries
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    for n in range(8):
        make_report(title=f"Round {n}")

    with django_assert_max_num_queries(5):
        feed = feedparser.parse(client.get("/reports/feed/rss/").content)

    assert len(feed.entries) == 8
    assert {entry.author for entry in feed.entries} == {feed.feed.title.split(":")[0]}


def test_feed_conditional_get(client, demo):
    first = client.get("/reports/feed/atom/")
    assert first["ETag"]
    again = client.get(
        "/reports/feed/atom/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert again.status_code == 304
    make_report(title="Fresh news")  # within the same second, most likely
    fresh = client.get("/reports/feed/atom/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200
    assert "Fresh news" in fresh.content.decode()


def test_sitemap_has_reports_in_their_language_and_pages_in_both(client, demo):
    xml = sitemap_xml(client)

    assert demo["report"].get_absolute_url() in xml
    assert demo["report_sv"].get_absolute_url() in xml
    assert "/sv/reports/</loc>" in xml and "/reports/</loc>" in xml
    assert "/events/wtcr-2021-race-of-germany/" in xml


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_the_sitemap_is_an_index_of_cached_sections(
    client, demo, django_assert_num_queries
):
    index = client.get("/sitemap.xml").content.decode()
    client.get("/sitemap-reports.xml")

    with django_assert_num_queries(0):
        again = client.get("/sitemap-reports.xml")

    assert "<sitemapindex" in index
    for section in ("reports", "pages", "events", "drivers", "seasons", "galleries"):
        assert f"/sitemap-{section}.xml</loc>" in index, section
    assert demo["report"].get_absolute_url() in again.content.decode()
