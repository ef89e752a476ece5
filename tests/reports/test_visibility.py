"""Only published reports whose time has come reach anonymous visitors."""

import feedparser
import pytest
from django.urls import reverse

from .conftest import HIDDEN, VISIBLE, sitemap_xml

pytestmark = pytest.mark.django_db


def test_list_shows_only_visible_reports(client, visibility_cases):
    html = client.get(reverse("racing:report-list")).content.decode()

    for key in VISIBLE:
        assert visibility_cases[key].title in html, key
    for key in HIDDEN:
        assert visibility_cases[key].title not in html, key


@pytest.mark.parametrize("key", VISIBLE)
def test_detail_of_visible_report(client, visibility_cases, key):
    report = visibility_cases[key]

    response = client.get(report.get_absolute_url())

    assert response.status_code == 200
    assert report.title in response.content.decode()


@pytest.mark.parametrize("key", HIDDEN)
def test_detail_of_hidden_report_is_not_found(client, visibility_cases, key):
    response = client.get(visibility_cases[key].get_absolute_url())

    assert response.status_code == 404
    assert visibility_cases[key].title not in response.content.decode()


@pytest.mark.parametrize("name", ["racing:report-feed-rss", "racing:report-feed-atom"])
def test_feeds_carry_only_visible_reports(client, visibility_cases, name):
    feed = feedparser.parse(client.get(reverse(name)).content)

    titles = {entry.title for entry in feed.entries}
    assert titles == {visibility_cases[key].title for key in VISIBLE}


def test_sitemap_lists_only_visible_reports(client, visibility_cases):
    xml = sitemap_xml(client)

    for key in VISIBLE:
        assert visibility_cases[key].get_absolute_url() in xml, key
    for key in HIDDEN:
        assert visibility_cases[key].get_absolute_url() not in xml, key


def test_scheduled_report_appears_once_its_time_has_come(client, visibility_cases):
    import datetime as dt

    from django.utils import timezone

    report = visibility_cases["scheduled_future"]
    assert client.get(report.get_absolute_url()).status_code == 404

    report.publish_at = timezone.now() - dt.timedelta(seconds=1)
    report.save()

    assert client.get(report.get_absolute_url()).status_code == 200
    assert report.title in client.get(reverse("racing:report-list")).content.decode()


def test_withdrawing_takes_a_report_off_every_surface(client, visibility_cases):
    report = visibility_cases["published"]
    report.status = report.Status.WITHDRAWN
    report.save()

    assert client.get(report.get_absolute_url()).status_code == 404
    assert (
        report.title not in client.get(reverse("racing:report-list")).content.decode()
    )
    rss = feedparser.parse(client.get(reverse("racing:report-feed-rss")).content)
    assert report.title not in {entry.title for entry in rss.entries}
    assert report.get_absolute_url() not in sitemap_xml(client)


@pytest.mark.parametrize("key", HIDDEN)
def test_preview_shows_any_report_to_the_press_officer(
    press_client, visibility_cases, key
):
    report = visibility_cases[key]

    response = press_client.get(reverse("racing:report-preview", args=[report.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert report.title in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "no-store" in response.headers["Cache-Control"]
    # The very same template as the public page.
    assert [t.name for t in response.templates][0] == "racing/racereport_detail.html"


def test_preview_is_closed_to_visitors(client, visibility_cases):
    report = visibility_cases["draft"]

    response = client.get(reverse("racing:report-preview", args=[report.pk]))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_preview_is_closed_to_staff_without_report_permission(
    client, django_user_model, visibility_cases
):
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)

    response = client.get(
        reverse("racing:report-preview", args=[visibility_cases["draft"].pk])
    )

    assert response.status_code == 403
