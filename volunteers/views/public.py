"""Public: "I want to help", the person's secret link, and the vacancies.

The sign-up has two steps. The form's answers travel signed to the second step, where the
person sees the groups and vacancies that fit and picks some; nothing is stored before they
pick, and nothing they typed is lost if they go back.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import PUBLIC, access
from core.errors import ServiceError
from core.htmx import is_htmx
from core.inputs import parse_id
from core.pagination import paginate
from core.spam import over_rate_limit, started_value
from places.services import distance_km, locate_postcode

from .. import matching, privacy, services
from ..forms.public import (
    MAX_LANGUAGE_ROWS,
    STEP_NAMES,
    STEPS,
    ChooseForm,
    ConsentStep,
    LanguagesStep,
    LinkRequestForm,
    PersonForm,
    PickForm,
    StepForm,
    VacancyFilterForm,
    language_rows_in,
    read_payload,
    read_state,
    sign_state,
    signup_from,
    state_from_signup,
    step_values,
)
from ..forms.public import sign_payload as _sign
from ..models import Status, Vacancy
from .me import email_pending_message


def _vacancy_asked(request: HttpRequest) -> int | None:
    """The vacancy a person came from (``?vacature=`` on the form, then a hidden field)."""
    return parse_id(request.POST.get("vacancy") or request.GET.get("vacature"))


def _group_asked(request: HttpRequest) -> str:
    """The group a person came from ("help this group": ``?groep=`` on the form, then a hidden
    field); a slug, checked against the member groups when matching."""
    value = request.POST.get("group") or request.GET.get("groep") or ""
    return value[:100] if value.replace("-", "").isalnum() else ""


def _matches(data: services.SignUp, vacancy: int | None = None, group: str = "") -> matching.Result:
    point = locate_postcode(data.postcode)
    return matching.match(
        point,
        activities=data.activities,
        languages=[code for code, _level in data.languages],
        vacancy=vacancy,
        group=matching.group_id(group) if group else None,
    )


def _choose_page(
    request: HttpRequest,
    data: services.SignUp,
    form: PickForm | None = None,
    result=None,
    *,
    vacancy: int | None = None,
    group: str | None = None,
    **extra,
) -> HttpResponse:
    vacancy = _vacancy_asked(request) if vacancy is None else vacancy
    group = _group_asked(request) if group is None else group
    result = result or _matches(data, vacancy, group)
    if form is None:
        initial: dict[str, Any] = {"payload": _sign(data), "submission_key": uuid.uuid4()}
        if vacancy is not None:
            initial["vacancies"] = [vacancy]
        if group and any(m.obj.slug == group for m in result.groups):
            initial["groups"] = [group]
        form = ChooseForm(initial=initial)
    form.offer(result)
    picked_groups = set(form["groups"].value() or [])
    picked_vacancies = {str(v) for v in form["vacancies"].value() or []}
    context = {
        "form": form,
        "result": result,
        "group_rows": [(m, m.obj.slug in picked_groups) for m in result.groups],
        "vacancy_rows": [(m, str(m.obj.pk) in picked_vacancies) for m in result.vacancies],
        "vacancy": vacancy,
        "group": group,
        "step_titles": [f.title for f in STEPS],
        **extra,
    }
    return render(request, "volunteers/public/choose.html", context)


def _new_state(request: HttpRequest) -> dict[str, Any]:
    """A fresh sign-up: the vacancy or group it started from (``?vacature=``, ``?groep=``).
    The signed moment it started (spam protection: a person takes longer than a script) is
    not in the state yet: the first page carries it in its own ``form_started`` field, which
    the visitors' page cache fills in fresh for every visitor (core/pagecache.py), and the
    first post moves it into the state (``_take_started``)."""
    vacancy = request.GET.get("vacature", "")
    group = request.GET.get("groep", "")
    return {
        "steps": {},
        "vacancy": str(parse_id(vacancy) or ""),
        "group": group[:100] if group and group.replace("-", "").isalnum() else "",
        "started": "",
    }


def _take_started(state: dict[str, Any], posted: str) -> None:
    """Keep the first page's signed start moment; a forged one fails at the consent step
    (``SpamProtectedForm.clean``), an old one is never replaced by a later one."""
    if not state.get("started"):
        state["started"] = posted[:200]


def _step_form(step: str, state: dict[str, Any], *, data: Any = None, rows: int | None = None) -> StepForm:
    """The form of ``step``, bound to ``data``, or showing what the person typed before."""
    form_class = STEPS[STEP_NAMES.index(step)]
    saved = state["steps"].get(step, {})
    kwargs: dict[str, Any] = {}
    if form_class is LanguagesStep:
        kwargs["rows"] = rows or language_rows_in(data if data is not None else saved)
    if data is not None:
        return form_class(data, **kwargs)
    initial = {k: (v if k in MULTIPLE else (v[0] if v else "")) for k, v in saved.items()}
    if form_class is ConsentStep:
        initial["form_started"] = state["started"] or started_value()
    return form_class(initial=initial, **kwargs)


MULTIPLE = {"activities", "days", "day_parts"}


def _render_step(request: HttpRequest, state: dict[str, Any], form: StepForm, *, status: int = 200) -> HttpResponse:
    index = STEP_NAMES.index(form.step)
    context = {
        "form": form,
        "state": sign_state(state),
        "step": form.step,
        "steps": [(f.step, f.title, i < index, i == index) for i, f in enumerate(STEPS)],
        "number": index + 1,
        "total": len(STEPS),
        "first": index == 0,
        "last": index == len(STEPS) - 1,
        "vacancy": state.get("vacancy", ""),
        "group": _preselected_group(state),
        "max_rows": MAX_LANGUAGE_ROWS,
        "started": started_value() if not state.get("started") else "",
    }
    return render(request, "volunteers/public/signup.html", context, status=status)


def _preselected_group(state: dict[str, Any]):
    from organisations.models import Organisation

    slug = state.get("group") or ""
    return Organisation.objects.members().filter(slug=slug).only("name", "slug").first() if slug else None


def _finish(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    """Every step answered: check them all again (the state is signed, but a step may have
    been skipped), then the matches. Nothing is stored before the person picks."""
    forms_: list[StepForm] = []
    for step in STEP_NAMES[:-1]:
        saved = state["steps"].get(step, {})
        form = _step_form(step, state, data=_as_querydict(saved))
        if not form.is_valid():
            return _render_step(request, state, form)
        forms_.append(form)
    cleaned: dict[str, Any] = {}
    for form in forms_:
        cleaned.update(form.cleaned_data)
    consent = _step_form("consent", state, data=_as_querydict(state["steps"].get("consent", {})))
    consent.is_valid()
    cleaned.update(consent.cleaned_data)
    data = signup_from(cleaned, forms_[STEP_NAMES.index("languages")].rows)
    # An address already signed up is dealt with when the person sends their choice
    # (services.submit_signup): nothing on the way tells whether it is known.
    vacancy = state.get("vacancy") or ""
    return _choose_page(request, data, vacancy=parse_id(vacancy), group=state.get("group") or "")


def _as_querydict(values: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, items in values.items():
        query.setlist(key, [str(v) for v in items])
    return query


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """ "I want to help" in short steps, one topic each (about you, what you would like to do,
    languages, when, consent), then the matches. What was typed travels signed from step to
    step (``state``), is kept on "back" and on "add another language", and nothing is stored
    until the person picks groups (``choose``)."""
    if request.method == "GET":
        state = _new_state(request)
        return _render_step(request, state, _step_form("about", state))
    if "payload" in request.POST:  # back from the matches to change the answers
        try:
            data = read_payload(request.POST["payload"], max_age=None)
        except signing.BadSignature:
            return redirect("volunteers:signup")
        state = _new_state(request)
        state["steps"] = state_from_signup(data)
        state["vacancy"] = str(parse_id(request.POST.get("vacancy")) or "")
        state["group"] = request.POST.get("group", "")[:100]
        return _render_step(request, state, _step_form("about", state))
    try:
        state = read_state(request.POST.get("state", ""))
    except signing.BadSignature:
        messages.error(
            request, _("Your answers could not be read, or that took longer than a day. Please start again.")
        )
        return redirect("volunteers:signup")
    _take_started(state, request.POST.get("form_started", ""))
    step = request.POST.get("step", "")
    if step not in STEP_NAMES:
        step = STEP_NAMES[0]
    form_class = STEPS[STEP_NAMES.index(step)]
    state["steps"][step] = step_values(form_class, request.POST)
    nav = request.POST.get("nav", "next")
    index = STEP_NAMES.index(step)

    if nav == "back":
        return _render_step(request, state, _step_form(STEP_NAMES[max(index - 1, 0)], state))
    if nav == "add_language" and form_class is LanguagesStep:
        had = language_rows_in(request.POST)
        if is_htmx(request) and had >= MAX_LANGUAGE_ROWS:
            return HttpResponse(status=204)  # htmx adds nothing
        rows = min(had + 1, MAX_LANGUAGE_ROWS)
        form = _step_form(step, state, rows=rows)
        if is_htmx(request):  # only the new row, appended by htmx
            row = form.language_rows()[rows - 1]
            return render(request, "volunteers/public/_language_row.html", {"row": row, "n": rows, "focus": True})
        return _render_step(request, state, form)

    form = _step_form(step, state, data=request.POST)
    if step == "consent" and over_rate_limit(request, "volunteer-signup"):
        form.is_valid()
        form.add_error(None, _("Too many sign-ups were sent from your connection. Please try again in an hour."))
        return _render_step(request, state, form)
    if not form.is_valid():
        return _render_step(request, state, form)
    if step != STEP_NAMES[-1]:
        return _render_step(request, state, _step_form(STEP_NAMES[index + 1], state))
    return _finish(request, state)


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """Step two: pick groups and vacancies; only then is the sign-up saved and shared."""
    if request.method == "GET":
        return redirect("volunteers:signup")
    try:
        data = read_payload(request.POST.get("payload", ""))
    except signing.SignatureExpired:
        messages.warning(request, _("That took longer than a day. Please check your answers and continue."))
        data = read_payload(request.POST["payload"], max_age=None)
        state = _new_state(request)
        state["steps"] = state_from_signup(data)
        return _render_step(request, state, _step_form("consent", state))
    except signing.BadSignature:
        messages.error(request, _("Your answers could not be read. Please fill in the form again."))
        return redirect("volunteers:signup")
    form = ChooseForm(request.POST)
    result = _matches(data, _vacancy_asked(request), _group_asked(request))
    form.offer(result)
    if form.is_valid():
        picks = services.resolve_picks(form.cleaned_data["groups"], form.cleaned_data["vacancies"])
        try:
            volunteer, created = services.submit_signup(
                data, picks, language=get_language() or "nl", submission_key=form.cleaned_data["submission_key"]
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            request.session["volunteer_signed_up"] = [org.name for org, _v in picks]
            return redirect("volunteers:thanks")
    return _choose_page(request, data, form, result)


@access(PUBLIC)
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    groups = request.session.pop("volunteer_signed_up", None)
    return render(request, "volunteers/public/thanks.html", {"groups": groups})


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def resend_link(request: HttpRequest) -> HttpResponse:
    """Lost the e-mail with your link? Ask for it again (the answer never says whether the
    address is known, and the link itself stays the same)."""
    sent = False
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not over_rate_limit(request, "volunteer-link"):
            volunteer = services.email_taken(form.cleaned_data["email"])
            if volunteer is not None:
                services.send_manage_link(volunteer)
        sent = True
    return render(request, "volunteers/public/resend_link.html", {"sent": sent, "form": form})


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new e-mail address: opening it shows a button (a GET changes
    nothing); pressing it makes the new address count."""
    volunteer = services.email_change_for(token)
    if volunteer is None:
        return render(request, "volunteers/public/link_invalid.html", status=404)
    if request.method == "POST":
        try:
            services.confirm_email_change(volunteer)
        except ServiceError as exc:
            messages.error(request, str(exc))
        else:
            return render(request, "volunteers/public/email_confirmed.html")
    return render(request, "volunteers/public/confirm_email.html", {"email": volunteer.pending_email})


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The person's secret link: see, change or withdraw the sign-up."""
    volunteer = services.find_by_token(token)
    if volunteer is None:
        return render(request, "volunteers/public/link_invalid.html", status=404)
    action = request.POST.get("action", "")
    form = PersonForm(request.POST if action == "save" else None, volunteer=volunteer)
    if action == "save" and form.is_valid():
        try:
            pending = services.update_details(volunteer, form.signup())
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your details were saved."))
            if pending:
                messages.info(request, email_pending_message(pending))
            return redirect(request.path)
    elif action == "withdraw":
        pk = parse_id(request.POST.get("engagement"))
        engagement = volunteer.engagements.filter(pk=pk, withdrawn_at=None).first() if pk else None
        if engagement is not None:
            services.withdraw(engagement)
            messages.success(
                request, _("%(group)s no longer sees your details.") % {"group": engagement.organisation.name}
            )
        return redirect(request.path)
    elif action == "erase":
        if request.POST.get("confirm") == "yes":
            services.erase(volunteer)
            messages.success(request, _("Your sign-up and your details have been removed."))
            return redirect("volunteers:signup")
        messages.error(request, _("Tick the box to confirm that everything should be removed."))
    elif action in ("add", "add_groups") and volunteer.postal_code is None:
        messages.error(request, _("Add your postcode to your details first: groups are matched by distance."))
    elif action == "add":
        return _choose_page(request, services.SignUp.from_volunteer(volunteer), adding=token)
    elif action == "add_groups":
        return _add_groups(request, volunteer, token)
    if request.GET.get("download") == "json":
        return privacy.json_download(volunteer)
    engagements = volunteer.engagements.filter(withdrawn_at=None).select_related("organisation", "vacancy")
    return render(
        request,
        "volunteers/public/manage.html",
        {"volunteer": volunteer, "form": form, "engagements": engagements, "token": token, "Status": Status},
    )


