"""The API's HTTP manners: ETags and 304, caching, CORS for reading, pages."""

from urllib.parse import urlsplit

import pytest

from racing.models import Result
from tests.factories import make_driver, make_result, make_season, make_session

pytestmark = pytest.mark.django_db


def test_a_repeated_request_with_the_etag_gets_304_until_the_data_change(get, db):
    session = make_session()
    make_result(session=session, position=1)
    url = f"/api/v1/sessions/{session.pk}/results/"

    first = get(url)
    etag = first["ETag"]
    again = get(url, if_none_match=etag)

    assert first.status_code == 200 and etag
    assert again.status_code == 304
    assert again.content == b""
    make_result(session=session, driver=make_driver(), position=2)
    changed = get(url, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert len(changed.json()["results"]) == 2


def test_answers_are_public_for_a_short_while(get, db):
    response = get("/api/v1/seasons/")

    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert "max-age=30" in directives
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_get_and_head_may_be_read_from_any_site(get, client, db):
    make_season()

    response = get("/api/v1/seasons/", origin="https://newspaper.example")
    head = client.head("/api/v1/seasons/")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert head.status_code == 200
    assert head["Access-Control-Allow-Origin"] == "*"
    assert head["ETag"] == response["ETag"]
    assert head.content == b""


def test_a_preflight_allows_reading_only(client, db):
    response = client.options(
        "/api/v1/seasons/",
        headers={
            "origin": "https://newspaper.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_writing_is_refused_without_cors(client, db):
    response = client.post("/api/v1/seasons/", {}, content_type="application/json")

    assert response.status_code == 405
    assert "Access-Control-Allow-Origin" not in response


def test_admin_and_site_pages_carry_no_cors_header(client, admin_client, db):
    for response in (
        client.get("/admin/login/"),
        admin_client.get("/admin/"),
        client.get("/standings/", follow=True),
    ):
        assert "Access-Control-Allow-Origin" not in response


def test_answers_are_in_english_whatever_the_browser_prefers(get, client, db):
    session = make_session()
    make_result(session=session, status=Result.Status.DID_NOT_FINISH)
    url = f"/api/v1/sessions/{session.pk}/results/"

    client.cookies["django_language"] = "sv"
    response = get(url, accept_language="sv")

    assert response.json()["results"][0]["status_label"] == "Did not finish"
    assert response["Content-Language"] == "en"


def test_lists_link_to_the_next_and_previous_pages_keeping_filters(get, db):
    for year in range(2015, 2020):
        make_season(year=year)

    first = get("/api/v1/seasons/?limit=2").json()
    next_page = urlsplit(first["next"])
    second = get(f"{next_page.path}?{next_page.query}").json()
    last = get("/api/v1/seasons/?limit=2&offset=4").json()

    assert first["count"] == 5
    assert [s["year"] for s in first["results"]] == [2019, 2018]
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/seasons/?limit=2&offset=2")
    assert [s["year"] for s in second["results"]] == [2017, 2016]
    assert second["previous"].endswith("/api/v1/seasons/?limit=2")
    assert last["next"] is None
    assert [s["year"] for s in last["results"]] == [2015]


def test_page_links_keep_the_filters(get, championship):
    answer = get("/api/v1/events/?season=2023&limit=1").json()

    assert answer["next"].endswith("/api/v1/events/?season=2023&limit=1&offset=1")


def test_a_page_larger_than_allowed_is_refused_with_the_limit(get, db):
    response = get("/api/v1/seasons/?limit=500")

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "Input should be less than or equal to 100"
    )


def test_the_description_is_served_as_json_with_an_etag(client, openapi, db):
    response = client.get("/api/v1/openapi.json")

    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"] == "Results API"
    assert response["ETag"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(
            "/api/v1/openapi.json", headers={"if-none-match": response["ETag"]}
        ).status_code
        == 304
    )


def test_the_docs_page_loads_only_the_sites_own_files(client, db):
    html = client.get("/api/v1/docs/").content.decode()

    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert "cdn" not in html.lower()
    assert "https://" not in html
