"""Importing a session's timing sheet in the admin: upload, preview, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from racing.models import Driver, Result
from tests.factories import (
    make_driver,
    make_entry,
    make_event,
    make_result,
    make_session,
)

pytestmark = pytest.mark.django_db

SHEET = (
    "Pos,No,Driver,Laps,Best lap,Gap,Status\n"
    "1,100,,3,8:52.123,,\n"
    "2,12,,3,8:55.004,+4.512,\n"
)


@pytest.fixture
def race():
    session = make_session()
    season = session.event.season
    make_entry(
        season=season,
        number=100,
        driver=make_driver(first_name="Tom", last_name="Coronel"),
    )
    make_entry(
        season=season,
        number=12,
        driver=make_driver(first_name="Jessica", last_name="Bäckman"),
    )
    return session


def import_url(session):
    return reverse("admin:racing_session_import_results", args=[session.pk])


def upload(text, name="timing.csv"):
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_session_page_links_to_the_import(press_client, race):
    response = press_client.get(reverse("admin:racing_session_change", args=[race.pk]))

    assert import_url(race) in response.content.decode()


def test_upload_preview_then_confirm_saves_the_results(press_client, race):
    make_result(session=race, driver=make_driver(), position=9)

    preview = press_client.post(import_url(race), {"file": upload(SHEET)})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'id="import-preview"' in page
    assert "Tom Coronel" in page and "removed (not on the sheet)" in page
    assert race.results.count() == 1  # the preview saves nothing

    confirm = press_client.post(
        import_url(race), {"text": preview.context["sheet"], "confirm": "1"}
    )

    assert confirm.status_code == 302
    assert confirm.url == reverse("admin:racing_session_change", args=[race.pk])
    assert sorted(race.results.values_list("position", "points")) == [(1, 25), (2, 20)]


def test_a_pasted_sheet_works_like_a_file(press_client, race):
    response = press_client.post(import_url(race), {"text": SHEET, "confirm": "1"})

    assert response.status_code == 302
    assert race.results.count() == 2


def test_a_bad_file_lists_its_errors_and_saves_nothing(press_client, race):
    make_result(session=race, driver=make_driver(), position=9)
    bad = SHEET + "x,55,,3,,,\n3,12,,3,fast,,\n"

    for data in ({"file": upload(bad)}, {"text": bad, "confirm": "1"}):
        response = press_client.post(import_url(race), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Nothing was saved: 2 rows need fixing." in page
        assert "Line 4: “x” is not a position." in page
        assert "Line 5: “fast” is not a lap time" in page
        assert 'name="confirm"' not in page
        assert list(race.results.values_list("position", flat=True)) == [9]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "This is not a text file"),
        (b"1,100\n2,12\n", "the first row must name the columns"),
    ],
    ids=["empty", "binary", "no-header"],
)
def test_a_file_that_cannot_be_read_says_why(press_client, race, data, message):
    response = press_client.post(import_url(race), {"file": upload(data)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Result.objects.exists()


def test_nothing_chosen_asks_for_a_file(press_client, race):
    response = press_client.post(import_url(race), {})

    assert "Choose a CSV file or paste the sheet." in response.content.decode()


def test_a_too_large_file_is_refused(press_client, race, settings):
    settings.RACING_MAX_CSV_BYTES = 1024

    response = press_client.post(
        import_url(race), {"file": upload("Pos,No\n" + "1,100\n" * 400)}
    )

    assert "larger than 1 KB" in response.content.decode()


def test_hostile_names_are_shown_escaped(press_client, race):
    sheet = 'Pos,Driver\n1,<script>alert("x")</script> Evil\n2,<b>Bäckman\n'

    response = press_client.post(import_url(race), {"file": upload(sheet)})

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Evil" in page
    assert "&lt;b&gt;Bäckman" in page
    assert not Driver.objects.filter(last_name="Evil").exists()


def test_a_user_without_result_permissions_cannot_import(
    client, django_user_model, race
):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)

    response = client.post(import_url(race), {"text": SHEET, "confirm": "1"})

    assert response.status_code == 403
    assert not race.results.exists()


def test_the_preview_takes_a_fixed_number_of_queries(
    press_client, django_assert_max_num_queries
):
    session = make_session(event=make_event())
    season = session.event.season
    rows = []
    for number in range(1, 31):
        make_entry(season=season, number=number)
        rows.append(f"{number},{number}")
    sheet = "Pos,No\n" + "\n".join(rows)

    with django_assert_max_num_queries(12):
        response = press_client.post(import_url(session), {"text": sheet})

    assert response.content.decode().count("<td>new</td>") == 30
