"""A second factor (TOTP, django-otp) for the roles in TWO_FACTOR_GROUPS: operators, the
board and directors by default in production. After the password, the admin asks for the
six-digit code of an authenticator app; the first time, it shows the key to add to the app.
An operator resets a lost phone with `manage.py reset_second_factor USERNAME`."""

import io
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.audit import record
from portal.core.redirects import next_url
from portal.core.roles import user_has_role

VERIFY, SETUP = "second_factor", "second_factor_setup"
# Reachable before the second factor: these views, signing out, and the admin's files.
OPEN_PATHS = (
    "/admin/second-factor/",
    "/admin/xac-thuc/",  # the former path, which redirects to it
    "/admin/logout/",
    "/admin/login/",
    "/admin/jsi18n/",
)


def required(user):
    codes = settings.TWO_FACTOR_GROUPS
    return bool(codes) and user_has_role(user, *codes)


class SecondFactorMiddleware:
    """Sends a signed-in member of TWO_FACTOR_GROUPS to the code page until verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
            and required(user)
        ):
            has_device = any(devices_for_user(user, confirmed=True))
            target = reverse(VERIFY if has_device else SETUP)
            return redirect(f"{target}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from the authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("Enter the six digits the app shows now.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def safe_next(request):
    return next_url(request, "wagtailadmin_home")


def check_code(request, device, form, action):
    """Whether the posted code is right; every attempt is logged."""
    if not form.is_valid():
        return False
    if device.verify_token(form.cleaned_data["token"]):
        otp_login(request, device)
        record(action, request.user, user=request.user)
        return True
    record("portal.second_factor_failed", request.user, user=request.user)
    form.add_error("token", _("The code is wrong or has expired: enter the one the app shows now."))
    return False


def verify(request):
    device = next(iter(devices_for_user(request.user, confirmed=True)), None)
    if device is None:
        return redirect(reverse(SETUP) + "?" + request.GET.urlencode())
    form = CodeForm(request.POST or None)
    if request.method == "POST" and check_code(request, device, form, "portal.second_factor"):
        return redirect(safe_next(request))
    return TemplateResponse(request, "portal/admin/second_factor.html", {"form": form})


def setup(request):
    if any(devices_for_user(request.user, confirmed=True)):
        return redirect(reverse(VERIFY) + "?" + request.GET.urlencode())
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Ứng dụng xác thực"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and check_code(request, device, form, "portal.second_factor_setup"):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return redirect(safe_next(request))
    svg = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(svg)
    return TemplateResponse(
        request,
        "portal/admin/second_factor.html",
        {
            "form": form,
            "setup": True,
            "qr_svg": svg.getvalue().decode(),
            "key": b32encode(device.bin_key).decode(),  # to type in when the camera fails
        },
    )
