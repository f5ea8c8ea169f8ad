"""Guest professionals (decision 0024): the coordinators' page of a family's guests (invite,
end date, revoke, bridge figure) and the invitation link the professional opens.

The guests' page is for the group's coordinators: an assigned volunteer gets 403, everyone
else 404 (``get_managed_trajectory_for``). The invitation link is public: an unknown link
gets 404, a used, expired, revoked or ended one 410, each with a clear page; the link sets
the password of a new account, or asks an existing account to log in, and accepts once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from core.access import AUTHENTICATED, PUBLIC, access
from core.errors import ServiceError
from core.inputs import parse_id

from . import guests, services
from .access import get_managed_trajectory_for, get_trajectory_for
from .guest_forms import GuestEndForm, GuestInviteForm
from .guest_models import GuestAccess
from .views import _context

GONE_MESSAGES = {
    "unknown": gettext_noop("This invitation link is not known. Check that you copied the whole link from the e-mail."),
    "used": gettext_noop("This invitation link was already used. Log in with your e-mail address and password."),
    "expired": gettext_noop("This invitation link has expired. Ask the person who invited you for a new invitation."),
    "revoked": gettext_noop("This invitation was withdrawn. Ask the person who invited you if you need access."),
    "ended": gettext_noop("Your access to this family has ended."),
}


def read_only_for_guests(view: Callable) -> Callable:
    """A guest professional reads the parts of the record the family consented to, and
    changes none of them: a POST by a guest of the family gets 403 (after the usual 404 for
    a family not theirs). Wraps the record's views in urls.py; the policy is kept."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and request.user.is_authenticated and guests.is_guest(request.user):
            trajectory = get_trajectory_for(request.user, kwargs["pk"])
            if guests.standing_access(trajectory, request.user) is not None and not (
                trajectory.is_coordinator(request.user) or trajectory.assignments.filter(user=request.user).exists()
            ):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def guest_list(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = get_managed_trajectory_for(request.user, pk)
    action = request.POST.get("action")
    form = GuestInviteForm(request.POST if action == "invite" else None)
    end_form = GuestEndForm(request.POST if action == "end" else None)
    status = 200
    if request.method == "POST":
        try:
            if action == "invite" and form.is_valid():
                data = form.cleaned_data
                guests.invite(
                    trajectory,
                    acting_user=request.user,
                    name=data["name"],
                    email=data["email"],
                    profession=data["profession"],
                    ends_on=data["ends_on"],
                    language=data["language"],
                    consent_parts=data["consent_parts"],
                    consent_how=data["consent_how"],
                    consent_given_by=data["consent_given_by"],
                )
                messages.success(request, _("The invitation is sent. The link works for 7 days, once."))
                return redirect("families:guests", trajectory.pk)
            if action in ("revoke", "end", "bridge"):
                guest_pk = parse_id(request.POST.get("guest")) or 0
                found = GuestAccess.objects.filter(trajectory=trajectory, pk=guest_pk).first()
                if found is None:
                    raise Http404
                if action == "revoke":
                    guests.revoke(found, acting_user=request.user)
                    messages.success(request, _("%(name)s no longer has access to this family.") % {"name": found.user})
                    return redirect("families:guests", trajectory.pk)
                if action == "bridge":
                    guests.make_bridge_figure(found, acting_user=request.user)
                    messages.success(request, _("%(name)s is now the bridge figure.") % {"name": found.user})
                    return redirect("families:guests", trajectory.pk)
                if end_form.is_valid():
                    guests.change_end(found, end_form.cleaned_data["ends_on"], acting_user=request.user)
                    messages.success(request, _("Saved."))
                    return redirect("families:guests", trajectory.pk)
            elif action != "invite":
                messages.error(request, _("Choose what to save."))
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
    services.record_read(trajectory, request.user, guests.PART)
    rows = list(trajectory.guests.select_related("user", "trajectory"))
    # A refused end date comes back as typed, in its row.
    end_guest = parse_id(request.POST.get("guest")) if action == "end" else None
    context = _context(
        request,
        trajectory,
        section="guests",
        form=form,
        end_form=end_form,
        rows=rows,
        end_guest=end_guest,
        end_value=request.POST.get("ends_on", "") if end_guest else "",
    )
    return render(request, "families/guests/list.html", context, status=status)


def _gone(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request,
        "families/guests/gone.html",
        {"message": _(GONE_MESSAGES[reason]), "used": reason == "used"},
        status=404 if reason == "unknown" else 410,
    )


@access(PUBLIC)
@require_http_methods(["GET", "HEAD", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: set a password (new account) or log in (existing account), then
    accept. The second factor is set up right after (accounts/middleware.py)."""
    found, reason = guests.find_invitation(token)
    if found is None or reason:
        return _gone(request, reason)
    user = found.user
    if request.user.is_authenticated and request.user.pk != user.pk:
        return render(request, "families/guests/accept.html", {"other_account": True}, status=403)
    form = None
    if not user.has_usable_password():
        form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form is not None:
            if form.is_valid():
                form.save()
                guests.accept(found, user=user)
                login(request, user, backend="accounts.backends.EmailBackend")
                messages.success(request, _("Welcome. Now turn on two-step verification."))
                return redirect(found.trajectory.get_absolute_url())
            status = 400
        elif request.user.is_authenticated:
            guests.accept(found, user=user)
            messages.success(request, _("The invitation is accepted."))
            return redirect(found.trajectory.get_absolute_url())
        else:
            status = 400
    login_url = f"{reverse('accounts:login')}?next={request.path}"
    context = {"form": form, "guest": user, "login_url": login_url, "logged_in": request.user.is_authenticated}
    return render(request, "families/guests/accept.html", context, status=status)
