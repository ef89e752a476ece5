import pytest

from racing.demo import load_demo
from racing.models import Quote, RaceReport, ReportQuote

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(RaceReport.objects.order_by("pk").values()),
        list(ReportQuote.objects.order_by("pk").values()),
        list(Quote.objects.order_by("pk").values()),
    )


def test_demo_reports_load_twice_without_change():
    load_demo()
    first = _snapshot()

    load_demo()

    assert _snapshot() == first


def test_demo_reports_are_published_and_linked(demo):
    english, swedish = demo["report"], demo["report_sv"]

    assert english.is_public and swedish.is_public
    assert swedish.translation_of == english and swedish.language == "sv"
    assert english.report_quotes.count() == swedish.report_quotes.count() == 6
    assert {q.language for q in swedish.quotes.all()} == {"sv"}
    assert "[[quote 6]]" in english.body
    # The results block is generated, never typed into the text.
    assert "16th place" not in english.body
