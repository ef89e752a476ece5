"""Batch editing after upload: select photos in the grid and set drivers,
session, caption, credit, licence, highlight and published for all at once."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from racing.models import Licence, Photo
from racing.services import metadata
from tests.factories import make_driver, make_session

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
GRID = reverse("admin:racing_photo_changelist")


@pytest.fixture
def photos(add, gallery):
    for n in range(4):
        add(jpeg_bytes(colour=(n * 40, 20, 20)), f"p{n}.jpg", caption=f"Own {n}")
    return list(Photo.objects.order_by("pk"))


def act(client, photos, **fields):
    data = {
        "action": "edit_selected_photos",
        ACTION_CHECKBOX_NAME: [photo.pk for photo in photos],
        **fields,
    }
    return client.post(GRID, data)


def test_the_action_asks_what_to_change_for_the_selected(press_client, photos):
    response = act(press_client, photos[:3])

    assert response.status_code == 200
    html = response.content.decode()
    assert "Edit 3 photos" in html
    assert html.count(f'name="{ACTION_CHECKBOX_NAME}"') == 3
    assert 'name="driver_change"' in html and 'name="session"' in html
    assert Photo.objects.filter(caption__startswith="Own").count() == 4


def test_one_save_sets_every_field_on_the_selected_only(
    press_client, photos, gallery, driver, django_capture_on_commit_callbacks
):
    session = make_session(event=gallery.event, name="Race 2")
    agency = Licence.objects.create(name="Editorial", text="Editorial use only")
    chosen, untouched = photos[:3], photos[3]

    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            press_client,
            chosen,
            apply="1",
            caption="Bäckman leads into turn 1",
            credit="Team photographer",
            licence=agency.pk,
            session=session.pk,
            drivers=[driver.pk],
            driver_change="add",
            is_highlight="yes",
            is_published="no",
        )

    assert response.status_code == 302
    messages = press_client.get(response.url).content.decode()
    assert "3 photos updated." in messages
    for photo in Photo.objects.filter(pk__in=[p.pk for p in chosen]):
        assert photo.caption == "Bäckman leads into turn 1"
        assert photo.credit == "Team photographer"
        assert (photo.licence, photo.session) == (agency, session)
        assert list(photo.drivers.all()) == [driver]
        assert photo.is_highlight and not photo.is_published
    untouched.refresh_from_db()
    assert untouched.caption == "Own 3" and untouched.credit == "FIA WTCR"
    assert untouched.drivers.count() == 0 and untouched.is_published
    # The download copies carry the new caption and credit.
    photo = chosen[0]
    with photo.original.storage.open(photo.download_name("original")) as file:
        fields = metadata.read(file.read())
    assert fields["Iptc.Application2.Credit"] == "Team photographer"
    assert fields["Iptc.Application2.Caption"] == "Bäckman leads into turn 1"


def test_fields_left_as_they_are_keep_each_photos_own(press_client, photos):
    act(press_client, photos, apply="1", is_highlight="yes", driver_change="add")

    assert [p.caption for p in Photo.objects.order_by("pk")] == [
        "Own 0",
        "Own 1",
        "Own 2",
        "Own 3",
    ]
    assert Photo.objects.filter(is_highlight=True).count() == 4


@pytest.mark.parametrize(
    ("change", "expected"),
    [("add", {"A", "B", "C"}), ("replace", {"C"}), ("remove", {"B"})],
)
def test_drivers_are_added_replaced_or_removed(press_client, photos, change, expected):
    a, b, c = (make_driver(last_name=n, is_own=True) for n in "ABC")
    for photo in photos:
        photo.drivers.set([a, b])
    target = [c] if change != "remove" else [a]

    act(
        press_client,
        photos,
        apply="1",
        drivers=[d.pk for d in target],
        driver_change=change,
    )

    for photo in photos:
        assert {d.last_name for d in photo.drivers.all()} == expected


def test_no_session_clears_it(press_client, photos, gallery):
    session = make_session(event=gallery.event)
    Photo.objects.update(session=session)

    act(press_client, photos, apply="1", session="none", driver_change="add")

    assert not Photo.objects.filter(session__isnull=False).exists()


def test_nothing_chosen_says_so_and_changes_nothing(press_client, photos):
    response = act(press_client, photos, apply="1", driver_change="add")

    assert response.status_code == 200
    assert "Nothing to change" in response.content.decode()
    assert Photo.objects.filter(caption__startswith="Own").count() == 4


def test_a_session_of_another_weekend_is_refused(press_client, photos):
    elsewhere = make_session()

    response = act(press_client, photos, apply="1", session=elsewhere.pk, caption="X")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Photo.objects.filter(caption="X").exists()
    assert not Photo.objects.filter(session=elsewhere).exists()


def test_the_form_page_reads_a_fixed_number_of_queries(
    press_client, add, django_assert_max_num_queries
):
    for n in range(12):
        add(jpeg_bytes(colour=(n * 20, 0, 0)), f"q{n}.jpg")
    photos = list(Photo.objects.all())

    with django_assert_max_num_queries(18):  # the grid's filters, then the form
        response = act(press_client, photos)

    assert response.status_code == 200
