"""Data for bench/loadtest.py, in the load test's database: a gallery of
camera-sized photos with its zip built, the press officer's login, the photos
to upload, and the pages to read. Writes setup.txt beside the photo folder."""

import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django_setup  # noqa: E402, F401  (the project, set up)
from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image  # noqa: E402

from racing.models import Gallery, Licence, Photo, RaceReport, Session  # noqa: E402
from racing.permissions import PRESS_OFFICER  # noqa: E402
from racing.services.uploads import Batch, add_photo  # noqa: E402
from racing.tasks import build_gallery_zip  # noqa: E402


def camera_jpeg(seed: int, size=(6000, 4000)) -> bytes:
    image = Image.effect_noise(size, 40 + seed).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def main(uploads: int):
    work = Path(os.environ["DJANGO_PHOTO_ROOT"]).parent
    press, _ = User.objects.get_or_create(username="press", defaults={"is_staff": True})
    press.set_password("green-hell-2021")
    press.save()
    press.groups.add(Group.objects.get(name=PRESS_OFFICER))

    demo = Gallery.objects.filter(is_published=True).select_related("event").first()
    big = Gallery.objects.create(
        event=demo.event, title="Camera files", slug="camera-files", is_published=True
    )
    licence = Licence.objects.first()
    batch = Batch(licence_id=licence.pk, credit="FIA WTCR", caption="Load test")
    for n in range(12):  # about 12 x 8 MB: a zip that takes a minute at 2 MB/s
        with transaction.atomic():
            add_photo(
                gallery=big,
                file=io.BytesIO(camera_jpeg(n)),
                name=f"camera-{n}.jpg",
                batch=batch,
            )
    build_gallery_zip.call(big.pk)

    folder = work / "uploads"
    folder.mkdir(exist_ok=True)
    for n in range(uploads):
        (folder / f"burst-{n}.jpg").write_bytes(camera_jpeg(100 + n, (3000, 2000)))

    report = RaceReport.objects.published().first()
    photo = Photo.objects.filter(gallery=demo).ready().first()
    session = Session.objects.get(event=demo.event, name="Race 2")
    pages = [
        ("robots.txt_(no_database)", "/robots.txt"),
        ("home", "/"),
        ("home_(Swedish)", "/sv/"),
        ("reports", "/reports/"),
        ("report", report.get_absolute_url()),
        ("event", demo.event.get_absolute_url()),
        ("standings", "/standings/"),
        ("calendar", "/calendar/"),
        ("driver", "/drivers/jessica-backman/"),
        ("galleries", "/galleries/"),
        ("gallery", demo.get_absolute_url()),
        ("photo_page", photo.get_absolute_url()),
        ("rendition_(nginx)", photo.rendition_url("webp")),
        ("search", "/search/?q=backman"),
    ]
    lines = {
        "pages": ",".join(f"{label} {path}" for label, path in pages),
        "zip": f"/galleries/{big.slug}/download.zip",
        "session": f"/admin/racing/session/{session.pk}/change/",
        "session_id": session.pk,
        "gallery": demo.pk,
        "licence": licence.pk,
        "uploads": folder,
    }
    (work / "setup.txt").write_text("\n".join(f"{k}={v}" for k, v in lines.items()))


if __name__ == "__main__":
    main(int(sys.argv[1]))
