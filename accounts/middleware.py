"""Require a second factor for the roles listed in settings.OTP_REQUIRED_ROLES."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Pages a user may reach before passing the second factor.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")


def second_factor_required(user) -> bool:
    required = set(settings.OTP_REQUIRED_ROLES)
    roles = user.roles()
    if required & roles:
        return True
    # "family": a person who can open a family's record (an assigned volunteer), decision 0018.
    if "family" in required:
        from families.models import Assignment

        if Assignment.objects.filter(user=user).exists():
            return True
    # A guest professional of a family (decision 0024): an account with no other role always
    # gives a second factor, whatever the setting says; someone who also has a role in the
    # network (whose pages ask nothing more of them) when "guest" is listed.
    if not roles or "guest" in required:
        from families.guests import is_guest

        return is_guest(user)
    return False


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        verified = user.is_verified() if user.is_authenticated else False  # type: ignore[union-attr,attr-defined]
        if user.is_authenticated and not verified and second_factor_required(user):
            allowed = (
                reverse("accounts:otp_setup"),
                reverse("accounts:otp_verify"),
                reverse("accounts:logout"),
            )
            if not request.path.startswith(_OPEN_PREFIXES + allowed):
                from django_otp import user_has_device

                target = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
