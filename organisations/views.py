from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import NewAccountForm
from core.access import COORDINATOR, PUBLIC, SECRETARIAT, access
from core.errors import ServiceError
from core.forms import error_items
from core.htmx import is_htmx
from core.inputs import parse_page
from core.pagination import paginate
from core.spam import over_rate_limit

from . import exports, importer, services
from .access import belongs_to, coordinates, get_application_for, get_member_for, get_organisation_for
from .forms import (
    ApplicantReplyForm,
    ApplicationForm,
    DirectoryFilterForm,
    DocumentForm,
    ImportForm,
    InviteForm,
    MembershipChangeForm,
    OrganisationProfileForm,
    ReviewForm,
)
from .models import ApplicationStatus, MembershipApplication, NetworkDocument

# ---------------------------------------------------------------- public


@access(PUBLIC)
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The public directory. Its filters and results are the same for every visitor, so they
    are rendered once per query and language and cached until groups change (decision 0007)."""
    key = services.directory_cache_key(request.GET.urlencode(), get_language() or "nl")
    fragments = cache.get(key)
    context: dict = {}
    if fragments is None:
        form = DirectoryFilterForm(request.GET or None)
        if form.is_bound:
            form.is_valid()  # errors are shown; valid filters still apply
        filters = form.filters()
        page, groups = services.directory_page(filters, parse_page(request.GET.get("page")), per_page=20, cards=True)
        context = {"form": form, "page": page, "groups": groups, "near": filters.near, "request": request}
        fragments = {
            "filters_html": _filters_html(form, context),
            "results_html": render_to_string("organisations/_directory_results.html", context),
            "form_error_items": error_items(form),  # the page's error summary (base.html)
            "map_points": [{"name": o.name, "url": o.url, "lat": o.latitude, "lon": o.longitude} for o in groups],
        }
        cache.set(key, fragments, services.CACHE_SECONDS)
    return render(request, "organisations/directory.html", {**context, **fragments})


# The rendered filter form per language, query and reference data (activities, provinces):
# the same for every visitor and independent of the groups, so a write to a group (which
# empties the directory's cache) does not make the next visitor render it again. Bounded.
_FILTERS_HTML: dict[tuple, str] = {}


def _filters_html(form: DirectoryFilterForm, context: dict) -> str:
    reference = tuple(
        (name, tuple((value, str(label)) for value, label in form.fields[name].choices))  # type: ignore[attr-defined]
        for name in ("activity", "province")
    )
    data = form.data if isinstance(form.data, QueryDict) else QueryDict()
    query = tuple(sorted((k, tuple(v)) for k, v in data.lists() if k != "page"))
    key = (get_language(), query, reference)
    html = _FILTERS_HTML.get(key)
    if html is None:
        html = render_to_string("organisations/_directory_filters.html", context)
        if len(_FILTERS_HTML) >= 256:
            _FILTERS_HTML.clear()
        _FILTERS_HTML[key] = html
    return html


@access(PUBLIC)
@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """All member groups as map points; the map is an enhancement of the list."""
    return JsonResponse({"groups": services.map_points()})


@access(PUBLIC)
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_organisation_for(request.user, slug)
    return render(request, "organisations/detail.html", _detail_context(request, org))


def _detail_context(request: HttpRequest, org, membership_form: MembershipChangeForm | None = None) -> dict:
    from core.navigation import group_tools
    from volunteers.models import Vacancy

    can_edit = coordinates(request.user, org)
    return {
        "org": org,
        "tools": group_tools(org, request.user) if can_edit else [],
        "is_member": belongs_to(request.user, org),
        "vacancies": Vacancy.objects.open().filter(organisation=org).select_related("municipality")[:20],
        "activities": org.activities.all(),
        "area": org.area_served.all(),
        "history": org.membership_events.all() if coordinates(request.user, org) else None,
        "can_edit": can_edit,
        "map_points": [{"name": org.name, "url": org.get_absolute_url(), "lat": org.latitude, "lon": org.longitude}],
        "membership_form": membership_form or MembershipChangeForm(),
    }


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if over_rate_limit(request, "apply"):
            form.is_valid()
            form.add_error(
                None, _("Too many applications were sent from your connection. Please try again in an hour.")
            )
        elif form.is_valid():
            application, created = services.submit_application(form, language=get_language() or "nl")
            if not created:
                messages.info(request, _("We had already received this application; it was not sent twice."))
            return redirect("organisations:apply_done")
    return render(request, "organisations/apply.html", {"form": form})


@access(PUBLIC)
@require_GET
def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/apply_done.html")


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def application_status(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's secret link: see the status; answer a question from the secretariat."""
    application = services.find_application(token)
    if application is None:
        return render(request, "organisations/link_invalid.html", status=404)
    form = None
    if application.status == ApplicationStatus.INFO_REQUESTED:
        form = ApplicantReplyForm(request.POST or None, instance=application)
        if request.method == "POST" and form.is_valid():
            try:
                services.answer_information_request(application, form, reply=form.cleaned_data["reply"])
            except ServiceError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Thank you. The secretariat will look at your application again."))
                return redirect(request.path)
    elif request.method == "POST":
        messages.error(request, _("This application cannot be changed any more."))
    return render(
        request,
        "organisations/application_status.html",
        {"application": application, "form": form, "thread": application.messages.all()},
    )


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_open:
        return render(
            request, "organisations/link_invalid.html", {"invitation": invitation}, status=410 if invitation else 404
        )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # Someone with an account joins one more group: they confirm while logged in as that account.
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                _accept(request, invitation, existing)
                return redirect(invitation.organisation.get_absolute_url())
            return render(request, "organisations/accept_existing.html", {"invitation": invitation})
        messages.info(request, _("You already have an account. Log in to accept the invitation."))
        return redirect(f"/account/inloggen/?next={request.path}")
    form = NewAccountForm(
        user=User(email=invitation.email, full_name=invitation.full_name),
        data=request.POST or None,
        initial={"full_name": invitation.full_name},
    )
    if request.method == "POST" and form.is_valid():
        user = form.user
        user.full_name = form.cleaned_data["full_name"]
        user.preferred_language = invitation.language
        user.set_password(form.cleaned_data["new_password1"])
        user.save()
        if _accept(request, invitation, user):
            auth_login(request, user, backend="accounts.backends.EmailBackend")
            return redirect(invitation.organisation.get_absolute_url())
    return render(request, "organisations/accept_invitation.html", {"invitation": invitation, "form": form})


