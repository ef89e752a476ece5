"""Every photo shows where its processing stands; a failure says why, and
failed or stalled photos are processed again from the admin, by re-upload or
by `manage.py recover_photos`."""

import datetime as dt
import errno
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from racing.models import Photo
from racing.services import images

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(monkeypatch):
    """Renditions cannot be written: the disk is full."""

    def no_space(storage, name, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(images, "save_file", no_space)
    return monkeypatch


def test_a_processed_photo_is_ready(add):
    add(jpeg_bytes(), "a.jpg")

    assert Photo.objects.get().processing == "ready"


def test_a_failed_photo_says_why_in_the_admin(add, full_disk, press_client):
    add(jpeg_bytes(), "a.jpg")  # the task fails; the upload itself is kept

    photo = Photo.objects.get()
    assert (photo.processing, photo.is_ready) == ("failed", False)
    assert "disk is full" in photo.processing_error
    html = press_client.get(reverse("admin:racing_photo_changelist")).content.decode()
    assert "Failed:" in html and "disk is full" in html


def test_uploading_a_failed_photo_again_processes_it(add, full_disk):
    add(jpeg_bytes(), "a.jpg")  # the task fails; the upload itself is kept
    full_disk.undo()

    result = add(jpeg_bytes(), "a.jpg")

    assert result.status == "created"
    assert "processing it again" in result.message
    photo = Photo.objects.get()
    assert (photo.processing, photo.is_ready) == ("ready", True)


def test_a_ready_photo_sent_again_is_still_a_duplicate(add):
    add(jpeg_bytes(), "a.jpg")

    assert add(jpeg_bytes(), "a.jpg").status == "duplicate"


def test_the_admin_action_processes_failed_photos_again(
    add, full_disk, press_client, django_capture_on_commit_callbacks
):
    add(jpeg_bytes(), "a.jpg")  # the task fails; the upload itself is kept
    full_disk.undo()
    photo = Photo.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        press_client.post(
            reverse("admin:racing_photo_changelist"),
            {"action": "regenerate_renditions", "_selected_action": [photo.pk]},
        )

    photo.refresh_from_db()
    assert (photo.processing, photo.is_ready) == ("ready", True)


def stall(photo, minutes=60):
    Photo.objects.filter(pk=photo.pk).update(
        processing="processing",
        renditions={},
        processing_changed_at=timezone.now() - dt.timedelta(minutes=minutes),
    )


def test_a_stalled_photo_is_shown_as_stalled(add, press_client):
    add(jpeg_bytes(), "a.jpg")
    stall(Photo.objects.get())

    html = press_client.get(reverse("admin:racing_photo_changelist")).content.decode()

    assert "Stalled since" in html


def test_recover_photos_queues_stalled_photos_again(add):
    add(jpeg_bytes(), "a.jpg")
    add(jpeg_bytes(colour="blue"), "b.jpg")
    stalled, busy = Photo.objects.order_by("pk")
    stall(stalled)
    stall(busy, minutes=1)  # still within its time

    out = io.StringIO()
    call_command("recover_photos", stdout=out)

    stalled.refresh_from_db()
    busy.refresh_from_db()
    assert (stalled.processing, stalled.is_ready) == ("ready", True)
    assert busy.processing == "processing"
    assert "1 stalled photos queued again" in out.getvalue()


def test_recover_photos_closes_tasks_whose_worker_died(db):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    lost = DBTaskResult.objects.create(
        task_path="racing.tasks.process_photo",
        args_kwargs={"args": [1], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=2),
        queue_name="default",
        backend_name="default",
        priority=0,
    )

    call_command("recover_photos", stdout=io.StringIO())

    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED


def test_the_press_officer_can_read_the_task_list(press_client):
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")

    assert press_client.get(url).status_code == 200
