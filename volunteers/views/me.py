"""A volunteer's own profile, check-in, export (JSON) and erasure.

The record is the account's volunteer record. Reading these pages never writes anything:
the record is made from the account when the person first saves something
(``services.volunteer_for_user``). Nobody else's data is ever reached from here.
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


def _shown(request: HttpRequest) -> Volunteer:
    """The account's record, or an unsaved one made from the account (nothing is stored)."""
    return services.volunteer_of(request.user) or services.unsaved_volunteer_for(request.user)


def _render_profile(
    request: HttpRequest, volunteer: Volunteer, *, form: ProfileForm | None = None, check_in: CheckInForm | None = None
) -> HttpResponse:
    saved = volunteer.pk is not None
    return render(
        request,
        "volunteers/me/profile.html",
        {
            "volunteer": volunteer,
            "form": form or ProfileForm(volunteer=volunteer),
            "check_in_form": check_in or CheckInForm(),
            "engagements": volunteer.engagements.select_related("organisation").order_by("-created_at", "-pk")
            if saved
            else [],
            "check_ins": volunteer.check_ins.all()[:5] if saved else [],
        },
    )


def email_pending_message(email: str) -> str:
    return _("We sent a message to %(email)s. The new address counts once you click the link in it.") % {"email": email}


@access(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    volunteer = _shown(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_for_user(request.user)
            pending = services.update_details(volunteer, form.signup(), acting_user=request.user)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your volunteer profile has been saved."))
            if pending:
                messages.info(request, email_pending_message(pending))
            return redirect("volunteers:me")
    return _render_profile(request, volunteer, form=form)


@access(AUTHENTICATED)
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST)
    if form.is_valid():
        privacy.record_check_in(request.user, form.cleaned_data["load"], form.cleaned_data["note"])
        messages.success(request, _("Thank you. Your check-in has been saved."))
        return redirect("volunteers:me")
    return _render_profile(request, _shown(request), check_in=form)


@access(AUTHENTICATED)
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return privacy.json_download(services.volunteer_of(request.user), user=request.user)


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
        try:
            privacy.erase_account(user)
        except ServiceError as exc:  # a coordinator left the group at this very moment
            messages.error(request, str(exc))
            return redirect("volunteers:erase_me")
        logout(request)
        return render(request, "volunteers/me/erased.html")
    return render(request, "volunteers/me/erase.html", {"form": form, "blocked": blocked})
