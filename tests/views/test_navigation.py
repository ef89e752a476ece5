"""The header's navigation and language links on every public page: the
reader's language, the current section marked, whatever was shown before."""

import re

import pytest

pytestmark = pytest.mark.django_db


def nav_links(html):
    """(href, text, current) of the desktop navigation's links."""
    nav = html.split('class="desktop-nav"')[1].split("</nav>")[0]
    return [
        (href, text, bool(current))
        for href, current, text in re.findall(
            r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav
        )
    ]


def test_the_navigation_marks_the_section_of_each_page(client, demo):
    event = demo["event"]
    pages = {
        "/": "/",
        "/standings/": "/standings/",
        event.get_absolute_url(): "/calendar/",
        "/drivers/": "/drivers/",
    }
    for path, section in pages.items():
        links = nav_links(client.get(path).content.decode())
        assert [href for href, _text, current in links if current] == [section]
        assert len(links) == 7


def test_the_navigation_speaks_the_readers_language_after_any_other(client, demo):
    client.get("/standings/")  # English first

    html = client.get("/sv/standings/").content.decode()

    links = nav_links(html)
    assert ("/sv/standings/", "Mästerskapsställning", True) in links
    assert all(href.startswith("/sv/") for href, _text, _current in links)
    # The language links lead to this page in each language.
    assert '<a href="/standings/" hreflang="en" lang="en">' in html
    assert '<link rel="alternate" hreflang="en" href="http' in html
    footer = html.split('class="site-footer"')[1]
    assert 'href="/sv/calendar/">Kalender</a>' in footer
