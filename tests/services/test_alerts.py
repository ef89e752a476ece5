"""Release alerts: subscribe, confirm, a scheduled report goes public, one
mail per subscriber in the right language, unsubscribe, and no duplicate when
the worker is killed in the middle of sending."""

import datetime as dt
import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from racing.models import Delivery, MailStatus, RaceReport, Subscriber
from racing.services import alerts
from tests.factories import make_driver
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def subscribe(client, email, languages=("en",), drivers=()):
    # Subscribed on the page of the first language: the preferred one.
    with translation.override(languages[0]):
        url = reverse("racing:press-subscribe")
    response = client.post(
        url,
        {"email": email, "languages": list(languages), "drivers": list(drivers)},
    )
    assert response.status_code == 302
    return response


def path_of(url: str) -> str:
    return urlsplit(url).path


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/press/alerts/confirm/\S+/", message.body).group(0)


def subscribed(client, email, languages=("en",), drivers=()):
    mail.outbox.clear()
    subscribe(client, email, languages, drivers)
    [message] = mail.outbox
    path = path_of(confirm_link(message))
    assert client.get(path).status_code == 200  # a button, nothing else
    assert not Subscriber.objects.filter(email=email.lower()).exists()
    response = client.post(path)
    assert response.status_code == 200
    mail.outbox.clear()
    return Subscriber.objects.get(email=email.lower())


def schedule_then_go_public(**fields):
    """A report scheduled for later, whose time then comes (the clock moves:
    its publish time is set in the past without a save), and the minute job."""
    report = make_report(
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=2),
        **fields,
    )
    assert mail.outbox == []
    RaceReport.objects.filter(pk=report.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=5)
    )
    call_command("send_release_alerts", stdout=open("/dev/null", "w"))
    return report


def test_confirmed_subscribers_get_one_mail_each_in_their_language(client):
    english = subscribed(client, "anna@paper.example", ["en"])
    swedish = subscribed(client, "Bo@Tidning.example", ["sv", "en"])
    original = make_report(
        title="Podium at Spa",
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=1),
    )
    translation = make_report(
        title="Pallplats i Spa",
        language="sv",
        translation_of=original,
        event=original.event,
        status=RaceReport.Status.SCHEDULED,
        publish_at=original.publish_at,
    )
    RaceReport.objects.filter(pk__in=[original.pk, translation.pk]).update(
        publish_at=timezone.now() - dt.timedelta(seconds=5)
    )

    call_command("send_release_alerts", stdout=open("/dev/null", "w"))
    call_command("send_release_alerts", stdout=open("/dev/null", "w"))  # again

    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert "Podium at Spa" in by_address[english.email].subject
    assert "Pallplats i Spa" in by_address[swedish.email].subject
    html, mimetype = by_address[swedish.email].alternatives[0]
    assert mimetype == "text/html" and "Pallplats i Spa" in html
    assert translation.get_absolute_url() in by_address[swedish.email].body
    assert "Lead of report" in by_address[english.email].body


def test_nothing_is_sent_before_the_time_comes(client):
    subscribed(client, "anna@paper.example")
    make_report(
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=2),
    )

    call_command("send_release_alerts", stdout=open("/dev/null", "w"))

    assert mail.outbox == []


def test_publishing_now_mails_at_once(client, django_capture_on_commit_callbacks):
    subscribed(client, "anna@paper.example")

    with django_capture_on_commit_callbacks(execute=True):
        make_report(title="Out now")

    [message] = mail.outbox
    assert "Out now" in message.subject


def test_an_unconfirmed_address_gets_nothing_but_its_confirmation(client):
    subscribe(client, "never@clicks.example")
    assert len(mail.outbox) == 1  # the confirmation
    mail.outbox.clear()

    schedule_then_go_public()

    assert mail.outbox == []
    assert not Subscriber.objects.exists()


def test_the_form_answers_the_same_for_a_subscribed_address(client):
    subscribed(client, "anna@paper.example")
    known = subscribe(client, "anna@paper.example")
    unknown = subscribe(client, "someone@else.example")

    assert known.url == unknown.url
    assert client.get(known.url).content == client.get(unknown.url).content


def test_the_confirmation_link_expires(client, monkeypatch):
    subscribe(client, "late@paper.example")
    path = path_of(confirm_link(mail.outbox[0]))
    days_later = time.time() + alerts.CONFIRM_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: days_later)

    assert client.get(path).status_code == 410
    assert client.post(path).status_code == 410
    assert not Subscriber.objects.exists()


def test_a_forged_confirmation_link_subscribes_nobody(client):
    token = alerts.confirmation_token(
        alerts.Request("victim@paper.example", ("en",), ())
    )
    path = reverse("racing:press-confirm", kwargs={"token": token[:-2] + "xx"})

    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400
    assert not Subscriber.objects.exists()


def test_drivers_of_interest_narrow_the_alerts(client):
    ours = make_driver(is_own=True)
    other = make_driver(is_own=True)
    subscribed(client, "fan-of-ours@paper.example", drivers=[ours.pk])
    report = make_report(
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=2),
    )
    report.drivers.set([other])
    RaceReport.objects.filter(pk=report.pk).update(publish_at=timezone.now())

    call_command("send_release_alerts", stdout=open("/dev/null", "w"))

    assert mail.outbox == []


def test_every_alert_unsubscribes_with_one_click(client):
    subscriber = subscribed(client, "anna@paper.example")
    schedule_then_go_public()
    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert header in message.body

    path = path_of(header)
    assert client.get(path).status_code == 200  # a scanner's GET changes nothing
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    # RFC 8058: the mail client POSTs, without a CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    mail.outbox.clear()
    schedule_then_go_public()
    assert mail.outbox == []


def test_a_worker_killed_mid_send_sends_no_duplicate(client, monkeypatch):
    for n in range(5):
        subscribed(client, f"reader{n}@paper.example")
    real_send = locmem.EmailBackend.send_messages
    sent = []

    def send_then_die_on_the_third(self, messages):
        result = real_send(self, messages)
        sent.extend(messages)
        if len(sent) == 3:
            # The SMTP server has the mail; the worker is killed before it
            # records that.
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(
        locmem.EmailBackend, "send_messages", send_then_die_on_the_third
    )
    with pytest.raises(KeyboardInterrupt):
        schedule_then_go_public()
    assert len(mail.outbox) == 3

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", real_send)
    call_command("send_release_alerts", stdout=open("/dev/null", "w"))  # restarted

    addresses = sorted(message.to[0] for message in mail.outbox)
    assert addresses == [f"reader{n}@paper.example" for n in range(5)]
    statuses = sorted(Delivery.objects.values_list("status", flat=True))
    assert statuses == [MailStatus.SENDING] + [MailStatus.SENT] * 4


def test_an_archive_report_mails_nobody(client, django_capture_on_commit_callbacks):
    subscribed(client, "anna@paper.example")

    with django_capture_on_commit_callbacks(execute=True):
        make_report(publish_at=timezone.now() - dt.timedelta(days=30))
    call_command("send_release_alerts", stdout=open("/dev/null", "w"))

    assert mail.outbox == []


def test_an_address_unsubscribed_before_its_turn_is_not_mailed(client):
    subscriber = subscribed(client, "anna@paper.example")
    report = make_report(
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() - dt.timedelta(seconds=5),
    )
    Delivery.objects.create(story=report, report=report, subscriber=subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(unsubscribed_at=timezone.now())

    assert alerts.send_alerts(story_id=report.pk) == 0
    assert mail.outbox == []
    assert Delivery.objects.get().status == MailStatus.FAILED
