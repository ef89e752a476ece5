"""The newsroom for journalists: the press area, release alerts (subscribe,
confirm, unsubscribe), accreditation requests and embargoed reports."""

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from racing.models import Driver, Gallery, Journalist, PressContact, RaceReport
from racing.services import alerts, embargo, gallery_zips
from racing.services import press_kit as press_kit_service
from racing.services.downloads import send_file
from racing.services.photo_picks import attach_card_photos, attach_covers, gallery_cards
from racing.tasks import build_press_kit
from racing.views.caching import public_cache
from racing.views.downloads import ZIP_RETRY_SECONDS, first_to_ask
from racing.views.reports import render_report

LATEST = 3


@public_cache("press", "reports", "photos", "events")
def press_home(request):
    language = get_language()
    reports = attach_card_photos(
        RaceReport.objects.for_readers(language)
        .with_card_photo_ids()
        .select_related("event")
        .order_by("-publish_at", "-pk")[:LATEST]
    )
    galleries = attach_covers(
        gallery_cards(Gallery.objects.published()).order_by(
            "-event__start_date", "-pk"
        )[:LATEST]
    )
    return render(
        request,
        "racing/press.html",
        {
            "contacts": PressContact.objects.filter(is_active=True),
            "reports": reports,
            "galleries": galleries,
        },
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Releases in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )
    drivers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Drivers"),
        queryset=Driver.objects.own(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: releases about every driver."),
    )

    def preferred_languages(self, language):
        """The chosen languages, the page's own first: a release in two of
        them comes once, in the first."""
        chosen = self.cleaned_data["languages"]
        return sorted(chosen, key=lambda code: code != language)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            language = get_language()
            alerts.request_subscription(
                email=form.cleaned_data["email"],
                languages=form.preferred_languages(language),
                driver_ids=[d.pk for d in form.cleaned_data["drivers"]],
                language=language,
            )
            # The same answer for every address, subscribed or not.
            return redirect("racing:press-subscribe-sent")
    else:
        form = SubscribeForm(initial={"languages": [get_language()]})
    return render(request, "racing/press_subscribe.html", {"form": form})


def subscribe_sent(request):
    return render(request, "racing/press_message.html", {"message": "sent"})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST subscribes: mail scanners that open every
    link must not confirm an address its owner never confirmed."""
    try:
        if request.method == "GET":
            alerts.read_confirmation(token)
            return render(request, "racing/press_confirm.html", {"token": token})
        subscriber = alerts.confirm_subscription(token=token)
    except signing.SignatureExpired:
        return render(
            request, "racing/press_message.html", {"message": "expired"}, status=410
        )
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        return render(
            request, "racing/press_message.html", {"message": "invalid"}, status=400
        )
    return render(
        request,
        "racing/press_message.html",
        {"message": "confirmed", "subscriber": subscriber},
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if request.method == "GET":
        # A link scanner's GET must not unsubscribe: the button POSTs.
        return render(request, "racing/press_unsubscribe.html", {"token": token})
    if not alerts.unsubscribe(token=token):
        return render(
            request, "racing/press_message.html", {"message": "invalid"}, status=400
        )
    return render(request, "racing/press_message.html", {"message": "unsubscribed"})


class AccreditationForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "email", "outlet", "language", "note"]
        labels = {"note": gettext_lazy("What you cover")}
        help_texts = {"note": ""}
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}


@require_http_methods(["GET", "POST"])
def accreditation(request):
    form = AccreditationForm(request.POST or None)
    if request.method == "POST":
        email = alerts.normalise_email(request.POST.get("email", ""))
        if Journalist.objects.filter(email=email).exists():
            # Already known: the answer must not tell; the officer has it.
            return redirect("racing:press-accreditation-sent")
        if form.is_valid():
            journalist = form.save(commit=False)
            journalist.email = email
            journalist.status = Journalist.Status.REQUESTED
            journalist.save()
            return redirect("racing:press-accreditation-sent")
    return render(request, "racing/press_accreditation.html", {"form": form})


def accreditation_sent(request):
    return render(request, "racing/press_message.html", {"message": "requested"})


def embargoed_report(request, token):
    opening = embargo.open_link(
        token=token,
        ip_address=request.META.get("REMOTE_ADDR"),
        user_agent=request.headers.get("User-Agent", ""),
    )
    if opening is None or opening.report is None:
        response = render(
            request, "racing/press_message.html", {"message": "invalid"}, status=404
        )
    elif not opening.is_valid:
        public = opening.report if opening.report.is_public else None
        response = render(
            request,
            "racing/press_message.html",
            {"message": "embargo-over", "public_report": public},
            status=410,
        )
    else:
        response = render_report(
            request, opening.report, embargo_until=opening.report.publish_at
        )
    # Personal: never in a shared cache, a browser's cache or a search engine.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@public_cache("press", "drivers", "results", "photos")
def press_kit(request):
    return render(
        request, "racing/press_kit.html", {"kit": press_kit_service.build_kit()}
    )


@require_safe
def press_kit_zip(request):
    """The kit's zip, sent like a photo file once built; until then a page
    that says it is being prepared and looks again by itself."""
    kit = press_kit_service.build_kit()
    name = press_kit_service.zip_name(kit)
    files = gallery_zips.storage()
    if not files.exists(name):
        if first_to_ask(name):
            build_press_kit.enqueue()  # at once in development
        if not files.exists(name):
            response = render(
                request,
                "racing/press_kit_pending.html",
                {"retry": ZIP_RETRY_SECONDS},
                status=202,
            )
            response["Retry-After"] = str(ZIP_RETRY_SECONDS)
            response["Cache-Control"] = "private, no-store"
            return response
    return send_file(
        files,
        name,
        filename=press_kit_service.zip_filename(kit),
        content_type="application/zip",
        public=False,
    )
