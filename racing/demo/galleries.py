"""Demo galleries for the seed weekend, with photos drawn here by Pillow.

The seed ships no image files and nothing may be downloaded, so each photo is a
generated 3000 x 2000 JPEG clearly marked "DEMO IMAGE". The originals carry
camera-style EXIF with a GPS position and a body serial number, so the demo
shows both being stripped from downloads. Photos go through the same upload
service as the press officer's, and their renditions are made when the demo's
transaction commits (not at all inside a test's transaction).
"""

import datetime as dt
import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from racing.models import Gallery, Licence, Photo
from racing.services.uploads import Batch, add_photo

CREDIT = "FIA WTCR"
LICENCE = "Free rights to use image"
SIZE = (3000, 2000)
FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
]
# gallery slug, title, session name, [(driver slugs, caption, highlight)]
GALLERIES = [
    (
        "nurburgring-2021-race-day",
        "Race day at the Nordschleife",
        "Race 2",
        [
            (
                ["jessica-backman"],
                "Jessica Bäckman on her way to her first "
                "World Cup points of the season in Race 2.",
                True,
            ),
            (
                ["andreas-backman"],
                "Andreas Bäckman in Race 1 at the Nürburgring Nordschleife.",
                True,
            ),
            (["jessica-backman"], "Jessica Bäckman through the Karussell.", False),
            (
                ["andreas-backman"],
                "Andreas Bäckman before the retirement in Race 2.",
                False,
            ),
            (
                ["andreas-backman", "jessica-backman"],
                "The siblings on the grid before Race 1.",
                False,
            ),
            (["jessica-backman"], "Jessica Bäckman at the finish of Race 2.", False),
        ],
    ),
    (
        "nurburgring-2021-practice-qualifying",
        "Practice and qualifying",
        "Qualifying",
        [
            (
                ["andreas-backman"],
                "Andreas Bäckman on his qualifying lap: 17th.",
                False,
            ),
            (
                ["jessica-backman"],
                "Jessica Bäckman in changing conditions in Free Practice 1.",
                False,
            ),
            (
                ["andreas-backman"],
                "Andreas Bäckman in the wet in Free Practice 2.",
                False,
            ),
            (
                ["jessica-backman"],
                "Jessica Bäckman in the pit lane during qualifying.",
                False,
            ),
            (
                ["andreas-backman", "jessica-backman"],
                "The Target Competition Hyundai Elantra N TCR cars in the paddock.",
                False,
            ),
            (["andreas-backman"], "Andreas Bäckman at Brünnchen.", False),
        ],
    ),
]
# The captions in Swedish, for the Swedish pages (files carry the English).
CAPTIONS_SV = {
    "Jessica Bäckman on her way to her first World Cup points of the season "
    "in Race 2.": "Jessica Bäckman på väg mot sina första poäng i världscupen "
    "i race 2.",
    "Andreas Bäckman in Race 1 at the Nürburgring Nordschleife.": "Andreas "
    "Bäckman i race 1 på Nürburgring Nordschleife.",
    "Jessica Bäckman through the Karussell.": "Jessica Bäckman genom Karussell.",
    "Andreas Bäckman before the retirement in Race 2.": "Andreas Bäckman före "
    "utbrottet i race 2.",
    "The siblings on the grid before Race 1.": "Syskonen på startgridden före race 1.",
    "Jessica Bäckman at the finish of Race 2.": "Jessica Bäckman i mål i race 2.",
    "Andreas Bäckman on his qualifying lap: 17th.": "Andreas Bäckman på sitt "
    "kvalvarv: 17:e.",
    "Jessica Bäckman in changing conditions in Free Practice 1.": "Jessica "
    "Bäckman i växlande förhållanden i första träningen.",
    "Andreas Bäckman in the wet in Free Practice 2.": "Andreas Bäckman i regnet "
    "i andra träningen.",
    "Jessica Bäckman in the pit lane during qualifying.": "Jessica Bäckman i "
    "depån under kvalet.",
    "The Target Competition Hyundai Elantra N TCR cars in the paddock.": "Target "
    "Competitions Hyundai Elantra N TCR-bilar i depåområdet.",
    "Andreas Bäckman at Brünnchen.": "Andreas Bäckman vid Brünnchen.",
}
SKIES = [(76, 120, 168), (120, 134, 150), (58, 96, 140), (140, 150, 160)]
LIVERIES = [(200, 20, 40), (10, 40, 90), (230, 180, 0), (240, 240, 240)]


