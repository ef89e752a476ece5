"""The press kit: fact sheets with records computed from results, headshots
through the photo desk, and one zip with CREDITS.txt, remade when its
content changes."""

import io
import zipfile

import pytest
from django.urls import reverse

from racing.models import Result
from racing.services import press_kit

pytestmark = pytest.mark.django_db


def zip_of(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    body = (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )
    return zipfile.ZipFile(io.BytesIO(body))


def test_the_kit_shows_fact_sheets_and_headshot_downloads(
    client, kit_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("racing:press-kit"))

    page = response.content.decode()
    assert "Andreas Bäckman" in page and "Jessica Bäckman" in page
    assert "Hyundai Elantra N TCR" in page
    assert "/download/original/" in page and "/download/web/" in page
    assert reverse("racing:press-kit-zip") in page
    assert reverse("racing:press-kit") in client.get("/press/").content.decode()


def test_season_records_are_computed_from_results(kit_data):
    kit = press_kit.build_kit()
    jessica = next(s for s in kit.drivers if s.driver.slug == "jessica-backman")
    [record] = jessica.records
    results = Result.objects.filter(driver=jessica.driver)

    assert record.points == sum(r.points for r in results)
    assert record.best_finish == min(
        r.position
        for r in results
        if r.position and r.status == "cla" and r.session.kind == "race"
    )


def test_the_zip_holds_sheets_photos_and_credits(client, kit_data):
    archive = zip_of(client.get(reverse("racing:press-kit-zip")))

    names = archive.namelist()
    assert {"fact-sheet-en.txt", "fact-sheet-sv.txt", "CREDITS.txt"} <= set(names)
    headshots = [n for n in names if n.startswith("headshots/")]
    assert len(headshots) == 2
    credits = archive.read("CREDITS.txt").decode()
    for name in headshots:
        assert name in credits
    assert "FIA WTCR" in credits and "Jessica portrait" in credits
    sheet = archive.read("fact-sheet-en.txt").decode()
    assert "Jessica Bäckman #11" in sheet and "Hyundai Elantra N TCR" in sheet


def test_a_changed_result_makes_a_new_zip(client, kit_data):
    first = press_kit.build_zip()
    result = Result.objects.filter(driver__slug="jessica-backman").first()
    Result.objects.filter(pk=result.pk).update(points=result.points + 10)

    second = press_kit.build_zip()

    assert first != second
    files = press_kit.storage()
    assert files.exists(second) and not files.exists(first)
    archive = zip_of(client.get(reverse("racing:press-kit-zip")))
    sheet = archive.read("fact-sheet-en.txt").decode()
    kit = press_kit.build_kit()
    jessica = next(s for s in kit.drivers if s.driver.slug == "jessica-backman")
    points = f"{jessica.records[0].points.normalize():f} points"
    assert points in sheet


def test_the_zip_is_built_in_the_background_when_not_ready(client, kit_data, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }

    response = client.get(reverse("racing:press-kit-zip"))

    assert response.status_code == 202
    assert response["Retry-After"]
    assert "private" in response["Cache-Control"]


def test_a_change_queues_one_build_a_minute_later(
    kit_data, settings, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    backend = task_backends["default"]
    result = Result.objects.first()

    with django_capture_on_commit_callbacks(execute=True):
        result.save()
        Result.objects.last().save()  # a burst of saves: one build

    builds = [r for r in backend.results if r.task.name == "build_press_kit"]
    assert len(builds) == 1
    assert builds[0].task.run_after is not None
