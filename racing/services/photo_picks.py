"""Which photo goes where on the fan pages: the home hero, report cards,
gallery covers. Each pick is a fixed number of queries for a whole page."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from racing.models import Photo


def public_photos():
    return Photo.objects.published().ready()


def hero_photo():
    """The latest highlighted photo of our drivers, else their latest photo."""
    ours = public_photos().filter(drivers__is_own=True).select_related("gallery")
    return ours.filter(is_highlight=True).latest().first() or ours.latest().first()


def event_photo(event):
    """The weekend's best photo: a highlight, else the newest."""
    return (
        public_photos()
        .filter(gallery__event=event)
        .select_related("gallery")
        .order_by("-is_highlight", "-taken_at", "pk")
        .first()
    )


def attach_card_photos(reports) -> list:
    """Each report's `card_photo`: its hero photo if public, else the best
    photo of its weekend. Needs RaceReportQuerySet.with_card_photo_ids(); one
    query for the whole page."""
    reports = list(reports)
    wanted = {r.hero_photo_id for r in reports} | {r.event_photo_id for r in reports}
    # No ordering: a dict needs none, and Photo's default joins two tables.
    photos = public_photos().order_by().in_bulk({pk for pk in wanted if pk})
    for report in reports:
        report.card_photo = photos.get(report.hero_photo_id) or photos.get(
            report.event_photo_id
        )
    return reports


def gallery_cards(galleries):
    """Galleries ready for cards: event, session, cover and photo count."""
    first_photo = (
        public_photos().filter(gallery=OuterRef("pk")).order_by("order", "pk")
    ).values("pk")[:1]
    photo_count = (
        Photo.objects.filter(gallery=OuterRef("pk"), is_published=True)
        .values("gallery")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return galleries.select_related(
        "event__season", "event__circuit", "session", "cover_photo"
    ).annotate(
        first_photo_id=Subquery(first_photo),
        photo_count=Coalesce(Subquery(photo_count), 0, output_field=IntegerField()),
    )


def attach_covers(galleries) -> list:
    """Each gallery's `cover`: its chosen cover photo if public and ready, else
    its first published photo (needs `first_photo_id` annotated). One query."""
    galleries = list(galleries)
    missing = []
    for gallery in galleries:
        cover = gallery.cover_photo
        if cover and cover.is_published and cover.is_ready:
            gallery.cover = cover
        else:
            gallery.cover = None
            if gallery.first_photo_id:
                missing.append(gallery)
    photos = Photo.objects.order_by().in_bulk([g.first_photo_id for g in missing])
    for gallery in missing:
        gallery.cover = photos.get(gallery.first_photo_id)
    return galleries


def report_hero(report):
    """A report's hero photo, as its page shows it: the chosen one if public
    and ready, else the weekend's best photo of its drivers (for mails)."""
    if report.hero_photo_id:
        chosen = (
            public_photos()
            .select_related("gallery")
            .filter(pk=report.hero_photo_id)
            .first()
        )
        if chosen is not None:
            return chosen
    return Photo.objects.for_report(report).select_related("gallery").first()
