"""A volunteer's own profile, check-in, export (JSON) and erasure.

The record is the account's volunteer record (``services.volunteer_for_user``), created
on the first visit; nobody else's data is ever reached from here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import AUTHENTICATED, access
from core.errors import ServiceError

from .. import privacy, services
from ..forms.me import CheckInForm, EraseForm, ProfileForm
from ..models import Volunteer


def _render_profile(
    request: HttpRequest, volunteer: Volunteer, *, form: ProfileForm | None = None, check_in: CheckInForm | None = None
) -> HttpResponse:
    return render(
        request,
        "volunteers/me/profile.html",
        {
            "volunteer": volunteer,
            "form": form or ProfileForm(volunteer=volunteer),
            "check_in_form": check_in or CheckInForm(),
            "engagements": volunteer.engagements.select_related("organisation").order_by("-created_at", "-pk"),
            "check_ins": volunteer.check_ins.all()[:5],
        },
    )


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    volunteer = services.volunteer_for_user(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(volunteer, form.signup())
        except ServiceError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("Your volunteer profile has been saved."))
            return redirect("volunteers:me")
    return _render_profile(request, volunteer, form=form)


@access(AUTHENTICATED)
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    volunteer = services.volunteer_for_user(request.user)
    form = CheckInForm(request.POST)
    if form.is_valid():
        privacy.record_check_in(volunteer, form.cleaned_data["load"], form.cleaned_data["note"])
        messages.success(request, _("Thank you. Your check-in has been saved."))
        return redirect("volunteers:me")
    return _render_profile(request, volunteer, check_in=form)


@access(AUTHENTICATED)
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return privacy.json_download(services.volunteer_for_user(request.user))


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def erase_me(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST if request.method == "POST" else None)
    blocked = privacy.groups_left_without_coordinator(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.check_can_erase(request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
            return redirect("volunteers:erase_me")
        user = request.user
        logout(request)
        privacy.erase_account(user)
        return render(request, "volunteers/me/erased.html")
    return render(request, "volunteers/me/erase.html", {"form": form, "blocked": blocked})
