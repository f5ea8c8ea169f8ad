"""A group's coordinators: leads inbox, intake, follow-up, vacancies, interpreters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import COORDINATOR, access
from core.errors import ServiceError
from core.htmx import is_htmx
from core.pagination import paginate

from .. import coordination
from ..access import get_engagement_for, get_group_for, get_vacancy_for
from ..forms.group import (
    ContactedForm,
    FollowUpHeldForm,
    InboxFilterForm,
    IntakeForm,
    InterpreterFilterForm,
    MakeVolunteerForm,
    PlanFollowUpForm,
    StatusForm,
    VacancyForm,
)
from ..models import DAY_PARTS, DAYS, Engagement, Status, Vacancy

# ---------------------------------------------------------------- leads and volunteers


@access(COORDINATOR)
@require_GET
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug)
    form = InboxFilterForm(request.GET or None)
    valid = form.is_bound and form.is_valid()
    status = form.cleaned_data["status"] if valid else ""
    todo = form.cleaned_data["te_doen"] if valid else ""
    visible = Engagement.objects.visible_to(request.user)
    page = paginate(request, coordination.inbox(org, visible, status=status, todo=todo))
    for row in page:
        row.overloaded = coordination.is_overloaded(row.latest_load)  # type: ignore[attr-defined]
    counts = coordination.status_counts(org, visible)
    tabs = [("", _("All"), sum(counts.values()))] + [(s.value, s.label, counts[s.value]) for s in Status]
    return render(
        request,
        "volunteers/group/inbox.html",
        {"org": org, "form": form, "page": page, "status": status, "todo": todo, "tabs": tabs},
    )


def _contacted(engagement: Engagement, form: Any, user: Any) -> str:
    coordination.mark_contacted(engagement, acting_user=user, note=form.cleaned_data["note"])
    return _("Marked as contacted.")


def _intake(engagement: Engagement, form: Any, user: Any) -> str:
    coordination.record_intake(engagement, acting_user=user, **form.cleaned_data)
    return _("The intake has been recorded.")


def _make_volunteer(engagement: Engagement, form: Any, user: Any) -> str:
    invitation = coordination.make_volunteer(engagement, acting_user=user)
    if invitation is None:
        return _("%(name)s is already part of the group and is now active.") % {"name": engagement.volunteer}
    return _("%(name)s is now active; an account invitation was sent to %(email)s.") % {
        "name": engagement.volunteer,
        "email": invitation.email,
    }


def _status(engagement: Engagement, form: Any, user: Any) -> str:
    coordination.change_status(engagement, acting_user=user, **form.cleaned_data)
    return _("The status is now “%(status)s”.") % {"status": engagement.get_status_display()}


def _plan(engagement: Engagement, form: Any, user: Any) -> str:
    coordination.plan_follow_up(engagement, form.cleaned_data["planned_for"], acting_user=user)
    return _("The follow-up conversation has been planned.")


def _held(engagement: Engagement, form: Any, user: Any) -> str:
    coordination.record_follow_up(engagement, acting_user=user, **form.cleaned_data)
    return _("The follow-up conversation has been recorded.")


# action name: (form, service call returning the confirmation)
ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Engagement, Any, Any], str]]] = {
    "contacted": (ContactedForm, _contacted),
    "intake": (IntakeForm, _intake),
    "make_volunteer": (MakeVolunteerForm, _make_volunteer),
    "status": (StatusForm, _status),
    "plan": (PlanFollowUpForm, _plan),
    "held": (FollowUpHeldForm, _held),
}


def _form_kwargs(form_class: type[forms.Form], item: Engagement) -> dict:
    return {"current": item.status} if form_class is StatusForm else {}


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def engagement(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A lead or volunteer: the person and status at the top, the one next step as the primary
    action, the other actions behind a disclosure, the history as a timeline. Each action is a
    form that posts here; a form with errors comes back filled in. With htmx the action swaps
    the page's main block (``_lead.html``) instead of reloading; without JavaScript the form
    posts and the view redirects back."""
    org = get_group_for(request.user, slug)
    item = get_engagement_for(request.user, org, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    bound = {}
    status = 200
    if action in ACTIONS:
        form_class, handler = ACTIONS[action]
        form = form_class(request.POST, prefix=action, **_form_kwargs(form_class, item))
        if form.is_valid():
            try:
                messages.success(request, handler(item, form, request.user))
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                if not is_htmx(request):
                    return redirect("volunteers:engagement", slug=org.slug, pk=item.pk)
                item = get_engagement_for(request.user, org, pk)  # the new status, dates, history
        else:
            status = 400
        if form.errors:
            bound[action], status = form, 400
    elif request.method == "POST":
        messages.error(request, _("Unknown action; nothing was changed."))
        status = 400
    context = _lead_context(org, item, bound)
    if is_htmx(request):
        # htmx swaps only 2xx answers: a form with errors comes back as 200 with its errors inline.
        return render(request, "volunteers/group/_lead.html", context)
    return render(request, "volunteers/group/engagement.html", context, status=status)


# (title, button) of each action, translated when shown.
ACTION_TITLES = {
    "contacted": (gettext_lazy("We contacted this person"), gettext_lazy("Mark as contacted")),
    "intake": (gettext_lazy("Record an intake conversation"), gettext_lazy("Save the intake")),
    "make_volunteer": (gettext_lazy("Make volunteer of the group"), gettext_lazy("Make volunteer")),
    "status": (gettext_lazy("Pause, resume or stop"), gettext_lazy("Change the status")),
    "plan": (gettext_lazy("Plan a follow-up conversation"), gettext_lazy("Plan")),
    "held": (gettext_lazy("A follow-up conversation took place"), gettext_lazy("Save the conversation")),
}


def _lead_context(org, item: Engagement, bound: dict) -> dict[str, Any]:
    plan = coordination.lead_actions(item)
    forms_ = {
        name: bound.get(name) or form_class(prefix=name, **_form_kwargs(form_class, item))
        for name, (form_class, _h) in ACTIONS.items()
        if name == plan.next_step or name in plan.others
    }
    titles = dict(ACTION_TITLES)
    if item.status in (Status.INVITED, Status.ACTIVE, Status.PAUSED):
        titles["make_volunteer"] = (gettext_lazy("Account"), gettext_lazy("Send the account invitation again"))
    history = list(item.history.select_related("changed_by"))
    intakes = list(item.intakes.all())
    follow_ups = list(item.follow_ups.all())
    return {
        "org": org,
        "item": item,
        "volunteer": item.volunteer,
        "forms": forms_,
        "next_step": plan.next_step,
        "next_form": forms_.get(plan.next_step or ""),
        "next_title": titles[plan.next_step][0] if plan.next_step else "",
        "next_button": titles[plan.next_step][1] if plan.next_step else "",
        "other_actions": [(name, *titles[name], forms_[name]) for name in plan.others],
        "timeline": _timeline(history, intakes, follow_ups),
        "intakes": intakes,
        "follow_ups": follow_ups,
        "languages": item.volunteer.languages.all(),
        "activities": item.volunteer.activities.all(),
        "check_in": item.volunteer.check_ins.first(),
        "days": [str(dict(DAYS).get(d, d)) for d in item.volunteer.days],
        "day_parts": [str(dict(DAY_PARTS).get(d, d)) for d in item.volunteer.day_parts],
        "Status": Status,
    }


def _timeline(history, intakes, follow_ups) -> list[dict[str, Any]]:
    """Status changes, intakes and follow-up conversations held, newest first."""
    from datetime import datetime, time

    from django.utils import timezone

    def at(day) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(12)))

    events: list[dict[str, Any]] = []
    for h in history:
        events.append({"when": h.changed_at, "kind": "status", "row": h})
    for i in intakes:
        events.append({"when": at(i.held_on), "kind": "intake", "row": i})
    for f in follow_ups:
        if f.done_on:
            events.append({"when": at(f.done_on), "kind": "follow_up", "row": f})
    events.sort(key=lambda e: e["when"], reverse=True)
    return events


