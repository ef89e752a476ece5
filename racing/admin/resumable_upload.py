"""The tus endpoints of a gallery's upload page (racing/services/resumable.py):

    OPTIONS, POST  .../upload/tus/        what the server offers; a new upload
    HEAD           .../upload/tus/<id>/   how much has arrived
    PATCH          .../upload/tus/<id>/   the next chunk
    DELETE         .../upload/tus/<id>/   cancel it
    GET            .../upload/tus/<id>/   the check's results, once complete

Requests come from the signed-in press officer's page (session cookie and
CSRF header), like the rest of the admin.
"""

from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import http_date
from django.utils.translation import gettext as _

from racing.models import PartialUpload
from racing.services import resumable
from racing.services.uploads import UploadRefused

ALLOWED = "OPTIONS, POST, HEAD, PATCH, DELETE, GET"


def tus_response(status=204, upload=None, **headers):
    response = HttpResponse(status=status)
    response["Tus-Resumable"] = resumable.TUS_VERSION
    response["Cache-Control"] = "no-store"
    if upload is not None:
        response["Upload-Offset"] = str(upload.offset)
        response["Upload-Length"] = str(upload.length)
        response["Upload-Expires"] = http_date(upload.expires_at.timestamp())
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def refusal(status, message, upload=None):
    response = JsonResponse({"error": message}, status=status)
    response["Tus-Resumable"] = resumable.TUS_VERSION
    return response


def collection(request, *, gallery, batch_form):
    """OPTIONS: the server's capabilities; POST: a new upload (creation)."""
    if request.method == "OPTIONS":
        return tus_response(
            Tus_Version=resumable.TUS_VERSION,
            Tus_Extension=resumable.EXTENSIONS,
            Tus_Max_Size=str(resumable.max_length()),
            Allow=ALLOWED,
        )
    if request.method != "POST":
        return tus_response(405, Allow=ALLOWED)
    try:
        length = int(request.headers.get("Upload-Length", ""))
        metadata = resumable.parse_metadata(request.headers.get("Upload-Metadata", ""))
    except ValueError:
        return refusal(400, _("The upload's length or details could not be read."))
    filename = metadata.get("filename") or metadata.get("name") or "photo"
    if length <= 0:
        return refusal(400, _("%(name)s: the file is empty.") % {"name": filename})
    if length > resumable.max_length():
        return refusal(
            413,
            _("%(name)s: the file is %(size)d MB; the limit is %(limit)d MB.")
            % {
                "name": filename,
                "size": length // 2**20,
                "limit": resumable.max_length() // 2**20,
            },
        )
    form = batch_form(_batch_data(metadata), gallery=gallery)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label}: {' '.join(errs)}"
            if name in form.fields
            else " ".join(errs)
            for name, errs in form.errors.items()
        )
        return refusal(400, errors)
    upload = resumable.create_upload(
        gallery=gallery,
        user=request.user,
        length=length,
        filename=filename,
        batch=form.batch(),
    )
    location = reverse(
        "admin:racing_gallery_upload_tus_file", args=[gallery.pk, upload.pk]
    )
    # A path: tus clients resolve it against the endpoint, and behind a proxy
    # an absolute URL could name the wrong scheme.
    return tus_response(201, upload, Location=location)


def _batch_data(metadata):
    """The page's batch fields, sent in Upload-Metadata (drivers as "1,2")."""
    data = {
        name: metadata[name]
        for name in ("licence", "credit", "caption", "alt_text", "session")
        if name in metadata
    }
    if metadata.get("is_published") in ("on", "true", "1"):
        data["is_published"] = "on"
    drivers = [d for d in metadata.get("drivers", "").split(",") if d.strip()]
    return MultiValueDict({**{k: [v] for k, v in data.items()}, "drivers": drivers})


def resource(request, upload_id, *, gallery):
    upload = PartialUpload.objects.filter(
        pk=upload_id, gallery=gallery, user=request.user
    ).first()
    if upload is None:
        return tus_response(404)
    if request.method == "HEAD":
        return tus_response(200, upload)
    if request.method == "GET":
        if upload.results is None:
            return JsonResponse({"results": None, "offset": upload.offset})
        return JsonResponse({"results": upload.results})
    if request.method == "DELETE":
        resumable.delete_upload(upload)
        return tus_response(204)
    if request.method != "PATCH":
        return tus_response(405, Allow=ALLOWED)
    return _patch(request, upload)


def _patch(request, upload):
    if request.content_type != "application/offset+octet-stream":
        return tus_response(415)
    try:
        offset = int(request.headers.get("Upload-Offset", ""))
        length = int(request.headers.get("Content-Length", ""))
    except ValueError:
        return tus_response(400)
    if length > resumable.MAX_CHUNK:
        return refusal(413, _("A chunk may hold at most 16 MB."))
    try:
        data = _read(request, length)
    except (OSError, MultiPartParserError):
        data = None
    if data is None or len(data) != length:
        # The connection broke mid-chunk: nothing kept, the client resends.
        return tus_response(400, upload)
    try:
        resumable.append_chunk(upload=upload, offset=offset, data=data)
    except resumable.Conflict:
        upload.refresh_from_db()
        return tus_response(409, upload)
    except UploadRefused as refused:
        return refusal(415, str(refused))
    if upload.is_complete:
        resumable.finish_upload(upload=upload, user=request.user)
    return tus_response(204, upload)


def _read(request, length):
    pieces, received = [], 0
    while received < length:
        piece = request.read(min(resumable.READ, length - received))
        if not piece:
            break
        pieces.append(piece)
        received += len(piece)
    return b"".join(pieces)
