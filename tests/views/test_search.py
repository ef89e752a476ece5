"""Search across the site: full-text on PostgreSQL (ranked, accent-free,
highlighted snippets), a simple fallback on SQLite; the same answers to a
reader on both, ranking only where PostgreSQL can rank."""

import pytest
from django.db import connection

from racing.models import Gallery, Photo, Team
from tests.factories import make_driver, make_event, make_result, make_session
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking is PostgreSQL's"
)


def search(client, words):
    return client.get("/search/", {"q": words}).content.decode()


def test_accents_do_not_matter(client):
    make_driver(first_name="Jessica", last_name="Bäckman", slug="jb", is_own=True)
    rival = make_driver(first_name="Jordi", last_name="Gené", slug="jg")
    make_result(session=make_session(), driver=rival, position=3)

    assert "Jessica Bäckman" in search(client, "Backman")
    assert "Jordi Gené" in search(client, "Gene")


def test_reports_come_with_the_words_marked(client):
    make_report(
        title="Sunday in the Green Hell",
        lead="Bäckman scores her first points.",
        body="A long day. Bäckman finished fourteenth after starting last.",
    )

    html = search(client, "backman")

    assert "Sunday in the Green Hell" in html
    assert "<mark>Bäckman</mark>" in html


def test_a_snippet_never_carries_markup_from_the_text(client):
    make_report(
        title="Hostile",
        lead="<script>alert(1)</script> Bäckman",
        body="<img src=x onerror=alert(1)> Bäckman was fast.",
    )

    html = search(client, "backman")

    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_teams_galleries_and_photo_captions_are_found(client, add_photo):
    Team.objects.create(name="Comtoyou Racing", slug="comtoyou")
    event = make_event(name="Race of Portugal")
    gallery = Gallery.objects.create(
        event=event, title="Estoril pit lane", slug="estoril", is_published=True
    )
    add_photo(gallery, caption="Tom Coronel spins at the Parabolica")

    assert "Comtoyou Racing" in search(client, "comtoyou")
    assert "Estoril pit lane" in search(client, "estoril")
    assert "Tom Coronel spins" in search(client, "parabolica")


@on_postgresql
def test_a_title_match_ranks_above_a_word_in_the_body(client):
    make_report(title="Quiet weekend", lead="Nothing.", body="Bäckman was there.")
    make_report(title="Bäckman on the podium", lead="At last.", body="A day.")

    html = search(client, "backman")

    assert html.index("Bäckman on the podium") < html.index("Quiet weekend")


@on_postgresql
def test_swedish_reports_are_stemmed_in_swedish(client):
    make_report(
        title="Racet i regnet",
        lead="Hon körde bra.",
        body="Förarna körde.",
        language="sv",
    )

    assert "Racet i regnet" in search(client, "förare")


@pytest.fixture
def add_photo(db):
    from racing.models import Licence

    licence = Licence.objects.create(name="Editorial", text="Editorial use")

    def add(gallery, caption):
        return Photo.objects.create(
            gallery=gallery,
            original="photos/x/original.jpg",
            original_filename="x.jpg",
            original_format="jpeg",
            content_hash=caption,
            width=100,
            height=60,
            file_size=1,
            credit="FIA",
            licence=licence,
            caption=caption,
            is_published=True,
            renditions={"jpeg": [400]},
        )

    return add
