"""Reports: published only, as on the site; the newsroom's other versions named."""

import datetime as dt

import pytest
from django.utils import timezone

from racing.models import Quote, RaceReport, ReportQuote
from tests.api.conftest import make_report
from tests.factories import make_driver, make_event

pytestmark = pytest.mark.django_db

S = RaceReport.Status


@pytest.fixture
def newsroom(db):
    event = make_event()
    now = timezone.now()
    return {
        "out": make_report(event=event, title="Out now"),
        "due": make_report(event=event, title="Due", status=S.SCHEDULED),
        "embargoed": make_report(
            event=event,
            title="Embargoed",
            status=S.SCHEDULED,
            publish_at=now + dt.timedelta(hours=1),
        ),
        "draft": make_report(event=event, title="Draft", status=S.DRAFT),
        "withdrawn": make_report(event=event, title="Pulled", status=S.WITHDRAWN),
    }


def test_only_published_reports_are_listed(get, newsroom):
    answer = get("/api/v1/reports/").json()

    assert answer["count"] == 2
    assert {r["title"] for r in answer["results"]} == {"Out now", "Due"}


@pytest.mark.parametrize("case", ["embargoed", "draft", "withdrawn"])
def test_an_unpublished_report_is_not_found(get, newsroom, case):
    response = get(f"/api/v1/reports/{newsroom[case].slug}/")

    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"No published report “{newsroom[case].slug}”."
    )


def test_an_embargoed_report_appears_when_its_time_comes(get, newsroom, settings):
    report = newsroom["embargoed"]
    assert get(f"/api/v1/reports/{report.slug}/").status_code == 404

    RaceReport.objects.filter(pk=report.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )

    # No save signal: the cached answer must not outlive the embargo either.
    assert get(f"/api/v1/reports/{report.slug}/").status_code == 200


def test_report_detail_renders_lead_and_body_with_quotes_in_place(get, db):
    event = make_event()
    driver = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    quote = Quote.objects.create(
        event=event, driver=driver, text="Points at last!", is_published=True
    )
    hidden = Quote.objects.create(
        event=event, driver=driver, text="Not for print.", is_published=False
    )
    report = make_report(
        event=event,
        lead="Jessica scores **points**.",
        body="First paragraph.\n\n[[quote 1]]\n\n[[quote 2]]\n\n<script>x</script>",
    )
    ReportQuote.objects.create(report=report, quote=quote, order=1)
    ReportQuote.objects.create(report=report, quote=hidden, order=2)
    report.drivers.add(driver)

    answer = get(f"/api/v1/reports/{report.slug}/").json()

    assert answer["lead_html"] == "<p>Jessica scores <strong>points</strong>.</p>"
    assert "Points at last!" in answer["body_html"]
    assert "Not for print." not in answer["body_html"]
    assert "<script>" not in answer["body_html"]
    assert answer["drivers"][0]["name"] == "Jessica Bäckman"
    assert answer["page"].endswith(f"/reports/{report.slug}/")


def test_language_filter_and_each_report_names_its_translations(get, demo, settings):
    english, swedish = demo["report"], demo["report_sv"]

    everything = get("/api/v1/reports/").json()
    in_swedish = get("/api/v1/reports/?language=sv").json()

    assert everything["count"] == 2
    assert [r["slug"] for r in in_swedish["results"]] == [swedish.slug]
    assert in_swedish["results"][0]["translations"] == [
        {
            "language": "en",
            "slug": english.slug,
            "url": f"{settings.SITE_URL}/api/v1/reports/{english.slug}/",
        }
    ]
    detail = get(f"/api/v1/reports/{english.slug}/").json()
    assert [(t["language"], t["slug"]) for t in detail["translations"]] == [
        ("sv", swedish.slug)
    ]
    assert in_swedish["results"][0]["page"].endswith(f"/sv/reports/{swedish.slug}/")


def test_an_unpublished_translation_is_not_named(get, demo):
    english, swedish = demo["report"], demo["report_sv"]
    RaceReport.objects.filter(pk=swedish.pk).update(status=S.DRAFT)

    detail = get(f"/api/v1/reports/{english.slug}/").json()

    assert detail["translations"] == []


def test_reports_filter_by_season_event_and_driver(get, demo):
    event = demo["event"]

    assert get("/api/v1/reports/?season=2021").json()["count"] == 2
    assert get(f"/api/v1/reports/?event={event.slug}").json()["count"] == 2
    assert get("/api/v1/reports/?event=elsewhere").json()["count"] == 0
    assert get("/api/v1/reports/?driver=jessica-backman").json()["count"] == 2
    assert get("/api/v1/reports/?season=1999").status_code == 400
    response = get("/api/v1/reports/?language=de")
    assert response.status_code == 422
    assert "'en' or 'sv'" in response.json()["detail"][0]["msg"]
