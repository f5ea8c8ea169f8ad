"""Interpreter requests of a family (decision 0025): the list on the family's record, a new
request (for a meeting or a visit), one request with the candidates to ask, and the
interpreter's page behind the e-mailed link.

Family pages fetch the trajectory through ``access.py`` and write one audit row per page
read (``family.read``, part ``interpreting``), as the families app does."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import AUTHENTICATED, PUBLIC, access
from core.errors import ServiceError
from core.inputs import parse_id
from families import services as family_services
from families.meeting_models import Interpreting, Meeting
from families.views import _context

from . import services
from .access import get_family_for, get_request_for, require_asker
from .forms import DeclineForm, RequestForm, SocialForm, WithdrawForm
from .models import Answer, RequestStatus

PART = services.PART


def _future_meetings(trajectory: Any) -> list[Meeting]:
    return list(Meeting.objects.filter(trajectory=trajectory, starts_at__gte=timezone.now()).order_by("starts_at"))


@access(AUTHENTICATED)
@require_GET
def request_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The family's interpreter requests and their status (read-only for an assigned
    volunteer with the family's consent for the action plan)."""
    trajectory, parts, asker = get_family_for(request.user, pk)
    family_services.record_read(trajectory, request.user, PART)
    context = _context(
        request, trajectory, parts, asker=asker, requests=services.for_trajectory(trajectory), statuses=RequestStatus
    )
    return render(request, "interpreting/list.html", context)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new request: for one of the family's coming meetings (its time and place filled in)
    or for a visit, with the language, the topic in general words and how sensitive it is."""
    trajectory, parts, asker = get_family_for(request.user, pk)
    require_asker(asker)
    meetings = _future_meetings(trajectory)
    initial: dict[str, Any] = {"submission_key": services.new_submission_key()}
    if trajectory.contact_language in dict(RequestForm.base_fields["language"].choices):  # type: ignore[attr-defined]
        initial["language"] = trajectory.contact_language
    chosen = next((m for m in meetings if m.pk == parse_id(request.GET.get("meeting"))), None)
    if chosen is not None:
        local = timezone.localtime(chosen.starts_at)
        initial.update(
            meeting=chosen.pk,
            on=local.date(),
            at=local.time().replace(second=0, microsecond=0),
            place=chosen.place,
            online_link=chosen.online_link,
            sensitivity="sensitive" if chosen.sensitive_topic else None,
        )
    posted = request.method == "POST"
    form = RequestForm(request.POST if posted else None, meetings=meetings, initial=initial)
    status = 200
    if posted:
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_request(
                    trajectory,
                    acting_user=request.user,
                    starts_at=data["starts_at"],
                    language=data["language"],
                    topic=data["topic"],
                    sensitivity=data["sensitivity"],
                    place=data["place"],
                    online_link=data["online_link"],
                    meeting=data["meeting_obj"],
                    submission_key=data["submission_key"],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The request is saved. Now ask an interpreter from the list."))
                return redirect(created)
        status = 400
    family_services.record_read(trajectory, request.user, PART)
    context = _context(request, trajectory, parts, form=form, meeting=chosen)
    return render(request, "interpreting/new.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    """One request: who was asked and what they answered, the candidates for its language,
    asking one of them, recording a social interpreter, done, cancelled; when accepted and
    for a meeting, noting the interpreting on the meeting."""
    trajectory, found, parts, asker = get_request_for(request.user, pk, request_pk)
    action = request.POST.get("action")
    social_form = SocialForm(request.POST if action == "social" else None)
    status = 200
    if request.method == "POST":
        require_asker(asker)
        try:
            if action == "ask":
                volunteer_id = parse_id(request.POST.get("volunteer"))
                if volunteer_id is None:
                    raise ServiceError(_("Choose someone from the list."))
                services.ask(found, volunteer_id, acting_user=request.user)
                messages.success(request, _("Asked. The interpreter gets an e-mail with a link to answer."))
                return redirect(found)
            if action == "social" and social_form.is_valid():
                services.record_social(found, acting_user=request.user, booked_by=social_form.cleaned_data["booked_by"])
                messages.success(request, _("Recorded: a social interpreter booked through a professional."))
                return redirect(found)
            if action == "done":
                services.complete(found, acting_user=request.user)
                messages.success(request, _("Marked as done."))
                return redirect(found)
            if action == "cancel":
                services.cancel(found, acting_user=request.user)
                messages.success(request, _("The request is cancelled."))
                return redirect(found)
            if action == "meeting":
                services.set_meeting_interpreting(found, acting_user=request.user)
                messages.success(request, _("Noted on the meeting: an informal interpreter of the network."))
                return redirect(found)
            if action != "social":
                messages.error(request, _("Choose what to save."))
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
        found.refresh_from_db()
    family_services.record_read(trajectory, request.user, PART)
    show_candidates = asker and found.askable and found.starts_at >= timezone.now()
    context = _context(
        request,
        trajectory,
        parts,
        asker=asker,
        req=found,
        asks=found.asks.select_related("volunteer"),
        candidates=services.candidates(found) if show_candidates else None,
        social_form=social_form,
        statuses=RequestStatus,
        answers=Answer,
        meeting_noted=found.meeting is not None and found.meeting.interpreting == Interpreting.VOLUNTEER,
    )
    return render(request, "interpreting/detail.html", context, status=status)


@access(PUBLIC)
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The interpreter's page, without an account: only the time, place or online link,
    language, topic, sensitivity and whom to contact; accept or decline, later withdraw.
    An expired, replaced or unknown link: one clear page."""
    found = services.ask_for_link(token)
    if found is None:
        return render(request, "interpreting/link_invalid.html", status=404)
    action = request.POST.get("action")
    decline_form = DeclineForm(request.POST if action == "decline" else None)
    withdraw_form = WithdrawForm(request.POST if action == "withdraw" else None)
    status = 200
    if request.method == "POST":
        try:
            if action == "accept":
                services.accept(found)
                messages.success(request, _("Thank you: you accepted. The group knows."))
                return redirect("interpreting:answer", token)
            if action == "decline" and decline_form.is_valid():
                services.decline(found, reason=decline_form.cleaned_data["reason"])
                messages.success(request, _("Thank you for answering. The group will ask someone else."))
                return redirect("interpreting:answer", token)
            if action == "withdraw" and withdraw_form.is_valid():
                services.withdraw(found, reason=withdraw_form.cleaned_data["reason"])
                messages.success(request, _("You withdrew. The group is told and will ask someone else."))
                return redirect("interpreting:answer", token)
            if action not in ("decline", "withdraw"):
                messages.error(request, _("Choose an answer."))
        except ServiceError as error:
            messages.error(request, str(error))
            if action == "decline" and decline_form.is_valid():
                # Declining after accepting: what was typed moves to the withdrawal form.
                withdraw_form = WithdrawForm(initial={"reason": decline_form.cleaned_data["reason"]})
        status = 400
        found.refresh_from_db()
        found.request.refresh_from_db()
    else:
        services.record_link_read(found)
    req = found.request
    context = {
        "ask": found,
        "req": req,
        "group": req.trajectory.organisation,
        "contact": req.requested_by,
        "decline_form": decline_form,
        "withdraw_form": withdraw_form,
        "answers": Answer,
        "statuses": RequestStatus,
        "show_details": found.answer in (Answer.PENDING, Answer.ACCEPTED),
    }
    return render(request, "interpreting/answer.html", context, status=status)