def load(*, event, drivers: dict, sessions: dict) -> dict:
    licence, _ = Licence.objects.get_or_create(name=LICENCE, defaults={"text": LICENCE})
    galleries = []
    number = 0
    for order, (slug, title, session_name, photos) in enumerate(GALLERIES):
        gallery, _ = Gallery.objects.get_or_create(
            slug=slug,
            defaults={
                "event": event,
                "session": sessions.get(session_name),
                "title": title,
                "description": "Demo photos drawn by the site itself: no real "
                "photos ship with the seed.",
                "description_sv": "Demobilder ritade av webbplatsen själv: inga "
                "riktiga bilder följer med exemplet.",
                "is_published": True,
                "order": order,
            },
        )
        galleries.append(gallery)
        for driver_slugs, caption, highlight in photos:
            number += 1
            data = demo_jpeg(number, caption=caption, taken=_taken(event, number))
            add_photo(
                gallery=gallery,
                file=io.BytesIO(data),
                name=f"demo-{number:02d}.jpg",
                batch=Batch(
                    licence_id=licence.pk,
                    credit=CREDIT,
                    caption=caption,
                    alt_text=f"Demo image: {caption}",
                    session_id=gallery.session_id,
                    driver_ids=[drivers[s].pk for s in driver_slugs if s in drivers],
                ),
            )
            # Also on a second run, when the photo was already there.
            Photo.objects.filter(gallery=gallery, caption=caption).update(
                is_highlight=highlight, caption_sv=CAPTIONS_SV.get(caption, "")
            )
    galleries.append(_portraits(event=event, drivers=drivers, licence=licence))
    return {"galleries": galleries}


def _portraits(*, event, drivers, licence):
    """A portrait of each driver and a photo of each car, chosen on the
    driver's page and the entry: photos of the desk like any other."""
    gallery, _ = Gallery.objects.get_or_create(
        slug="wtcr-2021-portraits-and-cars",
        defaults={
            "event": event,
            "title": "Drivers and cars",
            "description": "Portraits and cars for the season, drawn by the site "
            "for the demo.",
            "description_sv": "Porträtt och bilar för säsongen, ritade av "
            "webbplatsen för demon.",
            "is_published": True,
            "order": len(GALLERIES),
        },
    )
    for index, driver in enumerate(drivers.values()):
        entry = driver.entries.filter(season=event.season).first()
        livery = LIVERIES[index % len(LIVERIES)]
        for kind, data, focal in (
            ("portrait", demo_portrait(driver.full_name, livery), (50, 30)),
            (
                "car",
                demo_jpeg(
                    20 + index, caption=f"{driver.full_name}'s car", taken=_EPOCH
                ),
                (45, 65),
            ),
        ):
            caption = (
                f"{driver.full_name}, {event.season}."
                if kind == "portrait"
                else f"The car of {driver.full_name}, {event.season}."
            )
            result = add_photo(
                gallery=gallery,
                file=io.BytesIO(data),
                name=f"demo-{kind}-{driver.slug}.jpg",
                batch=Batch(
                    licence_id=licence.pk,
                    credit=CREDIT,
                    caption=caption,
                    alt_text=f"Demo image: {caption}",
                    driver_ids=[driver.pk],
                ),
            )
            photo = (
                result.photo
                or Photo.objects.filter(
                    gallery=gallery, original_filename=f"demo-{kind}-{driver.slug}.jpg"
                ).first()
            )
            if photo is None:
                continue
            Photo.objects.filter(pk=photo.pk).update(focal_x=focal[0], focal_y=focal[1])
            if kind == "portrait":
                type(driver).objects.filter(pk=driver.pk).update(portrait=photo)
            elif entry is not None:
                type(entry).objects.filter(pk=entry.pk).update(car_photo=photo)
    return gallery


