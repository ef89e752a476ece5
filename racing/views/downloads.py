"""Files of photos: renditions for pages, downloads for journalists, zips.

Every file is checked against publication before it is handed over, so an
unpublished photo's files cannot be fetched by guessing their URL. The web
server sends the file itself in production (X-Accel-Redirect), zips included:
a worker builds each version of a gallery's zip once (services/gallery_zips).
"""

import re

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from racing.models import Gallery, Photo
from racing.services import crops, gallery_zips
from racing.services.downloads import (
    KINDS,
    count_download,
    download_filename,
    photo_download_queryset,
    prepare_downloads,
    send_file,
)
from racing.services.images import CONTENT_TYPES
from racing.tasks import build_gallery_zip
from racing.views.galleries import can_preview

RENDITION_FILE = re.compile(
    r"^([0-9a-f]{2})/([0-9a-f]{24})/(\d{2,5})\.(jpg|webp|avif)$"
)
SOCIAL_FILE = re.compile(
    r"^([0-9a-f]{2})/([0-9a-f]{24})/social-(\d{1,3})-(\d{1,3})\.jpg$"
)
EXTENSION_FORMATS = {"jpg": "jpeg", "webp": "webp", "avif": "avif"}
# A build is asked for once in this time; the waiting page looks again this often.
ZIP_BUILD_SECONDS = 10 * 60
ZIP_RETRY_SECONDS = 5


def _counts(request) -> bool:
    # HEAD requests and the press officers' own checks are not downloads.
    return request.method == "GET" and not request.user.is_staff


@require_safe
def photo_file(request, path):
    """A rendition, e.g. /photos/ab/ab12…/800.webp."""
    if social := SOCIAL_FILE.match(path):
        return _social_image(request, *social.groups())
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


def _social_image(request, prefix, key, focal_x, focal_y):
    """The 1200 x 630 picture for social networks, cut around the focal point
    the first time it is asked for."""
    photo = Photo.objects.select_related("gallery").filter(file_key=key).first()
    if photo is None or not key.startswith(prefix) or not photo.is_ready:
        raise Http404
    public = photo.is_published and photo.gallery.is_published
    if not public and not can_preview(request.user):
        raise Http404
    if (int(focal_x), int(focal_y)) != (photo.focal_x, photo.focal_y):
        return redirect(photo.social_image_url)  # the focal point has moved
    name = crops.make_social_image(photo)
    return send_file(
        photo.original.storage, name, content_type="image/jpeg", public=public
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
        count_download(kind=kind, photo_id=photo.pk, gallery_id=photo.gallery_id)
    return response


def _content_type(photo, kind):
    if kind == "web" or not photo.original_is_downloadable:
        return "image/jpeg"
    return CONTENT_TYPES.get(photo.original_format, "image/png")


def first_to_ask(name) -> bool:
    try:
        return cache.add(f"gallery-zip:{name}", True, timeout=ZIP_BUILD_SECONDS)
    except Exception:  # the cache is down: a second build is harmless
        return True


@require_safe
def gallery_zip(request, slug):
    """The gallery's zip, sent like any photo file once it is built; until then
    a page that says it is being prepared and looks again by itself."""
    galleries = Gallery.objects.select_related("event")
    if not can_preview(request.user):
        galleries = galleries.filter(is_published=True)
    gallery = get_object_or_404(galleries, slug=slug)
    photos = gallery_zips.zip_photos(gallery)
    if not photos:
        raise Http404
    name = gallery_zips.zip_name(gallery, gallery_zips.zip_version(gallery, photos))
    files = gallery_zips.storage()
    if not files.exists(name):
        # One build per version, however many journalists ask meanwhile.
        if first_to_ask(name):
            build_gallery_zip.enqueue(gallery.pk)  # at once in development
        if not files.exists(name):
            response = render(
                request,
                "racing/gallery_zip_pending.html",
                {"gallery": gallery, "retry": ZIP_RETRY_SECONDS},
                status=202,
            )
            response["Retry-After"] = str(ZIP_RETRY_SECONDS)
            response["Cache-Control"] = "private, no-store"
            return response
    response = send_file(
        files,
        name,
        filename=gallery.zip_filename,
        content_type="application/zip",
        public=False,
    )
    if _counts(request):
        count_download(kind="zip", gallery_id=gallery.pk)
    return response
