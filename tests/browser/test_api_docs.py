"""The API's docs page works under the site's Content Security Policy, from the
site's own files only."""

from urllib.parse import urlsplit


def test_api_docs_page_lists_the_operations_without_csp_errors(
    live_server, demo, desktop
):
    page = desktop
    errors, hosts = [], set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))

    response = page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")

    assert response.status == 200
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/seasons/{season}/standings/{classification}/" in paths
    assert "/api/v1/reports/{slug}/" in paths
    assert errors == []  # a blocked script or style shows up here
    assert hosts == {urlsplit(live_server.url).netloc}

    # "Try it out" runs a request against the API from the page.
    page.locator(".opblock-summary-path", has_text="/api/v1/drivers/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    answer = page.locator(".live-responses-table")
    answer.get_by_text("Jessica Bäckman").first.wait_for()
    assert "200" in answer.locator("tbody .response-col_status").first.inner_text()
    assert errors == []
