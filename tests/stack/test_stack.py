"""The production stack on loopback (deploy/stack.py): PostgreSQL, Redis, an
S3-compatible bucket over HTTP (moto), nginx in front of two gunicorn app
servers, and the task worker. What a multi-server deployment must do.

Runs in .ci/run's PostgreSQL pass (the stack is PostgreSQL whatever the
suite's database); needs root to install nginx, else it skips.
"""

import gzip
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from deploy.http_client import Browser

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the stack runs in the PostgreSQL pass of .ci/run",
    ),
    pytest.mark.skipif(
        not shutil.which("nginx") and os.geteuid() != 0,
        reason="nginx is missing and cannot be installed without root",
    ),
]


@pytest.fixture(scope="module")
def stack():
    from deploy.stack import Stack

    running = Stack(database="racing_stack_test")
    try:
        running.prepare()
        running.start()
        yield running
    finally:
        running.stop()
        shutil.rmtree(running.work, ignore_errors=True)


def until(check, *, seconds):
    """Poll `check` until it is true; how long it took, or fail."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"not within {seconds} s")


def test_a_correction_on_one_app_server_is_on_the_other_within_2_seconds(stack):
    editor, reader = Browser(stack.app_urls[0]), Browser(stack.app_urls[1])
    editor.sign_in()
    _status, page = reader.request("/reports/")  # now cached on server B
    assert b"Crash and first points" in page
    path = "/admin/racing/racereport/1/change/"
    _status, fields = editor.read_form(path, "racereport_form")
    fields = [(k, v) for k, v in fields if k != "title"]
    fields += [("title", "Corrected: crash and first points"), ("_save", "Save")]

    status, _body = editor.post_form(path, fields)

    assert status == 302
    took = until(
        lambda: b"Corrected: crash" in reader.request("/reports/")[1], seconds=2
    )
    assert took < 2


def test_a_photo_uploaded_on_one_server_is_served_by_the_other_from_the_bucket(
    stack, tmp_path
):
    from PIL import Image

    editor, reader = Browser(stack.app_urls[0]), Browser(stack.app_urls[1])
    editor.sign_in()
    photo = tmp_path / "stack-upload.jpg"
    Image.effect_noise((1200, 800), 40).convert("RGB").save(photo, "JPEG")

    status, reply = editor.upload_photo(
        1, photo, licence="1", credit="Stack test", is_published="on"
    )

    assert status == 200 and b'"created"' in reply, reply
    gallery = "/galleries/nurburgring-2021-race-day/"

    def rendition():
        html = reader.request(gallery)[1].decode()
        return re.findall(r'src="(/photos/[^"]+\.jpg)"', html)

    until(lambda: len(rendition()) >= 13, seconds=60)  # 12 demo photos and ours
    status, _body = reader.request(rendition()[-1])
    assert status == 302  # Python hands over; the bucket sends the bytes
    location = reader.last_headers["Location"]
    assert location.startswith(stack.env["DJANGO_S3_ENDPOINT_URL"])
    with urllib.request.urlopen(location) as image:
        assert image.headers["Content-Type"] == "image/jpeg"
        assert image.read()[:3] == b"\xff\xd8\xff"


def test_nginx_keeps_a_published_photos_redirect_to_the_bucket(stack):
    """A gallery page's pictures cost the app servers once per ten minutes,
    not once per visitor; an address that answers 404 is never kept."""
    html = Browser(stack.url).request("/galleries/nurburgring-2021-race-day/")[1]
    picture = re.findall(r'src="(/photos/[^"]+\.jpg)"', html.decode())[0]
    visits = []
    for _ in range(2):
        visitor = Browser(stack.url)
        status, _body = visitor.request(picture)
        visits.append((status, visitor.last_headers))

    assert [status for status, _ in visits] == [302, 302]
    assert [headers["X-Cache-Status"] for _, headers in visits] == ["MISS", "HIT"]
    assert visits[0][1]["Location"] == visits[1][1]["Location"]
    assert visits[1][1]["Location"].startswith(stack.env["DJANGO_S3_ENDPOINT_URL"])
    missing = re.sub(r"/\d+\.jpg$", "/399.jpg", picture)  # no such width
    for _ in range(2):
        visitor = Browser(stack.url)
        assert visitor.request(missing)[0] == 404
        assert visitor.last_headers["X-Cache-Status"] == "MISS"


def test_static_files_come_from_nginx(stack):
    with urllib.request.urlopen(stack.url + "/robots.txt") as page:
        assert page.status == 200
    static = Path(stack.work / "static/css").glob("site.*.css")
    name = next(static).name
    with urllib.request.urlopen(f"{stack.url}/static/css/{name}") as css:
        assert css.status == 200
        assert "expires" in {key.lower() for key in css.headers} or css.headers.get(
            "Cache-Control"
        )


def fetch(url, **headers):
    """The status, headers and body (as sent) of a GET."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request) as reply:
        return reply.status, reply.headers, reply.read()


