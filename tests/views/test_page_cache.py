"""Public pages are cached on the server for anonymous readers, shared by every
app server, and remade as soon as anything they show is saved."""

import datetime as dt
import os
import re
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from deploy.ports import redis_answers
from racing.models import RaceReport
from racing.services import page_cache
from tests.factories import make_driver, make_result, make_session
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')


def test_a_second_visit_is_served_without_touching_the_database(
    client, demo, django_assert_num_queries
):
    first = client.get("/")

    with django_assert_num_queries(0):
        second = client.get("/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content.decode().count("Bäckman") == first.content.decode().count(
        "Bäckman"
    )


def test_every_cached_response_has_its_own_csp_nonce(client, demo):
    url = demo["report"].get_absolute_url()
    responses = [client.get(url) for _ in range(3)]

    nonces = [set(NONCE.findall(r.content.decode())) for r in responses]
    assert all(len(found) == 1 for found in nonces)
    assert len({found.pop() for found in nonces}) == 3
    for response in responses:
        [nonce] = set(NONCE.findall(response.content.decode()))
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_a_corrected_result_is_on_the_page_at_once(client):
    race = make_session()
    jessica = make_driver(first_name="Jessica", last_name="Bäckman", is_own=True)
    result = make_result(session=race, driver=jessica, position=14)
    url = race.event.get_absolute_url()
    client.get(url)

    result.position = 13
    result.save()
    page = client.get(url)

    assert page["X-Page-Cache"] == "miss"
    rows = page.content.decode().split("<tr")[1:]
    row = next(r for r in rows if "Jessica Bäckman</a>" in r)
    assert re.search(r'<td class="num[^"]*">\s*13\s*</td>', row), row


def test_a_published_report_appears_on_the_cached_list(client):
    client.get("/reports/")
    report = make_report(title="Points on debut")

    assert "Points on debut" in client.get("/reports/").content.decode()
    report.status = RaceReport.Status.WITHDRAWN
    report.save()
    assert "Points on debut" not in client.get("/reports/").content.decode()


def test_a_scheduled_report_goes_public_at_its_time_despite_the_cache(client):
    make_report(
        title="Embargoed Sunday",
        status=RaceReport.Status.SCHEDULED,
        publish_at=timezone.now() + dt.timedelta(seconds=2),
    )
    before = client.get("/reports/").content.decode()

    time.sleep(2.2)  # no save happens: only the clock moves
    after = client.get("/reports/").content.decode()

    assert "Embargoed Sunday" not in before
    assert "Embargoed Sunday" in after


def test_staff_always_get_a_fresh_page(admin_client, demo):
    admin_client.get("/")

    response = admin_client.get("/")

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_pages_name_their_cache_tags_for_a_cdn(client, demo):
    response = client.get(demo["event"].get_absolute_url())

    tags = set(response["Cache-Tag"].split(","))
    assert {"events", "results", "reports", "photos"} <= tags
    assert set(response["Surrogate-Key"].split()) == tags


@pytest.fixture
def redis_cache(settings):
    """The production cache: Redis (a database of its own, emptied)."""
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "media_site.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
        }
    }
    from django.core.cache import cache

    cache.clear()
    page_cache.local.forget()
    yield cache
    cache.clear()
    page_cache.local.forget()


def test_on_redis_a_page_is_served_from_the_cache_and_remade_after_a_save(
    client, demo, redis_cache
):
    url = demo["event"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    demo["event"].save()

    assert client.get(url)["X-Page-Cache"] == "miss"


@pytest.fixture
def redis_commands(monkeypatch):
    """The commands sent to Redis, and how many redis-py clients were built."""
    import redis

    sent = {"commands": [], "clients": 0}
    original_init = redis.Redis.__init__
    original_execute = redis.Redis.execute_command

    def counting_init(self, *args, **kwargs):
        sent["clients"] += 1
        original_init(self, *args, **kwargs)

    def counting_execute(self, *args, **kwargs):
        sent["commands"].append(args[0])
        return original_execute(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    monkeypatch.setattr(redis.Redis, "execute_command", counting_execute)
    return sent


def test_a_cached_page_costs_one_round_trip_and_no_new_redis_client(
    client, demo, redis_cache, redis_commands
):
    """Django's own backend built a redis-py client for each call, whose
    constructor alone cost more CPU than a trivial view (issue 9)."""
    client.get("/")
    page_cache.local.forget()  # as on another app server
    redis_commands["commands"].clear()

    response = client.get("/")

    assert response["X-Page-Cache"] == "hit"
    assert redis_commands == {"commands": ["MGET"], "clients": 0}


def test_within_a_second_a_server_serves_its_own_copy_without_asking_redis(
    client, demo, redis_cache, redis_commands
):
    url = demo["event"].get_absolute_url()
    client.get(url)
    redis_commands["commands"].clear()

    pages = [client.get(url) for _ in range(5)]

    assert [page["X-Page-Cache"] for page in pages] == ["hit"] * 5
    assert redis_commands["commands"] == []
    nonces = {NONCE.search(page.content.decode())[1] for page in pages}
    assert len(nonces) == 5


def test_a_save_on_another_server_shows_here_within_two_seconds(
    client, demo, redis_cache
):
    url = demo["event"].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    # Another app server saves the event: new versions in Redis, and this
    # process's copies know nothing of it.
    redis_cache.set(page_cache.TAG_PREFIX + "events", "from-server-b", None)
    started = time.monotonic()
    while (page := client.get(url))["X-Page-Cache"] == "hit":
        assert time.monotonic() - started < 2, "still the old copy after 2 s"
        time.sleep(0.05)

    assert page["X-Page-Cache"] == "miss"


def test_a_redis_cache_url_gets_the_backend_that_reuses_its_client():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "media_site.settings",
            "CACHE_URL": "redis://127.0.0.1:6379/13",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert out.strip() == "media_site.redis_cache.RedisCache"


def test_with_the_cache_down_pages_still_answer(client, demo, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "media_site.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"

    response = client.get("/")

    assert response.status_code == 200
    assert "Bäckman" in response.content.decode()
