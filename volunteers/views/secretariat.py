"""The secretariat: the volunteer funnel, exports, leads waiting too long; and a group's
own figures (the same funnel, not suppressed, for its coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import COORDINATOR, SECRETARIAT, access
from core.errors import ServiceError
from core.pagination import paginate

from .. import funnel, waiting
from ..access import get_group_for
from ..forms.secretariat import PassOnForm, PeriodForm


def _period_form(request: HttpRequest) -> PeriodForm:
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("The period could not be used; the figures below are for the last 12 months."))
    return form


@access(SECRETARIAT)
@require_GET
def funnel_page(request: HttpRequest) -> HttpResponse:
    form = _period_form(request)
    period = form.period()
    page = paginate(request, funnel.groups_in(period).select_related("municipality"), per_page=50)
    figures = funnel.per_group(period, [org.pk for org in page])
    rows = []
    for org in page:
        shown = funnel.suppressed(figures.get(org.pk) or funnel.empty())
        rows.append((org, [shown[key] for key in funnel.KEYS]))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "volunteers/secretariat/funnel.html",
        {
            "form": form,
            "period": period,
            "network": funnel.rows(funnel.suppressed(funnel.network(period))),
            "columns": funnel.COLUMNS,
            "step_count": len(funnel.STEPS),  # the rest of the columns are stop reasons, shown in one cell
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
        },
    )


@access(SECRETARIAT)
@require_GET
def funnel_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('volunteers:funnel')}?{request.GET.urlencode()}")
    period = form.period()
    if fmt == "csv":
        return funnel.csv_response(period, acting_user=request.user)
    return funnel.xlsx_response(period, acting_user=request.user)


@access(COORDINATOR)
@require_GET
def group_figures(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_group_for(request.user, slug)
    form = _period_form(request)
    period = form.period()
    figures = funnel.for_group(org, period)
    return render(
        request,
        "volunteers/secretariat/group_figures.html",
        {
            "org": org,
            "section": "figures",
            "form": form,
            "period": period,
            "steps": funnel.rows(figures, funnel.STEPS),
            "stop_reasons": funnel.rows(figures, funnel.STOP_KEYS),
        },
    )


@access(SECRETARIAT)
@require_GET
def waiting_page(request: HttpRequest) -> HttpResponse:
    page = paginate(request, waiting.waiting_leads(), per_page=25)
    leads = list(page)
    suggestions = waiting.suggest_groups([lead for lead in leads if lead.volunteer.allow_pass_on])
    now = timezone.now()
    items = [
        {"lead": lead, "days": (now - lead.created_at).days, "suggestions": suggestions.get(lead.pk, [])}
        for lead in leads
    ]
    return render(request, "volunteers/secretariat/waiting.html", {"page": page, "items": items})


def _waiting_lead_or_back(request: HttpRequest, pk: int):
    lead = waiting.get_waiting_lead(pk)
    if lead is None:
        messages.error(request, _("This lead is no longer waiting: someone answered it or it was passed on."))
    return lead


@access(SECRETARIAT)
@require_POST
def pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _waiting_lead_or_back(request, pk)
    if lead is None:
        return redirect("volunteers:waiting")
    form = PassOnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("organisation", [_("Choose a group.")])))
        return redirect("volunteers:waiting")
    try:
        new = waiting.pass_on(lead, form.cleaned_data["organisation"], acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(name)s was passed on to %(group)s; its coordinators were told.")
            % {"name": lead.volunteer.full_name, "group": new.organisation.name},
        )
    return redirect("volunteers:waiting")


@access(SECRETARIAT)
@require_POST
def ask_to_choose(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _waiting_lead_or_back(request, pk)
    if lead is None:
        return redirect("volunteers:waiting")
    try:
        waiting.ask_to_choose(lead, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The person received an e-mail with a link to choose another group."))
    return redirect("volunteers:waiting")
