"""Network meetings of a family (decision 0022): the list and the plan form, one meeting
(invitees, attendance, agenda, report, sharing), the report form and the .ics file.

Readers: the group's coordinators, and assigned volunteers holding the family's consent for
the action plan (the agenda is made of the plan's goals); a volunteer reads a report only
once it is shared. What changes a meeting is for the group's coordinators (the bridge
figure is one, and a guest professional who is the bridge figure, decision 0024): 403 for an
assigned volunteer, 404 for everyone else. Every page writes one
audit row (``family.read``, part ``meeting``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from core.access import AUTHENTICATED, access
from core.errors import ServiceError
from core.inputs import parse_id

from . import guests, meetings, services
from .access import get_trajectory_for, require_part
from .meeting_forms import InterpretingForm, InviteForm, MeetingForm, ReportForm
from .meeting_models import Meeting
from .models import Actor, Part, Trajectory
from .prompts import domain_label
from .views import _context

PART = meetings.PART
CHILD_WARNING = gettext_noop(
    "A child would interpret a sensitive topic. Children should not carry this: ask an interpreter "
    "of the network or a social interpreter through a professional."
)


def _readable(request: HttpRequest, pk: int) -> tuple[Trajectory, set[str]]:
    trajectory = get_trajectory_for(request.user, pk)
    return trajectory, require_part(request.user, trajectory, Part.PLAN)


def _manager_only(request: HttpRequest, trajectory: Trajectory) -> None:
    from django.core.exceptions import PermissionDenied

    if not guests.plans_meetings(trajectory, request.user):
        raise PermissionDenied


def _meeting_or_404(trajectory: Trajectory, meeting_pk: int) -> Meeting:
    meeting = Meeting.objects.filter(trajectory=trajectory, pk=meeting_pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _people(trajectory: Trajectory) -> list:
    return [a.user for a in trajectory.assignments.select_related("user")]


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory, parts = _readable(request, pk)
    coordinator = guests.plans_meetings(trajectory, request.user)
    people = _people(trajectory)
    form = MeetingForm(request.POST if request.method == "POST" else None, people=people) if coordinator else None
    status = 200
    if request.method == "POST":
        _manager_only(request, trajectory)
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            chosen = set(data["volunteers"])
            try:
                meeting = meetings.plan_meeting(
                    trajectory,
                    acting_user=request.user,
                    starts_at=data["starts_at"],
                    place=data["place"],
                    online_link=data["online_link"],
                    domains=data["domains"],
                    volunteers=[u for u in people if u.pk in chosen],
                    invite_family=data["invite_family"],
                    family_email=data["family_email"] or "",
                )
                messages.success(request, _("The meeting is planned. Invite the actors, then send the invitations."))
                return redirect(meeting.get_absolute_url())
            except ServiceError as error:
                messages.error(request, str(error))
        status = 400
    services.record_read(trajectory, request.user, PART)
    context = _context(request, trajectory, parts, section="meetings", form=form, meetings=trajectory.meetings.all())
    return render(request, "families/meetings.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    trajectory, parts = _readable(request, pk)
    found = _meeting_or_404(trajectory, meeting_pk)
    coordinator = guests.plans_meetings(trajectory, request.user)
    actors = list(Actor.objects.filter(trajectory=trajectory).select_related("domain")) if coordinator else []
    action = request.POST.get("action")
    invite_form = InviteForm(request.POST if action == "invite" else None, actors=actors) if coordinator else None
    interpreting_form = (
        InterpretingForm(
            request.POST if action == "interpreting" else None,
            initial={
                "interpreting": found.interpreting,
                "interpreting_note": found.interpreting_note,
                "sensitive_topic": found.sensitive_topic,
            },
        )
        if coordinator
        else None
    )
    status = 200
    if request.method == "POST":
        _manager_only(request, trajectory)
        assert invite_form is not None and interpreting_form is not None
        try:
            if action == "interpreting" and interpreting_form.is_valid():
                data = interpreting_form.cleaned_data
                child = meetings.set_interpreting(
                    found,
                    acting_user=request.user,
                    interpreting=data["interpreting"],
                    note=data["interpreting_note"],
                    sensitive=data["sensitive_topic"],
                )
                if child:
                    messages.warning(request, _(CHILD_WARNING))
                else:
                    messages.success(request, _("Saved."))
                return redirect(found.get_absolute_url())
            if action == "invite" and invite_form.is_valid():
                data = invite_form.cleaned_data
                actor = next((a for a in actors if a.pk == data["actor"]), None)
                meetings.add_invitee(
                    found, acting_user=request.user, email=data["email"], name=data["name"], actor=actor
                )
                messages.success(request, _("Added. Send the invitations when everyone is on the list."))
                return redirect(found.get_absolute_url())
            if action == "send":
                sent = meetings.send_invitations(found, acting_user=request.user)
                messages.success(request, _("Invitations sent: %(count)s.") % {"count": sent})
                return redirect(found.get_absolute_url())
            if action == "attendance":
                present = {parse_id(v) for v in request.POST.getlist("present")}
                meetings.set_attendance(found, {p for p in present if p}, acting_user=request.user)
                messages.success(request, _("Saved."))
                return redirect(found.get_absolute_url())
            if action == "share":
                count = meetings.share_report(found, acting_user=request.user)
                messages.success(request, _("The report is shared with %(count)s participants.") % {"count": count})
                return redirect(found.get_absolute_url())
            if action not in ("invite", "interpreting"):
                messages.error(request, _("Choose what to save."))
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
    services.record_read(trajectory, request.user, PART)
    context = _context(
        request,
        trajectory,
        parts,
        section="meetings",
        plans_meetings=coordinator,
        meeting=found,
        invitees=found.invitees.select_related("user", "actor"),
        items=found.items.select_related("goal"),
        steps=found.decided_steps.select_related("goal"),
        show_report=coordinator or found.report_shared_at is not None,
        invite_form=invite_form,
        interpreting_form=interpreting_form,
        domain_labels=[domain_label(code) for code in found.domains],
        child_warning=_(CHILD_WARNING) if found.child_interprets_sensitive else "",
    )
    return render(request, "families/meeting.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def report(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    trajectory, parts = _readable(request, pk)
    _manager_only(request, trajectory)
    found = _meeting_or_404(trajectory, meeting_pk)
    items = list(found.items.select_related("goal"))
    initial: dict[str, object] = {"version": found.report_version}
    for item in items:
        initial[f"said_{item.pk}"] = item.said
        initial[f"decided_{item.pk}"] = item.decided
    form = ReportForm(request.POST if request.method == "POST" else None, items=items, initial=initial)
    conflict = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meetings.save_report(
                    found,
                    acting_user=request.user,
                    version=form.cleaned_data["version"],
                    texts=form.texts(),
                    decisions=form.decisions(),
                )
                messages.success(request, _("The report is saved. Share it when it is complete."))
                return redirect(found.get_absolute_url())
            except meetings.ReportConflict as error:
                messages.error(request, str(error))
                conflict = error.current
                # The next save starts from the newest version; the writer's own text stays in the form.
                data = request.POST.copy()
                data["version"] = str(error.version)
                form = ReportForm(data, items=items)
                form.is_valid()
        status = 409 if conflict is not None else 400
    services.record_read(trajectory, request.user, PART)
    groups = [(item, fields, (conflict or {}).get(item.pk)) for item, fields in form.groups()]
    context = _context(request, trajectory, parts, section="meetings", meeting=found, form=form, groups=groups)
    return render(request, "families/report.html", context, status=status)


@access(AUTHENTICATED)
@require_GET
def meeting_ics(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    trajectory, _parts = _readable(request, pk)
    found = _meeting_or_404(trajectory, meeting_pk)
    services.record_read(trajectory, request.user, PART)
    response = HttpResponse(
        meetings.ics(found, getattr(request.user, "preferred_language", "nl")), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="netwerkoverleg.ics"'
    return response
