"""Editing many photos at once: an action of the photo grid that asks, on a
page of its own, what to change in all the selected photos."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from racing.models import Driver, Licence, Session
from racing.services import images
from racing.services.photo_edits import DriverChange, PhotoEdit, edit_photos

LEAVE = ""
YES_NO = [(LEAVE, _("Leave as it is")), ("yes", _("Yes")), ("no", _("No"))]
NO_SESSION = "none"


class PhotoBatchForm(forms.Form):
    """Every field starts at "leave as it is": only what is filled changes."""

    caption = forms.CharField(
        label=_("Caption"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Empty: each photo keeps its caption."),
    )
    credit = forms.CharField(
        label=_("Credit"),
        required=False,
        max_length=150,
        help_text=_("Empty: each photo keeps its credit."),
    )
    licence = forms.ModelChoiceField(
        label=_("Licence"),
        queryset=Licence.objects.all(),
        required=False,
        empty_label=_("Leave as it is"),
    )
    session = forms.ChoiceField(label=_("Session"), required=False)
    drivers = forms.ModelMultipleChoiceField(
        label=_("Drivers shown"),
        queryset=Driver.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    driver_change = forms.ChoiceField(
        label=_("The drivers ticked are"),
        choices=[
            (DriverChange.ADD, _("added to each photo's drivers")),
            (DriverChange.REPLACE, _("each photo's drivers (others are removed)")),
            (DriverChange.REMOVE, _("removed from each photo")),
        ],
        initial=DriverChange.ADD,
        widget=forms.RadioSelect,
    )
    is_highlight = forms.ChoiceField(
        label=_("Highlight"), choices=YES_NO, required=False
    )
    is_published = forms.ChoiceField(
        label=_("Published"), choices=YES_NO, required=False
    )

    def __init__(self, *args, photos, **kwargs):
        super().__init__(*args, **kwargs)
        events = {photo.gallery.event_id for photo in photos}
        seasons = {photo.gallery.event.season_id for photo in photos}
        sessions = Session.objects.filter(event__in=events).select_related("event")
        self.fields["session"].choices = [
            (LEAVE, _("Leave as it is")),
            (NO_SESSION, _("No session")),
            *((str(s.pk), f"{s.event} – {s}") for s in sessions),
        ]
        self.fields["drivers"].queryset = (
            Driver.objects.filter(entries__season__in=seasons)
            | Driver.objects.filter(is_own=True)
        ).distinct()

    def clean(self):
        data = super().clean()
        if not self.errors and not self.edit():
            raise forms.ValidationError(
                _("Nothing to change: fill in or pick at least one field.")
            )
        return data

    def edit(self) -> PhotoEdit:
        data = self.cleaned_data
        fields = {}
        for name in ("caption", "credit"):
            if data.get(name, "").strip():
                fields[name] = data[name].strip()
        if data.get("licence"):
            fields["licence_id"] = data["licence"].pk
        session = data.get("session")
        if session == NO_SESSION:
            fields["session_id"] = None
        elif session:
            fields["session_id"] = int(session)
        for name in ("is_highlight", "is_published"):
            if data.get(name):
                fields[name] = data[name] == "yes"
        drivers = data.get("drivers")
        change = data.get("driver_change") or DriverChange.ADD
        driver_ids = None
        if drivers or change == DriverChange.REPLACE:
            driver_ids = [driver.pk for driver in drivers or []]
        return PhotoEdit(fields=fields, driver_ids=driver_ids, driver_change=change)


def fit(photo):
    return images.fit((photo.width, photo.height), 96)


@admin.action(
    description=_("Edit the selected photos together"), permissions=["change"]
)
def edit_selected_photos(modeladmin, request, queryset):
    """The action: the form first, then one save for all the photos."""
    photos = list(
        queryset.select_related("gallery__event__season").order_by("gallery", "order")
    )
    if "apply" in request.POST:
        form = PhotoBatchForm(request.POST, photos=photos)
        if form.is_valid():
            count = edit_photos(
                photo_ids=[photo.pk for photo in photos], edit=form.edit()
            )
            modeladmin.message_user(
                request,
                ngettext("%(count)d photo updated.", "%(count)d photos updated.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return None  # back to the grid
    else:
        form = PhotoBatchForm(photos=photos)
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": ngettext("Edit %(count)d photo", "Edit %(count)d photos", len(photos))
        % {"count": len(photos)},
        "form": form,
        "previews": [
            (photo, photo.rendition_url("jpeg", min_width=400), *fit(photo))
            for photo in photos
            if photo.has_thumbnails
        ][:60],
        "photos": photos,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "edit_selected_photos",
    }
    return TemplateResponse(request, "admin/racing/photo/batch_edit.html", context)
