"""The Swedish interface: /sv/ pages speak Swedish, and the catalogue is complete."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

MESSAGES = Path(settings.BASE_DIR, "locale/sv/LC_MESSAGES")
ENTRY_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$')

# The menu of templates/includes/header.html, in Swedish.
SWEDISH_MENU = [
    "Hem",
    "Rapporter",
    "Kalender",
    "Mästerskapsställning",
    "Förare",
    "Galleri",
    "Sök",
]


def test_the_swedish_home_page_has_a_swedish_menu(demo, client):
    html = client.get("/sv/").content.decode()

    assert '<html lang="sv"' in html
    for item in SWEDISH_MENU:
        assert f">{item}</a>" in html, item
    assert "Hoppa till innehållet" in html
    assert ">Standings</a>" not in html and ">Calendar</a>" not in html


def test_the_english_home_page_keeps_its_english_menu(demo, client):
    html = client.get("/").content.decode()

    assert '<html lang="en"' in html
    assert ">Standings</a>" in html and ">Calendar</a>" in html


def test_the_demo_event_page_in_swedish(demo, client):
    response = client.get(f"/sv/events/{demo['event'].slug}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="sv"' in html
    assert "Deltävling 1 · WTCR 2021" in html
    assert "Bana: Blandad" in html  # the track conditions
    assert '<th scope="col">Förare</th>' in html
    assert '<abbr title="Placering">Plac.</abbr>' in html
    # Andreas' Race 2 DNF, spelled out for readers in Swedish.
    assert 'title="Bröt"' in html
    assert 'title="Did not finish"' not in html
    # Session names and short statuses are shown in Swedish too, not as stored.
    assert ">Fri träning 1</h2>" in html and ">Free Practice 1<" not in html
    assert ">Bröt</abbr>" in html and ">DNF</abbr>" not in html


def test_the_swedish_report_shows_the_swedish_results_block(demo, client):
    html = client.get(demo["report_sv"].get_absolute_url()).content.decode()

    assert '<html lang="sv"' in html
    assert "Andreas resultat" in html and "Jessicas resultat" in html
    assert "<li>Race 2: <strong>Bröt</strong></li>" in html
    assert "<li>Fri träning 1: <strong>16:e plats</strong></li>" in html
    assert "<li>Kval: <strong>17:e plats</strong></li>" in html


def _po_entries(text):
    """(msgid, [msgstr…]) of each entry of a .po file, strings joined."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        fields, current = {}, None
        for line in lines:
            if match := ENTRY_LINE.match(line):
                current = match[1]
                fields[current] = match[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            strings = [v for key, v in fields.items() if key.startswith("msgstr")]
            entries.append((fields["msgid"], strings))
    return entries


def test_every_message_of_the_catalogue_is_translated():
    text = (MESSAGES / "django.po").read_text(encoding="utf-8")
    entries = _po_entries(text)

    assert entries[0][0] == ""  # the header
    messages = entries[1:]
    assert len(messages) > 400
    untranslated = [msgid for msgid, strings in messages if not all(strings)]
    assert untranslated == []
    assert "#, fuzzy" not in text


def test_the_compiled_catalogue_holds_every_message():
    with open(MESSAGES / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    po_messages = len(_po_entries((MESSAGES / "django.po").read_text("utf-8"))) - 1

    # The header is stored under "", each plural form under (msgid, n).
    singles = {key for key in catalog if isinstance(key, str) and key}
    plurals = {key[0] for key in catalog if isinstance(key, tuple)}
    assert len(singles) + len(plurals) == po_messages
