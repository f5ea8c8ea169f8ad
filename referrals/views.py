"""Warm referrals: from a goal to a service of the social map, the service's answer through
its link, a refused referral turned into a signal, and formal actors picked from the social
map. Family pages fetch the trajectory and the goal through ``access.py`` (consent in the
query) and write one audit row per page read, as the families app does."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import AUTHENTICATED, PUBLIC, access
from core.errors import ServiceError
from core.inputs import bounded, parse_id
from families import services as family_services
from families.access import get_trajectory_for, require_part
from families.models import Part
from families.views import _context, _domain_or_404
from socialmap import search

from . import services
from .access import get_goal_for, get_referral_for
from .forms import AnswerForm, OutcomeForm, PickActorForm, ReferralForm
from .models import Referral, ReferralStatus, SharedField

WELCOME = {"no_papers", "anonymous"}


def _found(request: HttpRequest, trajectory: Any, domain: str) -> dict[str, Any]:
    """The social map's services for the domain near the family, with the search's words."""
    q = bounded(request.GET.get("q", ""), 200)
    welcome = [w for w in request.GET.getlist("welcome") if w in WELCOME]
    context: dict[str, Any] = {"q": q, "welcome": welcome}
    try:
        context["found"], context["near"] = services.services_near(trajectory, domain, q=q, welcome=welcome)
    except search.QueryError as error:
        context["found"], context["search_error"] = [], str(error)
    return context


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def new(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    """Refer the goal: find a service near the family, then record what is shared, how the
    family is introduced and the family's consent."""
    trajectory, goal, parts = get_goal_for(request.user, pk, goal_pk)
    posted = request.method == "POST"
    service_id = parse_id(request.POST.get("service") if posted else request.GET.get("service"))
    service = services.service_available(service_id)
    form = ReferralForm(
        request.POST if posted else None,
        readable_parts=parts,
        initial={"service": service_id, "fields_shared": [SharedField.GOAL]},
    )
    status = 200
    if service_id is not None and service is None:
        messages.error(
            request, _("This service is no longer on the social map: it was removed meanwhile. Choose another service.")
        )
        status = 400 if posted else 200
    elif posted:
        if form.is_valid() and service is not None:
            data = form.cleaned_data
            try:
                referral = services.propose(
                    goal,
                    service,
                    acting_user=request.user,
                    fields=data["fields_shared"],
                    introduction=data["introduction"],
                    message=data["message"],
                    consent_how=data["consent_how"],
                    consent_given_by=data["consent_given_by"],
                    consent_given_on=data["consent_given_on"],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The referral is recorded. Send it to the service when you are ready."))
                return redirect(referral)
        status = 400
    family_services.record_read(trajectory, request.user, Part.PLAN)
    context = _context(request, trajectory, parts, goal=goal, service=service, form=form, section="plan")
    if service is None and not posted:
        context.update(_found(request, trajectory, goal.domain))
    return render(request, "referrals/new.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def referral(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """One referral: send it (a link for the service, shown once), cancel it, record the
    outcome; a refused one can become a signal."""
    trajectory, referral, parts = get_referral_for(request.user, pk, referral_pk)
    action = request.POST.get("action")
    outcome_form = OutcomeForm(request.POST if action == "outcome" else None)
    status = 200
    link = ""
    if request.method == "POST":
        try:
            if action == "send":
                token = services.send(referral, acting_user=request.user)
                from core.links import absolute_url

                link = absolute_url("referrals:answer", token)
                messages.success(request, _("The referral is sent. Pass the link below on to the service."))
                referral.refresh_from_db()
            elif action == "cancel":
                services.cancel(referral, acting_user=request.user)
                messages.success(request, _("The referral is cancelled: its link no longer works."))
                return redirect(referral)
            elif action == "outcome" and outcome_form.is_valid():
                services.complete(referral, outcome=outcome_form.cleaned_data["outcome"], acting_user=request.user)
                messages.success(request, _("The outcome is recorded on the goal."))
                return redirect(referral)
            else:
                if action != "outcome":
                    messages.error(request, _("Choose what to save."))
                status = 400
        except ServiceError as error:
            messages.error(request, str(error))
            status = 400
    family_services.record_read(trajectory, request.user, Part.PLAN)
    context = _context(
        request,
        trajectory,
        parts,
        referral=referral,
        goal=referral.goal,
        shared=sorted(referral.shared_fields()),
        shared_labels=[str(SharedField(f).label) for f in sorted(referral.shared_fields())],
        service_gone=services.service_available(referral.service_id) is None,
        outcome_form=outcome_form,
        link=link,
        section="plan",
        statuses=ReferralStatus,
    )
    return render(request, "referrals/referral.html", context, status=status)


@access(AUTHENTICATED)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The referrals the user made, of the families they still support (each family's
    referrals through ``for_reader``: consent in the query)."""
    user: Any = request.user
    rows: list[tuple[Any, Referral]] = []
    for trajectory in services.my_trajectories(user):
        shown = list(Referral.objects.for_reader(user, trajectory).filter(created_by=user))
        if shown:
            family_services.record_read(trajectory, user, "referrals")
            rows.extend((trajectory, r) for r in shown)
    return render(request, "referrals/mine.html", {"rows": rows, "statuses": ReferralStatus})


@access(AUTHENTICATED)
@require_GET
def letter(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """A letter to take along, to print: the same shared fields the service's page shows."""
    trajectory, referral, _parts = get_referral_for(request.user, pk, referral_pk)
    if referral.status == ReferralStatus.CANCELLED:
        raise Http404
    family_services.record_read(trajectory, request.user, "letter")
    context = {
        "referral": referral,
        "org": trajectory.organisation,
        "trajectory": trajectory,
        "shared": services.shared_with_service(referral),
        "volunteer": request.user,
    }
    return render(request, "referrals/letter.html", context)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def to_signal(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """A refused referral as a signal, in one step: the signals app's form, prefilled; the
    personal-data check applies as usual."""
    from django.core.exceptions import PermissionDenied

    from signals.access import files_signals
    from signals.forms import SignalForm
    from signals.models import CountUnit, SourceKind

    trajectory, referral, _parts = get_referral_for(request.user, pk, referral_pk)
    if referral.status != ReferralStatus.REFUSED or referral.signal_id:
        raise Http404
    if not files_signals(request.user):
        raise PermissionDenied
    org = trajectory.organisation
    theme = services.guess_theme(referral)
    postcode = services.family_postcode(trajectory)
    initial = {
        "organisation": org.pk,
        "theme": theme.pk if theme else None,
        "life_domain": referral.goal.domain,
        "region": org.municipality.region_id,
        "postcode": postcode.code if postcode else "",
        "count": 1,
        "count_unit": CountUnit.FAMILIES,
        "source_kind": SourceKind.REFERRAL,
        "source_reference": _("Referral to %(service)s refused") % {"service": referral.service_name[:150]},
        "description": _("A referral to %(service)s was refused: %(reason)s")
        % {"service": referral.service_name, "reason": referral.refusal_reason},
    }
    form = SignalForm(request.POST or None, user=request.user, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                signal = services.file_signal(
                    referral,
                    form.save(commit=False),
                    acting_user=request.user,
                    personal_data_kinds=[f.kind for f in form.personal_data_accepted],
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The signal has been saved. A coordinator of your group confirms it."))
                return redirect(signal)
        status = 400
    return render(request, "signals/signal_form.html", {"form": form}, status=status)


@access(PUBLIC)
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The service's page, without an account: only what the family agreed to share; accept
    or refuse with a reason, later the outcome. An expired or unknown link: a clear page."""
    referral = services.referral_for_link(token)
    if referral is None:
        return render(request, "referrals/link_invalid.html", status=404)
    action = request.POST.get("action")
    answer_form = AnswerForm(request.POST if action == "answer" else None)
    outcome_form = OutcomeForm(request.POST if action == "outcome" else None)
    status = 200
    if request.method == "POST":
        try:
            if action == "answer" and answer_form.is_valid():
                data = answer_form.cleaned_data
                services.answer(referral, accepted=data["decision"] == "accept", reason=data["reason"])
                return redirect("referrals:answer", token)
            if action == "outcome" and outcome_form.is_valid():
                services.complete(referral, outcome=outcome_form.cleaned_data["outcome"])
                return redirect("referrals:answer", token)
        except ServiceError as error:
            messages.error(request, str(error))
        status = 400
    else:
        services.record_service_read(referral)
    context = {
        "referral": referral,
        "shared": services.shared_with_service(referral),
        "answer_form": answer_form,
        "outcome_form": outcome_form,
        "statuses": ReferralStatus,
    }
    return render(request, "referrals/answer.html", context, status=status)


@access(AUTHENTICATED)
@require_http_methods(["GET", "HEAD", "POST"])
def pick_actor(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """A formal actor for a domain of the network map, picked from the social map."""
    trajectory = get_trajectory_for(request.user, pk)
    parts = require_part(request.user, trajectory, Part.MAP)
    code, entry = _domain_or_404(request, trajectory, code)
    posted = request.method == "POST"
    service_id = parse_id(request.POST.get("service") if posted else request.GET.get("service"))
    service = services.service_available(service_id)
    form = PickActorForm(request.POST if posted else None, initial={"service": service_id})
    status = 200
    if not posted and service_id is not None and service is None:
        messages.error(
            request, _("This service is no longer on the social map: it was removed meanwhile. Choose another service.")
        )
    if posted:
        if service is None:
            messages.error(
                request,
                _("This service is no longer on the social map: it was removed meanwhile. Choose another service."),
            )
        elif form.is_valid():
            try:
                services.add_actor_from_map(
                    trajectory,
                    code,
                    service,
                    acting_user=request.user,
                    support=form.cleaned_data["support"],
                    quality=form.cleaned_data["quality"],
                )
            except ServiceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The actor has been added."))
                return redirect("families:domain", trajectory.pk, code)
        status = 400
    family_services.record_read(trajectory, request.user, Part.MAP)
    label = entry.label if entry else _domain_label(code)
    context = _context(request, trajectory, parts, code=code, label=label, form=form, service=service, section="map")
    if service is None and not posted:
        context.update(_found(request, trajectory, code))
    return render(request, "referrals/pick_actor.html", context, status=status)


def _domain_label(code: str) -> str:
    from families.prompts import domain_label

    return str(domain_label(code))
