"""Resumable uploads (tus 1.0): a file goes up in chunks that survive a
dropped connection; the whole file is checked like any upload before a photo
is kept; unfinished uploads expire after a day."""

import base64
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from racing.models import Gallery, PartialUpload, Photo

from .conftest import jpeg_bytes
from .test_uploads import stored_files

pytestmark = pytest.mark.django_db
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def metadata(**fields):
    return ",".join(
        f"{key} {base64.b64encode(str(value).encode()).decode()}"
        for key, value in fields.items()
    )


@pytest.fixture
def tus(press_client, gallery, licence, driver, django_capture_on_commit_callbacks):
    class Client:
        collection = reverse("admin:racing_gallery_upload_tus", args=[gallery.pk])

        def create(self, data, name="IMG_0001.JPG", **fields):
            fields = {
                "filename": name,
                "licence": licence.pk,
                "credit": "FIA WTCR",
                "drivers": str(driver.pk),
                "is_published": "on",
                **fields,
            }
            return press_client.post(
                self.collection,
                HTTP_UPLOAD_LENGTH=str(len(data)),
                HTTP_UPLOAD_METADATA=metadata(**fields),
                **TUS,
            )

        def patch(self, url, chunk, offset):
            with django_capture_on_commit_callbacks(execute=True):
                return press_client.generic(
                    "PATCH",
                    url,
                    chunk,
                    content_type="application/offset+octet-stream",
                    HTTP_UPLOAD_OFFSET=str(offset),
                    **TUS,
                )

        def head(self, url):
            return press_client.head(url, **TUS)

        def send(self, data, size=100_000, **fields):
            url = self.create(data, **fields)["Location"]
            for offset in range(0, len(data), size):
                response = self.patch(url, data[offset : offset + size], offset)
                assert response.status_code == 204, response.content
            return url

    return Client()


def test_the_server_says_what_it_offers(press_client, tus):
    response = press_client.options(tus.collection)

    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert set(response["Tus-Extension"].split(",")) == {
        "creation",
        "termination",
        "expiration",
    }


def test_chunks_make_a_photo_with_the_batch_fields(tus, press_client, driver):
    data = jpeg_bytes((1200, 800))

    url = tus.send(data, size=50_000)

    photo = Photo.objects.get()
    assert photo.original_filename == "IMG_0001.JPG"
    assert photo.credit == "FIA WTCR" and list(photo.drivers.all()) == [driver]
    with photo.original.open("rb") as stored:
        assert stored.read() == data
    results = press_client.get(url).json()["results"]
    assert results[0]["status"] == "created"
    assert results[0]["photo"] == photo.pk
    assert not [f for f in stored_files() if "uploads" in f.parts]  # chunks gone


def test_after_a_dropped_connection_the_upload_resumes_where_it_stood(tus):
    data = jpeg_bytes((1200, 800))
    url = tus.create(data)["Location"]
    assert tus.patch(url, data[:40_000], 0).status_code == 204

    # The connection drops; the client asks where to go on from.
    head = tus.head(url)

    assert head.status_code == 200
    assert head["Upload-Offset"] == "40000"
    assert head["Upload-Length"] == str(len(data))
    assert "GMT" in head["Upload-Expires"]
    assert tus.patch(url, data[40_000:], 40_000).status_code == 204
    assert Photo.objects.count() == 1


def ask(press_client, gallery, files):
    return press_client.post(
        reverse("admin:racing_gallery_upload_known", args=[gallery.pk]),
        json.dumps({"files": files}),
        content_type="application/json",
    )


def test_the_page_learns_which_files_the_gallery_has_before_sending(
    tus, press_client, gallery
):
    kept = jpeg_bytes(colour="red")
    tus.send(kept)
    new = jpeg_bytes(colour="blue")

    response = ask(
        press_client,
        gallery,
        [
            {"name": "IMG_0001.JPG", "sha256": hashlib.sha256(kept).hexdigest()},
            {"name": "IMG_0002.JPG", "sha256": hashlib.sha256(new).hexdigest()},
        ],
    )

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "sha256": hashlib.sha256(kept).hexdigest(),
            "name": "IMG_0001.JPG",
            "status": "duplicate",
            "message": "IMG_0001.JPG: already in this gallery, skipped.",
        }
    ]


def test_a_photo_that_never_became_ready_is_sent_again(tus, press_client, gallery):
    data = jpeg_bytes()
    tus.send(data)
    Photo.objects.update(processing=Photo.Processing.FAILED)

    response = ask(
        press_client,
        gallery,
        [{"name": "a.jpg", "sha256": hashlib.sha256(data).hexdigest()}],
    )

    assert response.json()["results"] == []


