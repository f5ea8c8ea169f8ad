"""Public: "I want to help", the person's secret link, and the vacancies.

The sign-up has two steps. The form's answers travel signed to the second step, where the
person sees the groups and vacancies that fit and picks some; nothing is stored before they
pick, and nothing they typed is lost if they go back.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import PUBLIC, access
from core.inputs import parse_id
from core.pagination import paginate
from core.spam import over_rate_limit
from places.services import distance_km, locate_postcode

from .. import matching, privacy, services
from ..forms.public import (
    ChooseForm,
    LinkRequestForm,
    PersonForm,
    PickForm,
    SignUpForm,
    VacancyFilterForm,
    initial_from,
    read_payload,
)
from ..forms.public import sign_payload as _sign
from ..models import Status, Vacancy


def _vacancy_asked(request: HttpRequest) -> int | None:
    """The vacancy a person came from (``?vacature=`` on the form, then a hidden field)."""
    return parse_id(request.POST.get("vacancy") or request.GET.get("vacature"))


def _matches(data: services.SignUp, vacancy: int | None = None) -> matching.Result:
    point = locate_postcode(data.postcode)
    return matching.match(
        point, activities=data.activities, languages=[code for code, _level in data.languages], vacancy=vacancy
    )


def _choose_page(
    request: HttpRequest, data: services.SignUp, form: PickForm | None = None, result=None, **extra
) -> HttpResponse:
    vacancy = _vacancy_asked(request)
    result = result or _matches(data, vacancy)
    if form is None:
        initial = {"payload": _sign(data), "submission_key": uuid.uuid4()}
        if vacancy is not None:
            initial["vacancies"] = [vacancy]
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
        **extra,
    }
    return render(request, "volunteers/public/choose.html", context)


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Step one: who you are and what you would like to do."""
    if request.method == "POST" and "payload" in request.POST:  # back from step two to change the answers
        try:
            data = read_payload(request.POST["payload"], max_age=None)
        except signing.BadSignature:
            return redirect("volunteers:signup")
        form = SignUpForm(initial=initial_from(data))
        return render(request, "volunteers/public/signup.html", {"form": form, "vacancy": _vacancy_asked(request)})
    form = SignUpForm(request.POST or None)
    vacancy = _vacancy_asked(request)
    if request.method == "POST":
        if over_rate_limit(request, "volunteer-signup"):
            form.is_valid()
            form.add_error(None, _("Too many sign-ups were sent from your connection. Please try again in an hour."))
        elif form.is_valid():
            data = form.signup()
            existing = services.email_taken(data.email)
            if existing is not None:
                services.send_manage_link(existing)
                return render(request, "volunteers/public/already_signed_up.html", {"email": data.email})
            return _choose_page(request, data)
    return render(request, "volunteers/public/signup.html", {"form": form, "vacancy": vacancy})


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
        return render(request, "volunteers/public/signup.html", {"form": SignUpForm(initial=initial_from(data))})
    except signing.BadSignature:
        messages.error(request, _("Your answers could not be read. Please fill in the form again."))
        return redirect("volunteers:signup")
    form = ChooseForm(request.POST)
    result = _matches(data, _vacancy_asked(request))
    form.offer(result)
    if form.is_valid():
        picks = services.resolve_picks(form.cleaned_data["groups"], form.cleaned_data["vacancies"])
        try:
            volunteer, created = services.submit_signup(
                data, picks, language=get_language() or "nl", submission_key=form.cleaned_data["submission_key"]
            )
        except services.ServiceError as exc:
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
    """Lost the e-mail with your link? Ask for a new one (the answer never says whether the
    address is known)."""
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
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The person's secret link: see, change or withdraw the sign-up."""
    volunteer = services.find_by_token(token)
    if volunteer is None:
        return render(request, "volunteers/public/link_invalid.html", status=404)
    action = request.POST.get("action", "")
    form = PersonForm(request.POST if action == "save" else None, volunteer=volunteer)
    if action == "save" and form.is_valid():
        try:
            services.update_details(volunteer, form.signup())
        except services.ServiceError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("Your details were saved."))
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