# ---------------------------------------------------------------- vacancies


@access(COORDINATOR)
@require_GET
def vacancies(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug)
    page = paginate(request, org.vacancies.select_related("activity", "municipality").order_by("-created_at", "-pk"))
    return render(request, "volunteers/group/vacancies.html", {"org": org, "page": page})


def _vacancy_form(request: HttpRequest, org, vacancy: Vacancy) -> HttpResponse:
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST":
        if form.is_valid():
            coordination.save_vacancy(
                form.save(commit=False), postal_code=form.cleaned_data["postcode"], acting_user=request.user
            )
            messages.success(request, _("The vacancy has been saved."))
            return redirect("volunteers:group_vacancies", slug=org.slug)
    return render(
        request,
        "volunteers/group/vacancy_form.html",
        {"org": org, "form": form, "vacancy": vacancy},
        status=400 if form.is_bound and form.errors else 200,
    )


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def vacancy_new(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug)
    return _vacancy_form(request, org, Vacancy(organisation=org))


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = get_group_for(request.user, slug)
    return _vacancy_form(request, org, get_vacancy_for(request.user, org, pk))


@access(COORDINATOR)
@require_POST
def vacancy_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = get_group_for(request.user, slug)
    vacancy = get_vacancy_for(request.user, org, pk)
    try:
        coordination.close_vacancy(vacancy, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The vacancy “%(title)s” has been closed.") % {"title": vacancy.title})
    return redirect("volunteers:group_vacancies", slug=org.slug)


# ---------------------------------------------------------------- interpreters


@access(COORDINATOR)
@require_GET
def interpreters(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug, people=True)
    form = InterpreterFilterForm(request.GET or None)
    language = form.cleaned_data["taal"] if form.is_bound and form.is_valid() else ""
    page = paginate(request, coordination.interpreters(org, language))
    for person in page:
        person.is_own = any(e.organisation_id == org.pk for e in person.current_engagements)  # type: ignore[attr-defined]
    return render(
        request,
        "volunteers/group/interpreters.html",
        {"org": org, "form": form, "page": page, "language": language},
        status=400 if form.is_bound and form.errors else 200,
    )
