"""One click must not lose published work: deleting is refused, saying what
depends on the object or that it is public, until the press officer has
withdrawn or emptied it."""

import pytest
from django.urls import reverse

from racing.models import Gallery, RaceReport, Result, Session
from tests.factories import make_event, make_result, make_session
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def delete(client, obj):
    url = reverse(f"admin:racing_{obj._meta.model_name}_delete", args=[obj.pk])
    return client.post(url, {"post": "yes"})


def bulk_delete(client, model, objs):
    url = reverse(f"admin:racing_{model._meta.model_name}_changelist")
    return client.post(
        url,
        {
            "action": "delete_selected",
            "_selected_action": [obj.pk for obj in objs],
            "post": "yes",
        },
    )


def test_a_session_with_results_is_not_deleted(press_client):
    race = make_session()
    make_result(session=race, position=1)

    response = delete(press_client, race)

    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert Session.objects.filter(pk=race.pk).exists()
    assert Result.objects.count() == 1


def test_an_event_whose_sessions_have_results_is_not_deleted(press_client):
    race = make_session()
    make_result(session=race, position=1)

    delete(press_client, race.event)

    assert Result.objects.count() == 1


def test_an_empty_session_can_be_deleted(press_client):
    race = make_session()

    assert delete(press_client, race).status_code == 302
    assert not Session.objects.filter(pk=race.pk).exists()


def test_deleting_an_original_report_keeps_its_translation(press_client):
    english = make_report(status=RaceReport.Status.DRAFT, publish_at=None)
    swedish = make_report(
        event=english.event,
        language="sv",
        translation_of=english,
        status=RaceReport.Status.DRAFT,
        publish_at=None,
    )

    response = delete(press_client, english)

    assert response.status_code == 200
    assert swedish.title in response.content.decode()
    assert RaceReport.objects.count() == 2


def test_a_published_report_is_not_deleted_until_withdrawn(press_client):
    report = make_report(title="Points at the Green Hell")

    page = press_client.get(
        reverse("admin:racing_racereport_delete", args=[report.pk])
    ).content.decode()
    delete(press_client, report)

    assert "is public or scheduled: withdraw it first" in page
    assert RaceReport.objects.filter(pk=report.pk).exists()
    report.status = RaceReport.Status.WITHDRAWN
    report.save()
    assert delete(press_client, report).status_code == 302
    assert not RaceReport.objects.filter(pk=report.pk).exists()


def test_the_delete_action_spares_published_reports(press_client):
    public = make_report()
    draft = make_report(status=RaceReport.Status.DRAFT, publish_at=None)

    bulk_delete(press_client, RaceReport, [public, draft])

    assert RaceReport.objects.filter(pk__in=[public.pk, draft.pk]).count() == 2


def test_a_published_gallery_is_not_deleted_until_unpublished(press_client):
    gallery = Gallery.objects.create(
        event=make_event(), title="Race day", slug="race-day", is_published=True
    )

    delete(press_client, gallery)

    assert Gallery.objects.filter(pk=gallery.pk).exists()
    gallery.is_published = False
    gallery.save()
    assert delete(press_client, gallery).status_code == 302
    assert not Gallery.objects.filter(pk=gallery.pk).exists()
