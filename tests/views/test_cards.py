"""Report cards on the list pages: what a reader sees, with
whatever the press officer typed shown as text, never as markup."""

import pytest
from django.urls import reverse

from tests.factories import make_event
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "Co"'


def test_a_report_card_shows_typed_text_as_text(client):
    event = make_event(name=f"Vila Real {HOSTILE}")
    make_report(event=event, title=f"Podium {HOSTILE}", lead=f"Lead {HOSTILE}")

    html = client.get(reverse("racing:report-list")).content.decode()

    assert "<script>alert" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;"
    assert f'<p class="eyebrow">Vila Real {escaped}</p>' in html
    assert f">Podium {escaped}</a></h2>" in html
    assert f"<p>Lead {escaped}</p>" in html


def test_a_report_in_the_other_language_says_so_on_its_card(client):
    make_report(title="Pallplats i Vila Real", language="sv")

    html = client.get(reverse("racing:report-list")).content.decode()

    assert '<article class="card report-card" lang="sv">' in html
    assert '<span class="report-language">På svenska</span>' in html
    assert '<span class="card-placeholder" aria-hidden="true">' in html