@pytest.mark.parametrize(
    "path, text",
    [
        ("/events/wtcr-2021-race-of-germany/", b"Race of Germany"),
        ("/reports/feed/rss/", b"<rss"),
        ("/reports/feed/atom/", b"<feed"),
        ("/api/v1/events/", b'"slug"'),
    ],
)
def test_pages_feeds_and_the_api_go_out_compressed(stack, path, text):
    """A phone on the circuit's network gets a fraction of the bytes; a CDN
    (its requests carry Via) gets them compressed too, and keys on the
    encoding. Below 1 KB nothing is compressed: the demo's sitemaps are."""
    _status, _headers, plain = fetch(stack.url + path)
    for headers in ({}, {"Via": "1.1 cdn.example"}):
        status, sent, body = fetch(
            stack.url + path, **{"Accept-Encoding": "gzip", **headers}
        )

        assert status == 200
        assert sent["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in ", ".join(sent.get_all("Vary"))
        page = gzip.decompress(body)
        assert text in page and len(page) == len(plain)
        assert len(body) < len(plain) / (3 if b"<html" in plain else 1)


def test_static_files_go_out_as_their_compressed_copies(stack):
    name = next(Path(stack.work / "static/css").glob("site.*.css")).name
    url = f"{stack.url}/static/css/{name}"
    _status, _headers, plain = fetch(url)

    _status, sent, body = fetch(url, **{"Accept-Encoding": "gzip"})

    assert sent["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain
    assert body == (stack.work / f"static/css/{name}.gz").read_bytes()


def test_a_client_flooding_search_is_slowed_and_pages_still_answer(stack):
    """New queries miss the page cache: past a burst, one address gets 429
    from nginx for its searches, and its pages still answer."""

    def status(path, **headers):
        try:
            return fetch(stack.url + path, **headers)[0]
        except urllib.error.HTTPError as error:
            return error.code

    statuses = [status(f"/search/?q=flood{n}") for n in range(40)]

    assert statuses[:20] == [200] * 20  # a person searching never meets it
    assert 429 in statuses[20:]
    assert status("/sv/search/?q=flood") == 429  # the Swedish address too
    assert status("/") == 200
    time.sleep(1.5)
    assert status("/search/?q=again") == 200  # it refills


def test_with_redis_restarted_pages_still_answer(stack):
    visitor = Browser(stack.url)
    visitor.request("/")
    stack.stop_redis()
    try:
        statuses = [visitor.request(path)[0] for path in ("/", "/reports/", "/")]
        assert statuses == [200, 200, 200]
    finally:
        stack.start_redis()
    visitor.request("/standings/")
    assert visitor.request("/standings/")[0] == 200
    assert visitor.last_headers.get("X-Page-Cache") == "hit"


def test_with_one_app_server_stopped_nginx_keeps_answering(stack):
    stack.stop_app(0)
    visitor = Browser(stack.url)
    try:
        statuses = [visitor.request("/")[0] for _ in range(20)]
    finally:
        stack.start_app(0)

    assert statuses == [200] * 20
