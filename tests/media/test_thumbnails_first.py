"""A new photo's thumbnails are made first, in a task of their own that a
worker takes before the large renditions of the photos sent earlier: the
photo shows in the admin grid within seconds; the public sees it once every
rendition and download copy is made."""

import io

import pytest
from django.db import transaction
from django.urls import reverse

from racing.models import Photo
from racing.services.uploads import add_photo
from racing.tasks import finish_photo, process_photo

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue instead of running at once."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }
    from django.tasks import default_task_backend

    return default_task_backend.results


@pytest.fixture
def upload(gallery, batch, queued, django_capture_on_commit_callbacks):
    def send(name="late.jpg", size=(1800, 1200)):
        with django_capture_on_commit_callbacks(execute=True):
            result = add_photo(
                gallery=gallery,
                file=io.BytesIO(jpeg_bytes(size)),
                name=name,
                batch=batch,
            )
        return result.photo

    return send


def test_upload_queues_the_thumbnails_only(upload, queued):
    photo = upload()

    # The press kit's rebuild may be queued too (it holds portraits).
    photo_tasks = [
        (r.task.name, r.args) for r in queued if r.task.name != "build_press_kit"
    ]
    assert photo_tasks == [("process_photo", [photo.pk])]
    assert process_photo.priority > finish_photo.priority


def test_thumbnails_show_in_the_admin_before_the_rest(
    upload, queued, press_client, client, gallery
):
    photo = upload()

    process_photo.call(photo.pk)

    photo.refresh_from_db()
    assert photo.renditions == {fmt: [400, 800] for fmt in ("avif", "jpeg", "webp")}
    assert photo.has_thumbnails and not photo.is_ready
    assert queued[-1].task.name == "finish_photo"
    grid = press_client.get(
        reverse("admin:racing_photo_changelist") + f"?gallery__id__exact={gallery.pk}"
    ).content.decode()
    assert f'src="{photo.file_url(photo.rendition_name(400, "jpeg"))}"' in grid
    thumbnail = press_client.get(photo.file_url(photo.rendition_name(400, "jpeg")))
    assert thumbnail.status_code == 200
    # Not yet for fans: the gallery says it is being processed.
    page = client.get(gallery.get_absolute_url()).content.decode()
    assert "<picture" not in page
    assert Photo.objects.ready().count() == 0


def test_the_second_task_makes_the_rest_and_publishes(upload, client, gallery):
    photo = upload()
    process_photo.call(photo.pk)

    finish_photo.call(photo.pk)

    photo.refresh_from_db()
    assert photo.processing == "ready" and photo.is_ready
    assert photo.renditions == {
        fmt: [400, 800, 1600] for fmt in ("avif", "jpeg", "webp")
    }
    storage = photo.original.storage
    for ext in ("avif", "webp", "jpg"):
        for width in (400, 800, 1600):
            assert storage.exists(f"{photo.folder}/{width}.{ext}")
    assert storage.exists(photo.download_name("original"))
    assert "<picture" in client.get(gallery.get_absolute_url()).content.decode()


def test_a_failure_in_the_second_task_keeps_the_thumbnails_and_says_why(
    upload, press_client, monkeypatch
):
    from racing.services import images

    photo = upload()
    process_photo.call(photo.pk)

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(images, "build_renditions", broken)
    with pytest.raises(OSError):
        finish_photo.call(photo.pk)

    photo.refresh_from_db()
    assert photo.processing == "failed" and "disk gone" in photo.processing_error
    assert photo.has_thumbnails and not photo.is_ready
    html = press_client.get(reverse("admin:racing_photo_changelist")).content.decode()
    assert "Failed:" in html
    assert photo.file_url(photo.rendition_name(400, "jpeg")) in html


def test_processing_again_keeps_a_ready_photo_public(add, settings):
    add(jpeg_bytes((1800, 1200)), "a.jpg")
    photo = Photo.objects.get()
    assert photo.is_ready
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }

    process_photo.call(photo.pk)

    photo.refresh_from_db()
    assert photo.is_ready and photo.renditions["avif"] == [400, 800, 1600]


def test_a_worker_takes_thumbnails_before_earlier_large_renditions(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "thumbnails"],
        }
    }
    finish_photo.enqueue(1)
    process_photo.enqueue(2)

    with transaction.atomic():
        first = DBTaskResult.objects.ready().get_locked()
    assert (first.task_path, first.args_kwargs["args"]) == (
        process_photo.module_path,
        [2],
    )
