"""An alert through a real SMTP conversation (aiosmtpd on loopback): the
headers and both parts arrive as a mail server receives them."""

import datetime as dt
import email
import socket

import pytest
from django.core.management import call_command
from django.utils import timezone

from racing.models import RaceReport, Subscriber
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db
controller_module = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    server = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield inbox
    server.stop()


def test_an_alert_reaches_an_smtp_server_with_one_click_unsubscribe(smtp_server):
    subscriber = Subscriber.objects.create(
        email="desk@paper.example", languages="en", confirmed_at=timezone.now()
    )
    report = make_report(
        title="Double podium",
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(hours=1),
    )
    RaceReport.objects.filter(pk=report.pk).update(publish_at=timezone.now())

    call_command("send_release_alerts", stdout=open("/dev/null", "w"))

    [(recipients, raw)] = smtp_server.messages
    assert recipients == [subscriber.email]
    message = email.message_from_bytes(raw)
    assert "Double podium" in message["Subject"]
    assert message["List-Unsubscribe"].startswith("<http")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in parts and "text/html" in parts
