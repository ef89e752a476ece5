"""axe-core and the Nu Html Checker, as the browser tests use them.

The tools come from npm (package.json, `npm ci` in `make test`); without
node_modules, or without Java for the checker, a test that needs them skips
and says how to get them.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2]
AXE = BASE / "node_modules/axe-core/axe.min.js"
VNU = BASE / "node_modules/vnu-jar/build/dist/vnu.jar"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# WCAG 2.2 AA, and axe's best practices, which keep what Lighthouse's
# accessibility score also counts: heading order (the report list once
# skipped from h1 to h3), one main landmark, content in landmarks.
RULE_TAGS = [*WCAG_22_AA, "best-practice"]


def need(path: Path, what: str) -> None:
    if not path.exists():
        pytest.skip(f"{what} not found at {path}: run `npm ci` (make test does).")


def axe_violations(page, *, allowed=frozenset()) -> list[dict]:
    """axe's findings on the page as it is now, less `allowed` ones (rule id,
    CSS selector). Evaluated rather than added as a <script>, which the
    site's CSP would refuse."""
    need(AXE, "axe-core")
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        RULE_TAGS,
    )
    found = []
    for violation in result["violations"]:
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], " ".join(node["target"])) not in allowed
        ]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


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


def nu_errors(files: dict[str, str], *, allowed=()) -> str:
    """The Nu Html Checker's errors in `files` (path -> label; .css files are
    checked as CSS), listed for an assertion message; "" when there are none.
    One run for every file: the checker takes seconds to start."""
    need(VNU, "The Nu Html Checker (vnu.jar)")
    java = shutil.which("java")
    if java is None:
        pytest.skip(
            "Java not found: the Nu Html Checker needs it (apt-get install "
            "default-jre-headless)."
        )
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
    errors = [
        message
        for message in json.loads(report[-1])["messages"]
        if message["type"] in ("error", "non-document-error")
        and not any(text in message["message"] for text in allowed)
    ]
    return "\n".join(
        f"  {files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: "
        f"{m['message']}\n      {m.get('extract', '').strip()[:200]}"
        for m in errors
    )
