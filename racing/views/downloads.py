"""Files of photos: renditions for pages, downloads for journalists, zips.

Every file is checked against publication before it is handed over, so an
unpublished photo's files cannot be fetched by guessing their URL. The web
server sends the file itself in production (X-Accel-Redirect).
"""

import re

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from racing.models import Gallery, Photo
from racing.services.downloads import (
    KINDS,
    count_download,
    download_filename,
    photo_download_queryset,
    prepare_downloads,
    send_file,
    stream_gallery_zip,
)
from racing.services.images import CONTENT_TYPES
from racing.views.galleries import can_preview

RENDITION_FILE = re.compile(
    r"^([0-9a-f]{2})/([0-9a-f]{24})/(\d{2,5})\.(jpg|webp|avif)$"
)
EXTENSION_FORMATS = {"jpg": "jpeg", "webp": "webp", "avif": "avif"}


def _counts(request) -> bool:
    # HEAD requests and the press officers' own checks are not downloads.
    return request.method == "GET" and not request.user.is_staff


@require_safe
def photo_file(request, path):
    """A rendition, e.g. /photos/ab/ab12…/800.webp."""
    match = RENDITION_FILE.match(path)
    if not match:
        raise Http404
    prefix, key, width, ext = match.groups()
    if not key.startswith(prefix):
        raise Http404
    row = (
        Photo.objects.filter(file_key=key)
        .values("pk", "is_published", "gallery__is_published", "renditions")
        .first()
    )
    fmt = EXTENSION_FORMATS[ext]
    if row is None or int(width) not in row["renditions"].get(fmt, []):
        raise Http404
    public = row["is_published"] and row["gallery__is_published"]
    if not public and not can_preview(request.user):
        raise Http404
    photo = Photo(pk=row["pk"], file_key=key)
    storage = Photo._meta.get_field("original").storage
    return send_file(
        storage,
        photo.rendition_name(int(width), fmt),
        content_type=CONTENT_TYPES[fmt],
        public=public,
    )


@require_safe
def photo_download(request, slug, pk, kind):
    if kind not in KINDS:
        raise Http404
    queryset = photo_download_queryset()
    if not can_preview(request.user):
        queryset = queryset.filter(is_published=True, gallery__is_published=True)
    photo = get_object_or_404(queryset, pk=pk, gallery__slug=slug)
    if not photo.is_ready:
        raise Http404  # still being processed: the page shows no link yet
    # Normally already done by the photo task; this catches a caption edited a
    # moment ago, so a download never carries stale credits.
    prepare_downloads(photo=photo)
    response = send_file(
        photo.original.storage,
        photo.download_name(kind),
        filename=download_filename(photo, kind),
        content_type=_content_type(photo, kind),
        public=False,
    )
    if _counts(request):
        count_download(kind=kind, photo_id=photo.pk)
    return response


def _content_type(photo, kind):
    if kind == "web":
        return "image/jpeg"
    return CONTENT_TYPES.get(photo.original_format, "image/png")


@require_safe
def gallery_zip(request, slug):
    galleries = Gallery.objects.select_related("event")
    if not can_preview(request.user):
        galleries = galleries.filter(is_published=True)
    gallery = get_object_or_404(galleries, slug=slug)
    photos = list(
        photo_download_queryset()
        .filter(gallery=gallery, is_published=True)
        .ready()
        .order_by("order", "taken_at", "pk")
    )
    if not photos:
        raise Http404
    response = StreamingHttpResponse(
        stream_gallery_zip(photos=photos), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, gallery.zip_filename
    )
    response["Cache-Control"] = "private, no-store"
    if _counts(request):
        count_download(kind="zip", gallery_id=gallery.pk)
    return response