@cache
def demo_portrait(name: str, livery) -> bytes:
    """A 1600 x 2000 "portrait": a driver in overalls, marked DEMO."""
    width, height = 1600, 2000
    image = Image.new("RGB", (width, height), (24, 28, 36))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 10):  # a studio backdrop, lighter at the top
        shade = max(18, 70 - y // 40)
        draw.rectangle((0, y, width, y + 10), fill=(shade, shade + 4, shade + 12))
    draw.ellipse((520, 300, 1080, 900), fill=(225, 190, 160))  # the face
    draw.rounded_rectangle((300, 950, 1300, 2100), radius=260, fill=livery)
    draw.rectangle((720, 900, 880, 1000), fill=(225, 190, 160))  # the neck
    draw.text(
        (width / 2, 1500),
        name,
        fill="white",
        font=_font(110),
        anchor="mm",
        stroke_width=4,
        stroke_fill="black",
    )
    draw.text(
        (width / 2, 180),
        "DEMO PORTRAIT",
        fill="white",
        font=_font(120),
        anchor="mm",
        stroke_width=5,
        stroke_fill="black",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


_EPOCH = dt.datetime(2021, 6, 1, 12, 0)


def _taken(event, number):
    day = event.start_date + dt.timedelta(days=min(2, number % 3))
    return dt.datetime.combine(day, dt.time(10 + number % 8, 5 * number % 60))


def _font(size):
    # DejaVu has the å, ä and ö of the captions; Pillow's own font lacks them.
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


@cache
def demo_jpeg(number: int, *, caption: str, taken: dt.datetime) -> bytes:
    """A 3000 x 2000 JPEG of a touring car, marked DEMO IMAGE (cached: the demo
    runs in many tests)."""
    width, height = SIZE
    sky = SKIES[number % len(SKIES)]
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    for y in range(0, height // 2, 8):  # sky fading to the horizon
        shade = tuple(min(255, c + y // 12) for c in sky)
        draw.rectangle((0, y, width, y + 8), fill=shade)
    draw.rectangle((0, height // 2, width, height), fill=(70, 110, 60))
    draw.polygon(
        [
            (0, height * 0.78),
            (width, height * 0.62),
            (width, height * 0.86),
            (0, height),
        ],
        fill=(60, 60, 64),
    )
    x = 500 + (number * 170) % 900
    y = int(height * 0.6)
    livery = LIVERIES[number % len(LIVERIES)]
    draw.rounded_rectangle((x, y, x + 1300, y + 300), radius=80, fill=livery)
    draw.rounded_rectangle((x + 300, y - 180, x + 950, y + 40), radius=90, fill=livery)
    draw.rounded_rectangle(
        (x + 380, y - 140, x + 880, y + 10), radius=60, fill=(30, 40, 55)
    )
    for wheel in (x + 170, x + 1000):
        draw.ellipse((wheel, y + 180, wheel + 240, y + 420), fill=(20, 20, 20))
        draw.ellipse((wheel + 70, y + 250, wheel + 170, y + 350), fill=(180, 180, 180))
    draw.text(
        (x + 560, y + 90),
        str(number),
        fill="white",
        font=_font(140),
    )
    banner = _font(240)
    draw.text(
        (width / 2, 330),
        "DEMO IMAGE",
        fill="white",
        font=banner,
        anchor="mm",
        stroke_width=8,
        stroke_fill="black",
    )
    small = _font(60)
    draw.text(
        (width / 2, 560),
        caption[:70],
        fill="white",
        font=small,
        anchor="mm",
        stroke_width=3,
        stroke_fill="black",
    )
    draw.text(
        (width - 60, height - 60),
        f"{CREDIT} · demo",
        fill="white",
        font=small,
        anchor="rs",
    )
    exif = Image.Exif()
    exif[0x010F] = "Demo"  # Make
    exif[0x0110] = "Generated by Pillow"  # Model
    exif[0x0132] = taken.strftime("%Y:%m:%d %H:%M:%S")
    details = exif.get_ifd(0x8769)
    details[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    details[0x9011] = "+02:00"  # OffsetTimeOriginal: CEST at the track
    details[0xA431] = f"DEMO{number:04d}"  # BodySerialNumber: stripped publicly
    # GPS at the Nordschleife: kept in the original file, stripped publicly.
    exif[0x8825] = {1: "N", 2: (50.0, 20.0, 8.0), 3: "E", 4: (6.0, 56.0, 50.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    return buffer.getvalue()
