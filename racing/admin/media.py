"""The photo desk: licences, galleries with bulk upload, photos edited in a grid."""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.http import require_POST

from racing.admin import resumable_upload
from racing.admin.focal_point import focal_picker
from racing.admin.photo_batch import edit_selected_photos
from racing.admin.publishing import KeepPublishedMixin, set_published
from racing.models import Driver, Gallery, Licence, Photo, Session
from racing.services import images
from racing.services.uploads import Batch, add_upload, already_here
from racing.tasks import queue_photos, refresh_downloads

# Files the upload page asks about at once (it asks one by one).
KNOWN_BATCH = 500


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ["name", "text", "photo_count"]
    search_fields = ["name", "text"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description=_("photos"), ordering="photo_count")
    def photo_count(self, obj):
        return obj.photo_count


class BatchForm(forms.Form):
    """What the press officer sets once for a whole upload."""

    licence = forms.ModelChoiceField(queryset=Licence.objects.all(), label=_("Licence"))
    credit = forms.CharField(
        label=_("Credit"), max_length=150, help_text=_("e.g. FIA WTCR")
    )
    caption = forms.CharField(
        label=_("Caption"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    alt_text = forms.CharField(label=_("Alt text"), required=False, max_length=250)
    session = forms.ModelChoiceField(
        queryset=Session.objects.none(), required=False, label=_("Session")
    )
    drivers = forms.ModelMultipleChoiceField(
        queryset=Driver.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Drivers shown"),
    )
    is_published = forms.BooleanField(
        label=_("Published"), required=False, initial=True
    )

    def __init__(self, *args, gallery, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = gallery.event.sessions.all()
        self.fields["drivers"].queryset = (
            Driver.objects.filter(entries__season=gallery.event.season)
            | Driver.objects.filter(is_own=True)
        ).distinct()
        if gallery.session_id:
            self.fields["session"].initial = gallery.session_id
        last = gallery.photos.order_by("-pk").select_related("licence").first()
        if last:
            self.fields["licence"].initial = last.licence_id
            self.fields["credit"].initial = last.credit

    def batch(self) -> Batch:
        data = self.cleaned_data
        return Batch(
            licence_id=data["licence"].pk,
            credit=data["credit"],
            caption=data["caption"],
            alt_text=data["alt_text"],
            session_id=data["session"].pk if data["session"] else None,
            driver_ids=[driver.pk for driver in data["drivers"]],
            is_published=data["is_published"],
        )


@admin.register(Gallery)
class GalleryAdmin(KeepPublishedMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "event",
        "session",
        "is_published",
        "photo_count",
        "zip_downloads",
        "photo_downloads",
        "photo_desk_links",
    ]
    list_filter = ["is_published", "event__season", "event"]
    list_select_related = ["event__season__series", "session__event"]
    search_fields = ["title", "event__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["event", "session", "cover_photo"]
    readonly_fields = ["zip_downloads"]
    fields = [
        ("event", "session"),
        "title",
        "slug",
        ("description", "description_sv"),
        ("is_published", "order"),
        "cover_photo",
        "zip_downloads",
    ]
    actions = ["publish", "unpublish"]

    def public_reason(self, obj):
        if obj.is_published:
            return _("“%(gallery)s” is published: unpublish it first.") % {
                "gallery": obj
            }
        return None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                photo_count=Count("photos"),
                photo_downloads=Sum("photos__web_downloads")
                + Sum("photos__original_downloads"),
            )
        )

    @admin.display(description=_("photos"), ordering="photo_count")
    def photo_count(self, obj):
        return obj.photo_count

    @admin.display(description=_("photo downloads"), ordering="photo_downloads")
    def photo_downloads(self, obj):
        return obj.photo_downloads or 0

    @admin.display(description=_("photo desk"))
    def photo_desk_links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?gallery__id__exact={}">{}</a>',
            reverse("admin:racing_gallery_upload", args=[obj.pk]),
            _("Upload photos"),
            reverse("admin:racing_photo_changelist"),
            obj.pk,
            _("Edit photos"),
        )

    @admin.action(description=_("Publish selected galleries"), permissions=["change"])
    def publish(self, request, queryset):
        set_published(
            self,
            request,
            queryset,
            published=True,
            message=ngettext_lazy(
                "%(count)d gallery published.",
                "%(count)d galleries published.",
                "count",
            ),
        )

    @admin.action(description=_("Unpublish selected galleries"), permissions=["change"])
    def unpublish(self, request, queryset):
        set_published(
            self,
            request,
            queryset,
            published=False,
            message=ngettext_lazy(
                "%(count)d gallery unpublished.",
                "%(count)d galleries unpublished.",
                "count",
            ),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/upload/",
                view(self.upload_page),
                name="racing_gallery_upload",
            ),
            path(
                "<int:pk>/upload/file/",
                view(require_POST(self.upload_file)),
                name="racing_gallery_upload_file",
            ),
            path(
                "<int:pk>/upload/known/",
                view(require_POST(self.upload_known)),
                name="racing_gallery_upload_known",
            ),
            path(
                "<int:pk>/upload/tus/",
                view(self.upload_tus),
                name="racing_gallery_upload_tus",
            ),
            path(
                "<int:pk>/upload/tus/<uuid:upload_id>/",
                view(self.upload_tus_file),
                name="racing_gallery_upload_tus_file",
            ),
            *super().get_urls(),
        ]

    def _gallery_for_upload(self, request, pk):
        if not request.user.has_perm("racing.add_photo"):
            raise PermissionDenied
        return get_object_or_404(
            Gallery.objects.select_related("event__season", "event__circuit"), pk=pk
        )

    def upload_tus(self, request, pk):
        """Resumable uploads (tus): see racing/admin/resumable_upload.py."""
        gallery = self._gallery_for_upload(request, pk)
        return resumable_upload.collection(
            request, gallery=gallery, batch_form=BatchForm
        )

    def upload_tus_file(self, request, pk, upload_id):
        gallery = self._gallery_for_upload(request, pk)
        return resumable_upload.resource(request, upload_id, gallery=gallery)

    def upload_known(self, request, pk):
        """The files the page need not send: {"files": [{"name", "sha256"}]}
        in, the ones already in the gallery out (services.uploads.already_here)."""
        gallery = self._gallery_for_upload(request, pk)
        try:
            files = [
                (str(entry["name"])[:255], str(entry["sha256"]).lower())
                for entry in json.loads(request.body)["files"][:KNOWN_BATCH]
            ]
        except (ValueError, KeyError, TypeError):
            return JsonResponse(
                {"error": _("Send the files as JSON: name and SHA-256 of each.")},
                status=400,
            )
        return JsonResponse({"results": already_here(gallery=gallery, files=files)})

    def upload_page(self, request, pk):
        gallery = self._gallery_for_upload(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Upload photos to “%(gallery)s”") % {"gallery": gallery},
            "gallery": gallery,
            "form": BatchForm(gallery=gallery),
            "upload_url": reverse("admin:racing_gallery_upload_file", args=[pk]),
            "tus_url": reverse("admin:racing_gallery_upload_tus", args=[pk]),
            "known_url": reverse("admin:racing_gallery_upload_known", args=[pk]),
            "max_photo_bytes": settings.RACING_MAX_PHOTO_BYTES,
            "grid_url": reverse("admin:racing_photo_changelist")
            + f"?gallery__id__exact={pk}",
        }
        return TemplateResponse(
            request, "admin/racing/gallery/bulk_upload.html", context
        )

    def upload_file(self, request, pk):
        """One file per request (the page sends them one by one), so a failure
        on one file keeps every file before it."""
        gallery = self._gallery_for_upload(request, pk)
        form = BatchForm(request.POST, gallery=gallery)
        if not form.is_valid():
            errors = "; ".join(
                f"{form.fields[name].label}: {' '.join(errs)}"
                if name in form.fields
                else " ".join(errs)
                for name, errs in form.errors.items()
            )
            return JsonResponse({"error": errors}, status=400)
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": str(_("No file was sent."))}, status=400)
        results = add_upload(
            gallery=gallery,
            file=upload,
            name=upload.name,
            batch=form.batch(),
            user=request.user,
        )
        return JsonResponse({"results": [result.as_json() for result in results]})


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "state",
        "original_filename",
        "caption",
        "alt_text",
        "credit",
        "licence",
        "order",
        "is_published",
        "is_highlight",
        "web_downloads",
        "original_downloads",
    ]
    list_display_links = ["thumbnail", "original_filename"]
    list_editable = [
        "caption",
        "alt_text",
        "credit",
        "licence",
        "order",
        "is_published",
        "is_highlight",
    ]
    list_filter = [
        "processing",
        "gallery",
        "is_published",
        "is_highlight",
        "licence",
        "drivers",
    ]
    list_select_related = ["gallery", "licence"]
    list_per_page = 50
    search_fields = ["caption", "original_filename", "credit", "gallery__title"]
    autocomplete_fields = ["drivers", "session"]
    readonly_fields = [
        "preview",
        "original_filename",
        "width",
        "height",
        "file_size",
        "taken_at_display",
        "web_downloads",
        "original_downloads",
    ]
    fields = [
        "preview",
        ("focal_x", "focal_y"),
        "gallery",
        ("caption", "caption_sv"),
        ("alt_text", "alt_text_sv"),
        ("credit", "licence"),
        "drivers",
        "session",
        ("is_published", "is_highlight", "order"),
        "taken_at",
        ("original_filename", "width", "height", "file_size"),
        ("web_downloads", "original_downloads"),
    ]
    actions = [edit_selected_photos, "regenerate_renditions", "publish", "unpublish"]

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault(
            "widgets",
            {
                "caption": forms.Textarea(attrs={"rows": 2, "cols": 30}),
                "alt_text": forms.TextInput(attrs={"size": 24}),
                "credit": forms.TextInput(attrs={"size": 14}),
                "order": forms.NumberInput(attrs={"class": "vIntegerField"}),
            },
        )
        return super().get_changelist_form(request, **kwargs)

    def has_add_permission(self, request):
        return False  # photos arrive through the gallery's bulk upload

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "licence" and request is not None:
            # The grid has a licence menu per row: read the licences once.
            if not hasattr(request, "_licence_choices"):
                request._licence_choices = list(field.choices)
            field.choices = request._licence_choices
        return field

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        return _rendition_img(obj, box=120, min_width=400, lazy=True)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return focal_picker(obj) or _rendition_img(obj, box=600, min_width=800)

    class Media:
        css = {"all": ["admin/racing/grids.css"]}
        js = ["admin/racing/focal_point.js"]

    @admin.display(description=_("taken at"))
    def taken_at_display(self, obj):
        return obj.taken_at

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_ready:
            # The embedded caption/credit/licence may have changed.
            transaction.on_commit(lambda: refresh_downloads.enqueue(obj.pk))

    @admin.action(
        description=_("Process again (renditions and downloads)"),
        permissions=["change"],
    )
    def regenerate_renditions(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        transaction.on_commit(lambda: queue_photos(ids))
        self.message_user(
            request,
            ngettext(
                "%(count)d photo queued for processing.",
                "%(count)d photos queued for processing.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )

    @admin.display(description=_("state"), ordering="processing")
    def state(self, obj):
        return processing_state(obj)

    @admin.action(description=_("Publish selected photos"), permissions=["change"])
    def publish(self, request, queryset):
        set_published(
            self,
            request,
            queryset,
            published=True,
            message=ngettext_lazy(
                "%(count)d photo published.", "%(count)d photos published.", "count"
            ),
        )

    @admin.action(description=_("Unpublish selected photos"), permissions=["change"])
    def unpublish(self, request, queryset):
        set_published(
            self,
            request,
            queryset,
            published=False,
            message=ngettext_lazy(
                "%(count)d photo unpublished.", "%(count)d photos unpublished.", "count"
            ),
        )


def processing_state(photo):
    """Where a photo's background work stands, with what to do about it."""
    if photo.processing == Photo.Processing.FAILED:
        return format_html(
            '<strong class="photo-failed">{}</strong> {}',
            _("Failed:"),
            photo.processing_error or _("no reason given"),
        )
    if photo.is_stalled:
        return format_html(
            '<strong class="photo-failed">{}</strong>',
            _("Stalled since %(time)s: select it and process again.")
            % {
                "time": date_format(
                    timezone.localtime(photo.processing_changed_at), "H:i"
                )
            },
        )
    return photo.get_processing_display()


def _rendition_img(photo, *, box, min_width, lazy=False):
    if not photo.has_thumbnails:
        return processing_state(photo)
    width, height = images.fit((photo.width, photo.height), box)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt=""{}>',
        photo.rendition_url("jpeg", min_width=min_width),
        width,
        height,
        mark_safe(' loading="lazy"') if lazy else "",
    )
