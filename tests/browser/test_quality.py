"""The quality gate of issue 10: every public page kind passes axe-core (WCAG 2.2
AA and axe's best practices) on a phone and a desktop, in the light and the
dark scheme, with the phone menu and the lightbox open too; and the Nu Html
Checker finds no error in its HTML nor in the site's stylesheet.

The tools come from npm (package.json, `npm ci` in `make test`); without
node_modules these tests skip and say so. Lighthouse scores are measured by
bench/lighthouse.py, a script rather than a test.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

BASE = Path(__file__).resolve().parents[2]
AXE = BASE / "node_modules/axe-core/axe.min.js"
VNU = BASE / "node_modules/vnu-jar/build/dist/vnu.jar"
STYLESHEET = BASE / "static/css/site.css"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Issue 10 asks for WCAG 2.2 AA; axe's best practices hold too, and keep what
# Lighthouse's accessibility score also counts: heading order (the report
# list once skipped from h1 to h3), one main landmark, content in landmarks.
RULE_TAGS = [*WCAG_22_AA, "best-practice"]
VIEWPORTS = {"phone": (360, 800), "desktop": (1280, 900)}

# Findings we accept, each with the reason: (rule id, CSS selector of the node).
# Empty on purpose: a finding is fixed, not listed, unless it cannot be.
AXE_ALLOWED: set[tuple[str, str]] = set()
# Nu checker messages we accept, each with the reason (a substring of the message).
VNU_ALLOWED: list[str] = []


def _need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.skip(f"{what} not found at {path}: run `npm ci` (make test does).")


def public_pages(demo) -> dict[str, str]:
    """A path for each public page kind, from the demo weekend."""
    from racing.models import Photo

    gallery = demo["galleries"][0]
    photo = Photo.objects.filter(gallery=gallery).order_by("order", "pk").first()
    return {
        "home": "/",
        "home (Swedish)": "/sv/",
        "report list": "/reports/",
        "report": demo["report"].get_absolute_url(),
        "event": demo["event"].get_absolute_url(),
        "calendar": "/calendar/",
        "standings": "/standings/",
        "drivers": "/drivers/",
        "driver": demo["drivers"]["jessica-backman"].get_absolute_url(),
        "gallery list": "/galleries/",
        "gallery": gallery.get_absolute_url(),
        "photo": photo.get_absolute_url(),
        "search": "/search/?q=backman",
        "not found (404)": "/no-such-page/",
    }


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"      {' '.join(node['target'])}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"        {summary[:300]}")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        RULE_TAGS,
    )
    found = []
    for violation in result["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], " ".join(node["target"])) not in AXE_ALLOWED
        ]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def open_menu(page):
    page.get_by_role("banner").locator("summary").click()
    page.locator(".menu-panel a").first.wait_for()


def open_lightbox(page):
    page.locator("[data-gallery] a[data-lightbox]").first.click()
    page.locator("dialog[open] img[src]").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_public_page_passes_axe_on_a_phone_and_a_desktop(
    live_server, demo, browser, scheme
):
    _need(AXE, "axe-core")
    pages = public_pages(demo)
    failures = []
    for viewport, (width, height) in VIEWPORTS.items():
        # bypass_csp: the site's CSP would refuse the injected axe script.
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            bypass_csp=True,
        )
        page = context.new_page()
        try:
            for label, path in pages.items():
                response = page.goto(live_server.url + path)
                expected = 404 if "404" in label else 200
                assert response.status == expected, (path, response.status)
                states = {"": None}
                # The menu's links show only when it is open; it is the same
                # on every page, so in each language once.
                if viewport == "phone" and label.startswith("home"):
                    states[", menu open"] = open_menu
                if label == "gallery":
                    states[", lightbox open"] = open_lightbox
                for state, action in states.items():
                    if action:
                        page.goto(live_server.url + path)
                        action(page)
                    violations = axe_violations(page)
                    if violations:
                        failures.append(
                            f"{label} {path} ({viewport}, {scheme}{state}):\n"
                            + describe(violations)
                        )
        finally:
            context.close()
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


def test_every_public_page_and_the_stylesheet_pass_the_nu_html_checker(
    client, demo, tmp_path
):
    _need(VNU, "The Nu Html Checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.skip(
            "Java not found: the Nu Html Checker needs it (apt-get install "
            "default-jre-headless)."
        )
    files = {}
    for label, path in public_pages(demo).items():
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        file = tmp_path / f"{len(files):02d}.html"
        file.write_bytes(response.content)
        files[str(file)] = f"{label} {path}"

    files[str(STYLESHEET)] = "static/css/site.css"

    # One run for every file: the checker takes seconds to start.
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--also-check-css"]
        + ["--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The report is the JSON line on stderr (Java may warn on other lines).
    report = [line for line in run.stderr.splitlines() if line.startswith("{")]
    assert report, f"the checker gave no report: {run.stderr}"
    messages = json.loads(report[-1])["messages"]

    errors = [
        message
        for message in messages
        if message["type"] in ("error", "non-document-error")
        and not any(allowed in message["message"] for allowed in VNU_ALLOWED)
    ]
    listed = "\n".join(
        f"  {files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: "
        f"{m['message']}\n      {m.get('extract', '').strip()[:200]}"
        for m in errors
    )
    assert not errors, "Nu Html Checker errors:\n" + listed
