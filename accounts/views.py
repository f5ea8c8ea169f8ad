from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.access import AUTHENTICATED, PUBLIC, access

from .forms import EmailPasswordResetForm, LoginForm, ProfileForm, TokenForm
from .middleware import second_factor_required

login = access(PUBLIC)(auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True))
logout = access(PUBLIC)(auth_views.LogoutView.as_view())
password_reset = access(PUBLIC)(
    auth_views.PasswordResetView.as_view(
        form_class=EmailPasswordResetForm, success_url="/account/wachtwoord/verstuurd/"
    )
)
password_reset_done = access(PUBLIC)(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = access(PUBLIC)(
    auth_views.PasswordResetConfirmView.as_view(success_url="/account/wachtwoord/klaar/")
)
password_reset_complete = access(PUBLIC)(auth_views.PasswordResetCompleteView.as_view())


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    memberships = request.user.memberships.filter(left_at__isnull=True).select_related("organisation")  # type: ignore[union-attr]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": memberships,
            "has_totp": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            "otp_required": second_factor_required(request.user),
        },
    )


SETUP_KEY = "otp_setup_key"


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show a QR code, confirm with a first code.

    The new key waits in the session, so opening the page stores nothing; the device is
    saved when the first code is sent (and confirmed when it is right). Someone who
    already has a paired app must pass it first: the password alone never replaces a
    second factor."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists() and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(f"{reverse('accounts:otp_verify')}?next={request.get_full_path()}")
    key = request.session.get(SETUP_KEY) or random_hex(20)
    request.session[SETUP_KEY] = key
    device = TOTPDevice(user=request.user, name="authenticator", confirmed=False, key=key)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, key=key, defaults={"name": "authenticator"}
        )
        TOTPDevice.objects.filter(user=request.user, confirmed=False).exclude(pk=device.pk).delete()
        allowed, _throttle = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes in a row. Wait a minute and try the newest code."))
        elif device.verify_token(form.cleaned_data["token"]):
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            del request.session[SETUP_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return redirect(_safe_next(request))
        else:
            form.add_error("token", _("That code is not right. Check the time on your phone and try the newest code."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    manual_key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": qr_svg, "manual_key": manual_key, "next": _safe_next(request)},
    )


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("That code is not right. Try the newest code from your app."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})
