"""The press area and the embargoed copy of a scheduled report."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from racing.models import EmbargoOpening, Journalist, PressContact, RaceReport
from racing.services import embargo
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def test_press_area_lists_contacts_releases_and_how_to_subscribe(
    client, django_assert_max_num_queries
):
    PressContact.objects.create(
        name="Maja Ek",
        role="Press officer",
        role_sv="Presschef",
        phone="+46 70 123 45 67",
        email="press@team.example",
        languages="English, Swedish",
    )
    PressContact.objects.create(name="Hidden", role="Old", phone="1", is_active=False)
    make_report(title="Podium at Spa")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("racing:press"))

    page = response.content.decode()
    assert "Maja Ek" in page and 'href="tel:+46701234567"' in page
    assert "Hidden" not in page
    assert "Podium at Spa" in page
    assert reverse("racing:press-subscribe") in page
    swedish = client.get("/sv/press/").content.decode()
    assert "Presschef" in swedish


def test_every_page_links_to_the_press_area(client):
    assert 'href="/press/"' in client.get("/").content.decode()


def test_a_contact_needs_a_phone_or_an_email():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PressContact.objects.create(name="Nobody", role="Ghost")


def test_an_accreditation_request_waits_for_the_press_officer(client):
    fields = {
        "name": "Kim Berg",
        "email": "Kim@Motor.example",
        "outlet": "Motor",
        "language": "sv",
        "note": "TCR",
    }
    first = client.post(reverse("racing:press-accreditation"), fields)
    again = client.post(reverse("racing:press-accreditation"), fields)

    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    journalist = Journalist.objects.get()
    assert (journalist.email, journalist.status) == ("kim@motor.example", "requested")


def scheduled(hours=2, **fields):
    return make_report(
        title="Win at Monza",
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=hours),
        **fields,
    )


def accredited(**fields):
    return Journalist.objects.create(
        name="Kim Berg",
        email="kim@motor.example",
        outlet="Motor",
        status=Journalist.Status.ACCREDITED,
        **fields,
    )


def link_path(message) -> str:
    url = re.search(r"https?://\S+/press/embargo/\S+/", message.body).group(0)
    return urlsplit(url).path


def test_accredited_journalists_get_a_personal_link_before_the_time(
    client, django_capture_on_commit_callbacks
):
    journalist = accredited()
    Journalist.objects.create(name="Not yet", email="no@x.example", outlet="X")

    with django_capture_on_commit_callbacks(execute=True):
        report = scheduled()

    [message] = mail.outbox
    assert message.to == [journalist.email]
    assert "EMBARGOED UNTIL" in message.subject
    # The public page does not have it yet.
    assert client.get(report.get_absolute_url()).status_code == 404

    response = client.get(link_path(message))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Win at Monza" in page and "EMBARGOED UNTIL" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    opening = EmbargoOpening.objects.get()
    assert opening.grant.journalist == journalist and opening.was_shown


def test_the_link_is_mailed_once_whatever_saves_follow(
    django_capture_on_commit_callbacks,
):
    accredited()
    with django_capture_on_commit_callbacks(execute=True):
        report = scheduled()
        report.title = "Win at Monza!"
        report.save()
    embargo.send_links(story_id=report.pk)

    assert len(mail.outbox) == 1


def test_the_link_stops_a_day_after_publication(
    client, django_capture_on_commit_callbacks
):
    accredited()
    with django_capture_on_commit_callbacks(execute=True):
        report = scheduled()
    path = link_path(mail.outbox[0])
    RaceReport.objects.filter(pk=report.pk).update(
        publish_at=timezone.now() - embargo.GRACE - dt.timedelta(minutes=1)
    )

    response = client.get(path)

    assert response.status_code == 410
    assert "Win at Monza" not in response.content.decode().split("<main")[0]
    assert report.get_absolute_url() in response.content.decode()
    assert EmbargoOpening.objects.get().was_shown is False


def test_a_withdrawn_accreditation_closes_the_link(
    client, django_capture_on_commit_callbacks
):
    journalist = accredited()
    with django_capture_on_commit_callbacks(execute=True):
        scheduled()
    journalist.status = Journalist.Status.REFUSED
    journalist.save()

    assert client.get(link_path(mail.outbox[0])).status_code == 410


def test_a_forged_link_shows_nothing(client, django_capture_on_commit_callbacks):
    accredited()
    with django_capture_on_commit_callbacks(execute=True):
        scheduled()
    path = link_path(mail.outbox[0])

    response = client.get(path[:-4] + "xyz/")

    assert response.status_code == 404
    assert "Win at Monza" not in response.content.decode()
    assert not EmbargoOpening.objects.exists()


def test_the_link_shows_the_journalists_language(
    client, django_capture_on_commit_callbacks
):
    accredited(language="sv")
    with django_capture_on_commit_callbacks(execute=True):
        original = scheduled()
        make_report(
            title="Seger i Monza",
            language="sv",
            translation_of=original,
            event=original.event,
            status=RaceReport.Status.SCHEDULED,
            publish_at=original.publish_at,
        )

    [message] = mail.outbox
    assert "Seger i Monza" in client.get(link_path(message)).content.decode()


def test_the_embargoed_copy_has_no_share_links_and_says_when_lifted(
    client, django_capture_on_commit_callbacks
):
    accredited()
    with django_capture_on_commit_callbacks(execute=True):
        report = scheduled()
    path = link_path(mail.outbox[0])

    before = client.get(path).content.decode()
    RaceReport.objects.filter(pk=report.pk).update(publish_at=timezone.now())
    after = client.get(path).content.decode()

    assert 'class="share' not in before
    assert "EMBARGOED UNTIL" in before and "Embargo lifted" not in before
    assert "Embargo lifted" in after and "EMBARGOED UNTIL" not in after


def test_accrediting_in_the_admin_sends_links_to_what_is_scheduled(
    press_client, django_capture_on_commit_callbacks
):
    journalist = Journalist.objects.create(
        name="Kim Berg", email="kim@motor.example", outlet="Motor"
    )
    with django_capture_on_commit_callbacks(execute=True):
        scheduled()
    assert mail.outbox == []  # not accredited yet

    with django_capture_on_commit_callbacks(execute=True):
        response = press_client.post(
            reverse("admin:racing_journalist_changelist"),
            {"action": "accredit", "_selected_action": [journalist.pk]},
        )

    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.status == Journalist.Status.ACCREDITED
    [message] = mail.outbox
    assert message.to == [journalist.email]


def test_the_page_cache_never_keeps_a_private_page(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control

    from racing.views.caching import public_cache

    renders = []

    @public_cache("reports")
    def personal(request):
        renders.append(1)
        response = HttpResponse("EMBARGOED UNTIL tomorrow")
        patch_cache_control(response, private=True, no_store=True)
        return response

    for _ in range(2):
        request = rf.get("/press/embargo/some-token/")
        request.user = AnonymousUser()
        response = personal(request)
        assert "X-Page-Cache" not in response
        assert "public" not in response["Cache-Control"]

    assert len(renders) == 2
