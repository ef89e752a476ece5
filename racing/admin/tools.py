"""Pages reached from an object's tools (CSV imports, Reclassify, Results
history): their context, and the preview-then-confirm flow of a CSV import."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from racing.services.sheets import SheetError, decode_sheet


class SheetForm(forms.Form):
    """A CSV file, or the sheet pasted; either way decoded to text."""

    file = forms.FileField(
        label=_("Timing sheet (CSV)"),
        required=False,
        allow_empty_file=True,  # our own message says the file is empty
        help_text=_(
            "Columns with a header row: position, number or driver, team, laps, "
            "best lap, gap, status (CLA, DNF, DNS, WD, DSQ, EXC, NC)."
        ),
    )
    text = forms.CharField(
        label=_("…or paste the sheet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        try:
            if upload:
                data["text"] = decode_sheet(upload.read())
            elif data.get("text", "").strip():
                data["text"] = decode_sheet(data["text"].encode())
            else:
                raise forms.ValidationError(_("Choose a CSV file or paste the sheet."))
        except SheetError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def tool_context(modeladmin, request, original, title) -> dict:
    return {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "original": original,
        "title": title,
    }


def sheet_import(request, *, context, form_class, plan, apply, template):
    """Upload, preview, confirm: `plan(text)` reads the sheet (SheetError when
    the file cannot be read); `apply(plan)` saves a valid plan and returns the
    response to send. Nothing is saved before the press officer confirms."""
    # Bound on every POST, even an empty one, so "nothing chosen" is said.
    form = (
        form_class(request.POST, request.FILES)
        if request.method == "POST"
        else form_class()
    )
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            planned = plan(text)
        except SheetError as error:
            form.add_error(None, str(error))
        else:
            if "confirm" in request.POST and planned.is_valid:
                return apply(planned)
            context.update(plan=planned, sheet=text)
    context["form"] = form
    return TemplateResponse(request, template, context)
