"""The press room's admin site: a second factor at sign-in for every staff
member who set one up, and superusers must in production.

Built on django-otp (TOTP devices, the verified session) rather than a
home-made scheme; the press officer sets up an authenticator app on the
two-factor page linked from the admin's header.

Outside the racing/admin/ package on purpose: Django imports this class while
it sets up admin.site, and that package registers models on admin.site.
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from racing.services.two_factor import qr_code_svg


def needs_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True) or (
        user.is_superuser and settings.RACING_SUPERUSER_2FA
    )


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            max_length=8,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
            ),
            **kwargs,
        )

    def to_python(self, value):
        return "".join((value or "").split())


class PressRoomLoginForm(AdminAuthenticationForm):
    otp_token = CodeField(
        label=_("Code from your authenticator app"),
        required=False,
        help_text=_("Only if you have set up two-factor sign-in."),
    )

    def clean(self):
        cleaned = super().clean()  # the password (and django-axes' count)
        user = self.get_user()
        devices = list(devices_for_user(user, confirmed=True)) if user else []
        if devices:
            token = cleaned.get("otp_token", "")
            device = next((d for d in devices if token and d.verify_token(token)), None)
            if device is None:
                raise ValidationError(
                    _("Enter the current 6-digit code from your authenticator app."),
                    code="otp_required",
                )
            user.otp_device = device  # django-otp marks the session verified
        return cleaned


class TwoFactorSetupForm(forms.Form):
    otp_token = CodeField(label=_("Code shown by the app"))


class PressRoomAdminSite(admin.AdminSite):
    login_form = PressRoomLoginForm
    login_template = "admin/racing/login.html"
    index_template = "admin/racing/index.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if request.user.is_verified():
            return True
        # Asked several times a page: look the devices up once per request.
        if not hasattr(request, "_needs_second_factor"):
            request._needs_second_factor = needs_second_factor(request.user)
        return not request._needs_second_factor

    def index(self, request, extra_context=None):
        """The press officer's dashboard above the usual list of models."""
        # Imported here: this module loads before the app registry is ready.
        from racing.services.dashboard import dashboard

        context = {"dashboard": dashboard(user=request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def get_urls(self):
        return [
            path(
                "two-factor/",
                login_required(self.two_factor_view, login_url="admin:login"),
                name="two_factor",
            ),
            *super().get_urls(),
        ]

    def two_factor_view(self, request):
        """Set up an authenticator app: scan the code, confirm one code."""
        user = request.user
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        confirmed = user_has_device(user, confirmed=True)
        device = None
        if not confirmed:
            device, _created = TOTPDevice.objects.get_or_create(
                user=user,
                confirmed=False,
                defaults={"name": str(_("Authenticator app"))},
            )
        form = TwoFactorSetupForm(request.POST or None)
        if device is not None and request.method == "POST" and form.is_valid():
            allowed, _why = device.verify_is_allowed()
            if not allowed:  # django-otp pauses after a wrong code
                form.add_error(
                    "otp_token", _("Too many tries: wait a few seconds and try again.")
                )
            elif device.verify_token(form.cleaned_data["otp_token"]):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                messages.success(
                    request,
                    _("Two-factor sign-in is set up: the admin asks for a code now."),
                )
                return redirect("admin:index")
            else:
                form.add_error(
                    "otp_token", _("That code does not match; try the current one.")
                )
        context = {
            **self.each_context(request),
            "title": _("Two-factor sign-in"),
            "form": form,
            "confirmed": confirmed,
            "qr_code": qr_code_svg(device.config_url) if device else "",
            # Apps take the key in base32 when it is typed rather than scanned.
            "secret": b32encode(device.bin_key).decode() if device else "",
            "required": needs_second_factor(user) and not user.is_verified(),
        }
        return TemplateResponse(request, "admin/racing/two_factor.html", context)