def test_another_gallerys_photo_is_not_this_ones(tus, press_client):
    data = jpeg_bytes()
    tus.send(data)
    other = Gallery.objects.create(
        event=Gallery.objects.get().event, title="Paddock", slug="paddock"
    )

    response = ask(
        press_client,
        other,
        [{"name": "a.jpg", "sha256": hashlib.sha256(data).hexdigest()}],
    )

    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "body",
    ["not json", '{"files": "x"}', '{"files": [{"name": "a.jpg"}]}', "[]"],
)
def test_an_odd_question_gets_a_clear_answer_and_changes_nothing(
    press_client, gallery, body
):
    response = press_client.post(
        reverse("admin:racing_gallery_upload_known", args=[gallery.pk]),
        body,
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "name and SHA-256" in response.json()["error"]
    assert Photo.objects.count() == 0


def test_only_the_photo_desk_may_ask(client, django_user_model, gallery):
    staff = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(staff)

    response = client.post(
        reverse("admin:racing_gallery_upload_known", args=[gallery.pk]),
        json.dumps({"files": []}),
        content_type="application/json",
    )

    assert response.status_code == 403


def test_a_chunk_at_the_wrong_offset_is_a_conflict(tus):
    data = jpeg_bytes()
    url = tus.create(data)["Location"]
    tus.patch(url, data[:1000], 0)

    response = tus.patch(url, data[500:2000], 500)

    assert response.status_code == 409
    assert response["Upload-Offset"] == "1000"


def test_a_file_already_in_the_gallery_is_skipped(tus, press_client):
    data = jpeg_bytes()
    tus.send(data)

    url = tus.send(data, name="again.jpg")

    assert press_client.get(url).json()["results"][0]["status"] == "duplicate"
    assert Photo.objects.count() == 1


def test_a_file_that_is_no_photo_is_refused_at_its_first_chunk(tus):
    data = b"<html><script>alert(1)</script></html>" * 100
    url = tus.create(data, name="page.jpg")["Location"]

    response = tus.patch(url, data[:1000], 0)

    assert response.status_code == 415
    assert "not a JPEG" in response.json()["error"]
    assert PartialUpload.objects.count() == 0
    assert stored_files() == []


def test_a_hostile_file_is_refused_when_complete_and_nothing_kept(tus, press_client):
    data = b"\xff\xd8\xff\xe0" + bytes(300_000)  # a JPEG header, then zeros

    url = tus.send(data, name="bomb.jpg")

    result = press_client.get(url).json()["results"][0]
    assert result["status"] == "refused"
    assert Photo.objects.count() == 0
    assert stored_files() == []


def test_a_zip_bomb_sent_resumably_is_refused(tus, press_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.jpg", b"\xff\xd8\xff\xe0" + bytes(5_000_000))

    url = tus.send(buffer.getvalue(), name="photos.zip")

    result = press_client.get(url).json()["results"][0]
    assert result["status"] == "refused" and "bomb" in result["message"]
    assert stored_files() == []


def test_too_large_a_file_is_refused_before_any_byte(tus, settings):
    settings.RACING_MAX_PHOTO_BYTES = 1000

    response = tus.create(bytes(30_000))

    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert PartialUpload.objects.count() == 0


def test_a_batch_without_licence_is_refused_before_any_byte(tus):
    response = tus.create(jpeg_bytes(), licence="")

    assert response.status_code == 400
    assert "Licence" in response.json()["error"]
    assert PartialUpload.objects.count() == 0


def test_cancelling_removes_the_chunks(tus, press_client):
    data = jpeg_bytes()
    url = tus.create(data)["Location"]
    tus.patch(url, data[:1000], 0)

    response = press_client.delete(url, **TUS)

    assert response.status_code == 204
    assert PartialUpload.objects.count() == 0
    assert stored_files() == []


def test_another_users_upload_is_not_found(tus, client, django_user_model):
    data = jpeg_bytes()
    url = tus.create(data)["Location"]
    other = django_user_model.objects.create_superuser("other", password="x")
    client.force_login(other)

    assert client.head(url, **TUS).status_code == 404


def test_uploads_left_for_a_day_are_cleaned(tus):
    data = jpeg_bytes()
    stale = tus.create(data)["Location"]
    tus.patch(stale, data[:1000], 0)
    fresh = tus.create(data, name="b.jpg")["Location"]
    tus.patch(fresh, data[:1000], 0)
    PartialUpload.objects.filter(filename="IMG_0001.JPG").update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    call_command("clean_uploads")

    assert list(PartialUpload.objects.values_list("filename", flat=True)) == ["b.jpg"]
    assert len([f for f in stored_files() if "uploads" in f.parts]) == 1


def test_a_phone_photo_goes_up_resumably(tus):
    from .test_heic import heic_bytes

    tus.send(heic_bytes((1200, 800)), name="IMG_5678.HEIC", size=3000)

    photo = Photo.objects.get()
    assert (photo.original_format, photo.width, photo.height) == ("heic", 800, 1200)
    assert photo.is_ready
