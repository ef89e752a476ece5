import io
import tracemalloc
import zipfile

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from racing.models import DownloadDay, Gallery, Photo
from racing.services import metadata
from racing.services.downloads import photo_download_queryset, stream_gallery_zip

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def fill(add, count, size=(900, 600)):
    for n in range(count):
        add(
            jpeg_bytes(size, colour=(n * 7 % 255, 30, 90)),
            f"p{n}.jpg",
            caption=f"N {n}",
        )


def test_zip_holds_originals_with_credits(client, add, gallery):
    fill(add, 3)

    response = client.get(reverse("racing:gallery-zip", args=[gallery.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="wtcr-germany-race-day.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 4 and names[-1] == "CREDITS.txt"
    assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    credits = archive.read("CREDITS.txt").decode()
    assert f"{names[0]}\tN 0\tFIA WTCR\tFree rights to use image" in credits
    fields = metadata.read(archive.read(names[1]))
    assert fields["Iptc.Application2.Caption"] == "N 1"
    assert Gallery.objects.get().zip_downloads == 1


def test_zip_sends_its_first_bytes_before_reading_the_photos(add, gallery):
    fill(add, 2)
    photos = list(photo_download_queryset())

    stream = stream_gallery_zip(photos=photos)
    first = next(stream)

    assert first.startswith(b"PK\x03\x04")  # a local file header, nothing else
    assert len(first) < 200


def peak_memory_of_zip(photos):
    tracemalloc.start()
    total = 0
    for chunk in stream_gallery_zip(photos=photos):
        total += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, total


def noisy_jpeg(seed) -> bytes:
    """About 1 MB: noise does not compress, like a real camera file."""
    image = Image.effect_noise((1200, 800), 60 + seed).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_zip_memory_stays_flat_whatever_the_gallery_size(add, gallery):
    for n in range(12):
        add(noisy_jpeg(n), f"{n}.jpg")
    photos = list(photo_download_queryset())

    small_peak, small_total = peak_memory_of_zip(photos[:2])
    big_peak, big_total = peak_memory_of_zip(photos)

    assert big_total > 5 * small_total
    assert big_peak < big_total / 4  # a few chunks, never the whole gallery
    assert big_peak < small_peak * 1.5 + 256 * 1024


def test_downloads_are_counted_by_kind(client, add, gallery):
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()

    for kind in ["web", "web", "original"]:
        url = reverse("racing:photo-download", args=[gallery.slug, photo.pk, kind])
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    client.head(url)  # a HEAD is not a download

    photo.refresh_from_db()
    assert (photo.web_downloads, photo.original_downloads) == (2, 1)


def test_downloads_are_counted_per_day_for_the_dashboard(client, add, gallery):
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()

    for kind in ["web", "web", "original"]:
        url = reverse("racing:photo-download", args=[gallery.slug, photo.pk, kind])
        b"".join(client.get(url).streaming_content)
    for _ in range(2):
        b"".join(
            client.get(
                reverse("racing:gallery-zip", args=[gallery.slug])
            ).streaming_content
        )

    today = timezone.localdate()
    rows = DownloadDay.objects.filter(day=today, gallery=gallery)
    assert dict(rows.values_list("kind", "count")) == {
        "web": 2,
        "original": 1,
        "zip": 2,
    }
    assert rows.get(kind="web").photo == photo and rows.get(kind="zip").photo is None


def test_download_has_a_file_name_and_embedded_caption(client, add, gallery):
    add(jpeg_bytes(), "a.jpg", caption="Bäckman")
    photo = Photo.objects.get()

    response = client.get(
        reverse("racing:photo-download", args=[gallery.slug, photo.pk, "web"])
    )

    assert response["Content-Disposition"] == (
        f'attachment; filename="wtcr-germany-race-day-{photo.pk}-web.jpg"'
    )
    data = b"".join(response.streaming_content)
    assert metadata.read(data)["Iptc.Application2.Caption"] == "Bäckman"


def test_a_failing_counter_never_breaks_the_download(client, add, gallery, monkeypatch):
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()

    def broken_update(self, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr("django.db.models.query.QuerySet.update", broken_update)
    response = client.get(
        reverse("racing:photo-download", args=[gallery.slug, photo.pk, "original"])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_x_accel_redirect_hands_the_file_to_nginx(client, add, gallery, settings):
    settings.RACING_X_ACCEL_PREFIX = "/protected-photos/"
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()

    response = client.get(
        reverse("racing:photo-download", args=[gallery.slug, photo.pk, "original"])
    )

    assert response["X-Accel-Redirect"] == (
        f"/protected-photos/{photo.download_name('original')}"
    )
    assert response.content == b""


def test_signed_url_redirect_is_not_cached_longer_than_the_url_lives(
    client, add, gallery, settings
):
    settings.RACING_PHOTO_REDIRECT = True  # as with an S3 bucket
    add(jpeg_bytes(), "a.jpg")
    photo = Photo.objects.get()

    response = client.get(photo.rendition_url("jpeg", min_width=400))

    assert response.status_code == 302
    assert response["Cache-Control"] == "public, max-age=600"


def test_credits_keep_one_line_per_photo_whatever_the_licence_says(
    client, add, gallery, licence
):
    licence.text = "Free to use\tfor editorial\nreporting only.\r\nCredit: FIA"
    licence.save()
    fill(add, 2)

    response = client.get(reverse("racing:gallery-zip", args=[gallery.slug]))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    lines = archive.read("CREDITS.txt").decode().splitlines()
    photos = [line for line in lines[2:] if line]
    assert len(photos) == 2
    assert all(line.count("\t") == 3 for line in photos)
    assert photos[0].endswith("Free to use for editorial reporting only. Credit: FIA")


# -- the zip is built once per version and sent like any file -------------------


def zip_url(gallery):
    return reverse("racing:gallery-zip", args=[gallery.slug])


def test_nginx_sends_the_zip_and_no_worker_streams_it(client, add, gallery, settings):
    settings.RACING_X_ACCEL_PREFIX = "/protected-photos/"
    fill(add, 2)

    response = client.get(zip_url(gallery))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith(
        f"/protected-photos/photos/galleries/{gallery.pk}/"
    )
    assert response["X-Accel-Redirect"].endswith(".zip")
    assert response.content == b""
    assert 'filename="wtcr-germany-race-day.zip"' in response["Content-Disposition"]


def test_with_a_bucket_the_zip_is_a_signed_url(client, add, gallery, settings):
    settings.RACING_PHOTO_REDIRECT = True
    fill(add, 1)

    response = client.get(zip_url(gallery))

    assert response.status_code == 302
    assert ".zip" in response.url


def test_until_the_worker_has_built_it_the_journalist_waits_on_a_page(
    client, add, gallery, settings
):
    fill(add, 2)
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    from django.tasks import default_task_backend

    first = client.get(zip_url(gallery))
    second = client.get(zip_url(gallery))

    assert (first.status_code, second.status_code) == (202, 202)
    assert first["Retry-After"] == "5"
    assert "Preparing the zip" in first.content.decode()
    assert len(default_task_backend.results) == 1  # one build, however many ask
    from racing.tasks import build_gallery_zip

    build_gallery_zip.call(gallery.pk)
    ready = client.get(zip_url(gallery))
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/zip"


def test_a_new_caption_makes_a_new_zip_and_drops_the_old(
    client, add, gallery, django_capture_on_commit_callbacks
):
    from racing.services import gallery_zips

    fill(add, 2)
    client.get(zip_url(gallery))
    storage = gallery_zips.storage()
    [old] = storage.listdir(gallery_zips.zip_folder(gallery))[1]
    Photo.objects.filter(pk=Photo.objects.first().pk).update(caption="New caption")

    response = client.get(zip_url(gallery))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "New caption" in archive.read("CREDITS.txt").decode()
    [new] = storage.listdir(gallery_zips.zip_folder(gallery))[1]
    assert new != old
