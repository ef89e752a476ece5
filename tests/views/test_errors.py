"""A server error reaches the people who can fix it, and the page promises no
more than what is set up."""

import pytest
from django.core import mail

from racing.models import RaceReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_home(monkeypatch, settings):
    settings.DEBUG = False

    def fail(*args, **kwargs):
        raise RuntimeError("the timing feed is down")

    monkeypatch.setattr(RaceReport.objects, "for_readers", fail)


def test_a_server_error_mails_the_admins(client, broken_home, settings):
    settings.ADMINS = ["desk@team.example"]
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    [message] = mail.outbox
    assert message.to == ["desk@team.example"]
    assert "the timing feed is down" in message.body
    assert "Our pit crew has been told" in response.content.decode()


def test_without_anyone_to_tell_the_page_promises_nothing(
    client, broken_home, settings
):
    settings.ADMINS = []
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "has been told" not in response.content.decode()
    assert "Please try again in a few minutes." in response.content.decode()
    assert mail.outbox == []