def _accept(request: HttpRequest, invitation, user) -> bool:
    try:
        services.accept_invitation(invitation, user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, _("Welcome to %(group)s.") % {"group": invitation.organisation.name})
    return True


# ---------------------------------------------------------------- coordinator


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_organisation_for(request.user, slug, edit=True)
    form = OrganisationProfileForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        org = services.update_profile(org, form, acting_user=request.user)
        messages.success(request, _("The group's profile has been saved."))
        return redirect(org.get_absolute_url())
    return render(request, "organisations/edit.html", {"org": org, "form": form})


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_organisation_for(request.user, slug, edit=True)
    form = InviteForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_person(org, acting_user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("organisations:people", slug=org.slug)
    members = paginate(request, org.people.filter(left_at__isnull=True).select_related("user"), per_page=50)
    invitations = org.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    return render(
        request, "organisations/people.html", {"org": org, "form": form, "members": members, "invitations": invitations}
    )


@access(COORDINATOR)
@require_http_methods(["GET", "POST"])
def remove_person(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: the confirmation page (the people page links here; htmx shows it inline in the
    row); POST, from its warning button: the person leaves the group."""
    org = get_organisation_for(request.user, slug, edit=True)
    member = get_member_for(request.user, org, pk)
    if request.method == "GET":
        template = "organisations/_remove_confirm.html" if is_htmx(request) else "organisations/remove_confirm.html"
        return render(request, template, {"org": org, "member": member})
    try:
        services.leave_group(member, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s is no longer part of the group.") % {"name": member.user.full_name})
    return redirect("organisations:people", slug=org.slug)


@access(COORDINATOR)
@require_POST
def change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = get_organisation_for(request.user, slug, edit=True)
    member = get_member_for(request.user, org, pk)
    try:
        member = services.change_role(member, request.POST.get("role", ""), acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.") % {"name": member.user.full_name, "role": member.get_role_display().lower()},
        )
    return redirect("organisations:people", slug=org.slug)


@access(COORDINATOR)
@require_POST
def revoke_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    org = get_organisation_for(request.user, slug, edit=True)
    invitation = org.invitations.filter(pk=pk, accepted_at__isnull=True, revoked_at__isnull=True).first()
    if invitation is None:
        raise Http404
    try:
        services.revoke_invitation(invitation, acting_user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("organisations:people", slug=org.slug)


# ---------------------------------------------------------------- secretariat


@access(SECRETARIAT)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/dashboard.html",
        {
            "figures": services.dashboard_figures(),
            "waiting": MembershipApplication.objects.filter(status=ApplicationStatus.SUBMITTED).select_related(
                "municipality"
            )[:10],
            "changes": services.recent_changes(),
        },
    )


@access(SECRETARIAT)
@require_GET
def groups(request: HttpRequest) -> HttpResponse:
    page = paginate(request, services.groups_with_counts(), per_page=50)
    return render(request, "organisations/groups.html", {"page": page})


@access(SECRETARIAT)
@require_GET
def applications(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    qs = MembershipApplication.objects.select_related("municipality")
    if status == "open":
        qs = qs.filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.INFO_REQUESTED])
    elif status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "organisations/applications.html",
        {"page": paginate(request, qs), "status": status, "statuses": ApplicationStatus.choices},
    )


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application_for(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, text = form.cleaned_data["action"], form.cleaned_data["message"]
        try:
            if action == "approve":
                org = services.approve_application(application, acting_user=request.user, message=text)
                messages.success(
                    request, _("%(name)s is now a member; its contact person has been invited.") % {"name": org.name}
                )
            elif action == "info":
                services.request_information(application, acting_user=request.user, message=text)
                messages.success(request, _("Your question has been sent to the group."))
            else:
                services.decline_application(application, acting_user=request.user, message=text)
                messages.success(request, _("The application has been declined and the group informed."))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("organisations:review", pk=application.pk)
    return render(
        request,
        "organisations/review.html",
        {
            "application": application,
            "form": form,
            "thread": application.messages.select_related("author"),
            "activities": application.activities.all(),
            "area": application.area_served.all(),
            "documents": application.accepted_documents.all(),
        },
    )


@access(SECRETARIAT)
@require_POST
def change_membership(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_organisation_for(request.user, slug, edit=True)
    form = MembershipChangeForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["action"] == "end":
                services.end_membership(org, acting_user=request.user, note=note)
                messages.success(request, _("%(name)s is now a former member.") % {"name": org.name})
            else:
                services.renew_membership(org, acting_user=request.user, note=note)
                messages.success(request, _("%(name)s is a member again.") % {"name": org.name})
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(org.get_absolute_url())
    # Refused: the group's page again, with the message and the note as it was typed.
    return render(request, "organisations/detail.html", _detail_context(request, org, form), status=400)


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.upload_document(form, acting_user=request.user)
        messages.success(request, _("The document has been uploaded. New applications will refer to it."))
        return redirect("organisations:documents")
    return render(
        request,
        "organisations/documents.html",
        {"form": form, "page": paginate(request, NetworkDocument.objects.all())},
    )


@access(PUBLIC)
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Statutes and internal rules are public: applicants must read them before joining."""
    document = get_object_or_404(NetworkDocument, pk=pk)
    if not document.file.name or not document.file.storage.exists(document.file.name):
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=f"{document.get_kind_display()}.pdf",
        content_type="application/pdf",
    )


@access(SECRETARIAT)
@require_http_methods(["GET", "POST"])
def import_members(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = importer.import_file(form.cleaned_data["file"], acting_user=request.user)
        if report.ok:
            messages.success(
                request,
                ngettext("%(count)s member group imported.", "%(count)s member groups imported.", report.created)
                % {"count": report.created},
            )
            return redirect("organisations:groups")
    return render(request, "organisations/import.html", {"form": form, "report": report, "columns": importer.COLUMNS})


@access(SECRETARIAT)
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt == "csv":
        return exports.csv_response(acting_user=request.user)
    if fmt == "xlsx":
        return exports.xlsx_response(acting_user=request.user)
    raise Http404
