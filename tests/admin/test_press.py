"""The newsroom in the press room: an embargoed link's page shows the link to
forward and every opening; a journalist's page lists their links."""

import pytest
from django.urls import reverse
from django.utils import timezone

from racing.models import EmbargoGrant, EmbargoOpening, Journalist, Subscriber
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(db):
    journalist = Journalist.objects.create(
        name="Kim Berg", email="kim@motor.example", outlet="Motor", status="accredited"
    )
    grant = EmbargoGrant.objects.create(story=make_report(), journalist=journalist)
    EmbargoOpening.objects.create(
        grant=grant, was_shown=True, ip_address="192.0.2.7", user_agent="Firefox"
    )
    return grant


def test_an_embargoed_link_page_shows_the_link_and_its_openings(press_client, grant):
    response = press_client.get(
        reverse("admin:racing_embargogrant_change", args=[grant.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "/press/embargo/" in page and "192.0.2.7" in page
    listing = press_client.get(reverse("admin:racing_embargogrant_changelist"))
    assert listing.status_code == 200 and "Kim Berg" in listing.content.decode()


def test_a_journalist_page_lists_their_links(press_client, grant):
    response = press_client.get(
        reverse("admin:racing_journalist_change", args=[grant.journalist.pk])
    )

    assert response.status_code == 200
    assert grant.story.title in response.content.decode()


def test_subscribers_are_never_added_by_hand(press_client):
    subscriber = Subscriber.objects.create(
        email="desk@paper.example", languages="en", confirmed_at=timezone.now()
    )

    add = press_client.get(reverse("admin:racing_subscriber_add"))
    change = press_client.get(
        reverse("admin:racing_subscriber_change", args=[subscriber.pk])
    )

    assert add.status_code == 403
    assert change.status_code == 200