def _add_groups(request: HttpRequest, volunteer, token: str) -> HttpResponse:
    data = services.SignUp.from_volunteer(volunteer)
    form = PickForm(request.POST)
    result = _matches(data)
    form.offer(result)
    if form.is_valid():
        added = services.add_groups(
            volunteer, services.resolve_picks(form.cleaned_data["groups"], form.cleaned_data["vacancies"])
        )
        if added:
            messages.success(request, _("Your details were sent to %(n)d more group(s).") % {"n": len(added)})
        else:
            messages.info(request, _("You had already signed up with the groups you chose."))
        return redirect("volunteers:manage", token=token)
    return _choose_page(request, data, form, result, adding=token)


# ---------------------------------------------------------------- vacancies


@access(PUBLIC)
@require_GET
def vacancies(request: HttpRequest) -> HttpResponse:
    form = VacancyFilterForm(request.GET or None)
    qs = Vacancy.objects.open().select_related("organisation", "activity", "municipality")
    point = None
    if form.is_bound and form.is_valid():
        qs, point = services.filter_vacancies(qs, **form.cleaned_data)
    page = paginate(request, qs if point is not None else qs.order_by("-starts_on", "-pk"), per_page=20)
    if point is not None:
        for v in page:
            v.distance_km = distance_km(v, point)
    return render(request, "volunteers/public/vacancies.html", {"form": form, "page": page, "near": point})


@access(PUBLIC)
@require_GET
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    found = Vacancy.objects.open().select_related("organisation", "activity", "municipality").filter(pk=pk).first()
    if found is None:
        raise Http404
    return render(request, "volunteers/public/vacancy.html", {"vacancy": found})
