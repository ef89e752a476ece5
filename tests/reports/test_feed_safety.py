"""Feeds carry a report's lead sanitised exactly like the page: a reader that
renders the description as HTML gets text, never live markup."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from .conftest import make_report

pytestmark = pytest.mark.django_db

HOSTILE_LEAD = (
    "Fast lap. <script>alert(1)</script> <img src=x onerror=alert(2)> "
    "<svg onload=alert(3)></svg> [link](javascript:alert(4))"
)
ATOM = "{http://www.w3.org/2005/Atom}"


class Elements(HTMLParser):
    """Every element and attribute a reader's HTML parser would build."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


def assert_inert(html):
    found = Elements(html)
    assert not {"script", "img", "svg"} & set(found.tags), html
    assert not [name for name, _value in found.attributes if name.startswith("on")]
    assert not [v for _n, v in found.attributes if "javascript:" in (v or "")]
    assert "Fast lap." in html


def test_the_rss_description_holds_no_live_html(client):
    make_report(lead=HOSTILE_LEAD)

    root = ET.fromstring(client.get("/reports/feed/rss/").content)

    (description,) = [item.findtext("description") for item in root.iter("item")]
    assert_inert(description)


def test_the_atom_summary_holds_no_live_html(client):
    make_report(lead=HOSTILE_LEAD)

    root = ET.fromstring(client.get("/reports/feed/atom/").content)

    (summary,) = [
        entry.findtext(f"{ATOM}summary") for entry in root.iter(f"{ATOM}entry")
    ]
    assert_inert(summary)


def test_the_feed_lead_reads_like_the_page(client):
    report = make_report(lead="Points on **debut** at the Green Hell.")

    root = ET.fromstring(client.get("/reports/feed/rss/").content)

    description = next(root.iter("item")).findtext("description")
    assert description == "<p>Points on <strong>debut</strong> at the Green Hell.</p>"
    assert description in client.get(report.get_absolute_url()).content.decode()
