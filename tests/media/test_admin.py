import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from racing.models import Photo

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def upload(client, gallery, chosen_licence, name, data, **extra):
    url = reverse("admin:racing_gallery_upload_file", args=[gallery.pk])
    fields = {
        "licence": chosen_licence.pk,
        "credit": "FIA WTCR",
        "caption": "Race 2",
        "is_published": "on",
        "file": SimpleUploadedFile(name, data),
        **extra,
    }
    return client.post(url, fields)


def test_upload_page_renders_for_the_press_officer(press_client, gallery):
    response = press_client.get(
        reverse("admin:racing_gallery_upload", args=[gallery.pk])
    )

    assert response.status_code == 200
    assert b"data-file-input" in response.content
    assert b"js/bulk_upload.js" in response.content


def test_each_file_is_its_own_request_with_its_result(
    press_client, gallery, licence, driver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        good = upload(
            press_client,
            gallery,
            licence,
            "good.jpg",
            jpeg_bytes(),
            drivers=[driver.pk],
        )
    bad = upload(press_client, gallery, licence, "bad.jpg", b"<html></html>")

    assert good.json()["results"][0]["status"] == "created"
    assert bad.json()["results"][0]["status"] == "refused"
    assert bad.json()["results"][0]["message"].startswith("bad.jpg: ")
    photo = Photo.objects.get()
    assert photo.caption == "Race 2" and photo.credit == "FIA WTCR"
    assert list(photo.drivers.all()) == [driver]
    assert photo.is_ready


def test_batch_without_licence_is_refused_and_stores_nothing(
    press_client, gallery, licence
):
    response = upload(press_client, gallery, licence, "a.jpg", jpeg_bytes(), licence="")

    assert response.status_code == 400
    assert "Licence" in response.json()["error"]
    assert Photo.objects.count() == 0


def test_staff_without_photo_permission_cannot_upload(
    client, django_user_model, gallery, licence
):
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)

    response = upload(client, gallery, licence, "a.jpg", jpeg_bytes())

    assert response.status_code == 403
    assert Photo.objects.count() == 0


@pytest.mark.parametrize("model", ["licence", "gallery", "photo"])
def test_changelists_render_with_download_counts(press_client, add, model):
    add(jpeg_bytes(), "a.jpg")
    Photo.objects.update(web_downloads=7)

    response = press_client.get(reverse(f"admin:racing_{model}_changelist"))

    assert response.status_code == 200
    if model == "photo":
        assert b"web downloads" in response.content.lower()
    if model == "gallery":
        assert b"Upload photos" in response.content


def test_grid_edit_refreshes_the_embedded_caption(
    press_client, add, gallery, licence, django_capture_on_commit_callbacks
):
    from racing.services import metadata

    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()
    url = reverse("admin:racing_photo_change", args=[photo.pk])
    data = {
        "gallery": gallery.pk,
        "caption": "Edited caption",
        "alt_text": "",
        "credit": "Team photographer",
        "licence": licence.pk,
        "order": 1,
        "is_published": "on",
        "taken_at_0": "",
        "taken_at_1": "",
        "focal_x": 50,
        "focal_y": 50,
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = press_client.post(url, data)

    assert response.status_code == 302
    with photo.original.storage.open(photo.download_name("web"), "rb") as f:
        fields = metadata.read(f.read())
    assert fields["Iptc.Application2.Caption"] == "Edited caption"
    assert fields["Iptc.Application2.Credit"] == "Team photographer"


def test_deleting_a_photo_removes_its_files(
    press_client, add, django_capture_on_commit_callbacks
):
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()
    storage = photo.original.storage
    assert storage.listdir(photo.folder)[1]

    with django_capture_on_commit_callbacks(execute=True):
        press_client.post(
            reverse("admin:racing_photo_delete", args=[photo.pk]), {"post": "yes"}
        )

    assert not Photo.objects.exists()
    assert storage.listdir(photo.folder)[1] == []


@pytest.mark.parametrize(("count", "message"), [(1, "1 gallery"), (2, "2 galleries")])
def test_unpublishing_galleries_says_how_many(press_client, gallery, count, message):
    galleries = [gallery]
    if count == 2:
        galleries.append(
            type(gallery).objects.create(
                event=gallery.event, title="Paddock", slug="paddock", is_published=True
            )
        )

    response = press_client.post(
        reverse("admin:racing_gallery_changelist"),
        {"action": "unpublish", "_selected_action": [g.pk for g in galleries]},
        follow=True,
    )

    assert f"{message} unpublished." in response.content.decode()
    assert not type(gallery).objects.filter(is_published=True).exists()
