"""Photo galleries for fans: published galleries and photos only.

Press officers (with the view permission) also see unpublished ones, marked as
such, to check a gallery before publishing it.
"""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from racing.models import Driver, Event, Gallery, Photo, Season
from racing.services.downloads import photo_download_queryset
from racing.services.photo_picks import attach_covers, gallery_cards
from racing.views.caching import public_cache

GALLERIES_PER_PAGE = 24
PHOTOS_PER_PAGE = 100


def can_preview(user) -> bool:
    return (
        user.is_authenticated and user.is_staff and user.has_perm("racing.view_photo")
    )


def visible_galleries(request):
    if can_preview(request.user):
        return Gallery.objects.all()
    return Gallery.objects.published()


def visible_photos(request):
    if can_preview(request.user):
        return Photo.objects.all()
    return Photo.objects.published()


@public_cache("photos", "events")
def gallery_list(request):
    galleries = Gallery.objects.published()
    # The filters' choices as (slug, label) pairs, read as plain values:
    # model instances for 120 events cost more than the rest of the page.
    seasons = [
        (slug, name or f"{series_short or series} {year}")
        for slug, name, year, series_short, series in Season.objects.filter(
            events__galleries__in=galleries
        )
        .distinct()
        .order_by("-year")
        .values_list("slug", "name", "year", "series__short_name", "series__name")
    ]
    events = [
        (slug, f"{name} ({year})")
        for slug, name, year, _start in Event.objects.filter(galleries__in=galleries)
        .distinct()
        .order_by("-start_date")
        .values_list("slug", "name", "season__year", "start_date")
    ]
    drivers = [
        (slug, f"{first} {last}")
        for slug, first, last in Driver.objects.filter(
            Exists(Photo.objects.published().filter(drivers=OuterRef("pk")))
        )
        .order_by("last_name", "first_name")
        .values_list("slug", "first_name", "last_name")
    ]
    chosen = {
        "season": request.GET.get("season", ""),
        "event": request.GET.get("event", ""),
        "driver": request.GET.get("driver", ""),
    }
    choices = {
        "season": {slug for slug, _label in seasons},
        "event": {slug for slug, _label in events},
        "driver": {slug for slug, _label in drivers},
    }
    unknown = [
        key for key, value in chosen.items() if value and value not in choices[key]
    ]
    if chosen["season"] in choices["season"]:
        galleries = galleries.filter(event__season__slug=chosen["season"])
    if chosen["event"] in choices["event"]:
        galleries = galleries.filter(event__slug=chosen["event"])
    if chosen["driver"] in choices["driver"]:
        shows = Photo.objects.published().filter(
            gallery=OuterRef("pk"), drivers__slug=chosen["driver"]
        )
        galleries = galleries.filter(Exists(shows))
    galleries = gallery_cards(galleries)
    page = Paginator(galleries, GALLERIES_PER_PAGE).get_page(request.GET.get("page"))
    attach_covers(page.object_list)
    return render(
        request,
        "racing/gallery_list.html",
        {
            "page_obj": page,
            "galleries": page.object_list,
            "seasons": seasons,
            "events": events,
            "drivers": drivers,
            "chosen": chosen,
            "unknown": unknown,
            "is_filtered": any(chosen.values()),
        },
    )


@public_cache("photos", "events")
def gallery_detail(request, slug):
    gallery = get_object_or_404(
        visible_galleries(request).select_related(
            "event__season", "event__circuit", "session"
        ),
        slug=slug,
    )
    photos = (
        visible_photos(request)
        .filter(gallery=gallery)
        .order_by("order", "taken_at", "pk")
    )
    page = Paginator(photos, PHOTOS_PER_PAGE).get_page(request.GET.get("page"))
    for photo in page.object_list:
        photo.gallery = gallery  # for get_absolute_url, without a query each
    return render(
        request,
        "racing/gallery_detail.html",
        {"gallery": gallery, "page_obj": page, "photos": page.object_list},
    )


@public_cache("photos", "events", "drivers")
def photo_detail(request, slug, pk):
    queryset = photo_download_queryset().select_related("session")
    if not can_preview(request.user):
        queryset = queryset.filter(is_published=True, gallery__is_published=True)
    photo = get_object_or_404(queryset, pk=pk)
    if photo.gallery.slug != slug:
        raise Http404(_("No such photo in this gallery."))
    order = list(
        visible_photos(request)
        .filter(gallery=photo.gallery)
        .order_by("order", "taken_at", "pk")
        .values_list("pk", flat=True)
    )
    position = order.index(photo.pk) if photo.pk in order else 0
    neighbours = {
        "previous": order[position - 1] if position > 0 else None,
        "next": order[position + 1] if position + 1 < len(order) else None,
    }
    credit_line = _("Photo: %(credit)s") % {"credit": photo.credit}
    return render(
        request,
        "racing/photo_detail.html",
        {
            "photo": photo,
            "gallery": photo.gallery,
            "event": photo.gallery.event,
            "drivers": list(photo.drivers.all()),
            "credit_line": credit_line,
            "position": position + 1,
            "total": len(order),
            "previous_id": neighbours["previous"],
            "next_id": neighbours["next"],
        },
    )


def report_photos(report, *, limit=8):
    """(hero, strip) for a race report: its chosen hero photo if public, else
    the weekend's best photo of its drivers; the strip is those photos. At most
    two queries."""
    strip = list(Photo.objects.for_report(report).select_related("gallery")[:limit])
    hero = None
    if report.hero_photo_id:
        hero = (
            Photo.objects.published()
            .ready()
            .select_related("gallery")
            .filter(pk=report.hero_photo_id)
            .first()
        )
    return hero or (strip[0] if strip else None), strip


def latest_photos_of(driver, *, limit=8):
    """A driver's latest published photos, one query."""
    return list(
        Photo.objects.published()
        .ready()
        .for_driver(driver)
        .latest()
        .select_related("gallery")[:limit]
    )
