"""The social map's pages: find help (public), a service (public entry; members also see the
practice notes and contact persons), proposals by members, the editors' review, and the
service's own update link."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import PUBLIC, access
from core.errors import ServiceError
from core.htmx import is_htmx
from core.pagination import paginate

from . import finder, importer, imports, search, services
from .access import (
    EDITOR,
    MEMBER,
    edits_socialmap,
    get_change_for,
    get_import_job_for,
    get_service_for,
    reads_members_layer,
)
from .forms import ChangeForm, ContactForm, DecisionForm, FindForm, ImportForm, NewServiceForm, NoteForm
from .models import VERIFY_AFTER, EntryStatus, ImportJob, ImportStatus, Location, Organization, Service, ServiceChange

PER_PAGE = 20


@access(PUBLIC)
@require_GET
def find_help(request: HttpRequest) -> HttpResponse:
    """Find help by need and place. Bad input gets the form's message, never a 500."""
    form = FindForm(request.GET or None)
    context: dict = {"form": form, "searched": bool(request.GET)}
    criteria = finder.Criteria()
    if form.is_valid():
        data = form.cleaned_data
        criteria = finder.Criteria(
            q=data["q"], domain=data["domain"], near=data["near"], language=data["language"], welcome=data["welcome"]
        )
    if not request.GET or form.is_valid():
        try:
            result = finder.find(criteria)
        except search.QueryError as exc:
            form.add_error("q", str(exc))
        else:
            page = paginate(request, result.ids, PER_PAGE)
            shown = finder.with_distances(finder.load(page.object_list), criteria.point)
            context.update(
                page=page,
                capped=result.capped,
                max_results=finder.MAX_RESULTS,
                shown=shown,
                near=criteria.point,
                partial=result.partial,
                corrected=result.corrected,
                map_points=[
                    {"name": s.name, "url": s.get_absolute_url(), "lat": s.latitude, "lon": s.longitude}
                    for s in shown
                    if s.latitude is not None
                ],
            )
    return render(request, "socialmap/find.html", context)


@access(PUBLIC)
@require_GET
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    members = reads_members_layer(request.user)
    context = {
        "service": service,
        "members": members,
        "editor": edits_socialmap(request.user),
        "verify_after_months": VERIFY_AFTER.days // 30,
        "map_points": [
            {"name": service.name, "url": service.get_absolute_url(), "lat": service.latitude, "lon": service.longitude}
        ]
        if service.latitude is not None
        else [],
    }
    if members:  # the members' layer: never for a visitor nor a person of a group that left
        context.update(
            notes=service.notes.select_related("author"),
            contacts=service.contacts.all(),
            note_form=NoteForm(),
            contact_form=ContactForm(),
        )
    return render(request, "socialmap/service.html", context)


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def propose_service(request: HttpRequest) -> HttpResponse:
    form = NewServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = Service(**{k: v for k, v in form.public_data().items()})
        location = Location(
            municipality=data["municipality"], postcode=data["postcode"], address=data["address"].strip()
        )
        organization = Organization(name=data["organization_name"].strip())
        service = services.save_entry(
            organization=organization, location=location, service=service, areas=data["areas"], proposed_by=request.user
        )
        messages.success(request, _("Thank you. An editor reviews the service before it is published."))
        return redirect(service.get_absolute_url())
    return render(request, "socialmap/propose.html", {"form": form})


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def propose_change(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    form = (
        ChangeForm(request.POST or None, instance=service) if request.method == "POST" else ChangeForm(instance=service)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.propose_change(
                    Service.objects.get(pk=service.pk),
                    form.public_data(),
                    author=request.user,
                    message=form.cleaned_data["message"],
                )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. An editor reviews the change before it is published."))
            return redirect(service.get_absolute_url())
    return render(request, "socialmap/change.html", {"form": form, "service": service})


@access(MEMBER)
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(service, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your note has been added."))
        return redirect(service.get_absolute_url())
    return _detail_with(request, service, note_form=form)


@access(MEMBER)
@require_POST
def add_contact(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.add_contact(service, added_by=request.user, **form.cleaned_data)
        messages.success(request, _("The contact person has been added."))
        return redirect(service.get_absolute_url())
    return _detail_with(request, service, contact_form=form)


def _detail_with(request: HttpRequest, service: Service, **forms) -> HttpResponse:
    context = {
        "service": service,
        "members": True,
        "editor": edits_socialmap(request.user),
        "notes": service.notes.select_related("author"),
        "contacts": service.contacts.all(),
        "note_form": NoteForm(),
        "contact_form": ContactForm(),
        **forms,
    }
    return render(request, "socialmap/service.html", context, status=200)


# ---------------------------------------------------------------- editors


@access(EDITOR)
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    from django.db.models import Q
    from django.utils import timezone

    proposed = Service.objects.filter(status=EntryStatus.PROPOSED).select_related("organization").order_by("created_at")
    changes = ServiceChange.objects.filter(status=EntryStatus.PROPOSED).select_related("service").order_by("created_at")
    unverified = (
        Service.objects.published()
        .filter(Q(verified_at__isnull=True) | Q(verified_at__lt=timezone.now() - VERIFY_AFTER))
        .select_related("organization")
        .order_by("verified_at", "name")
    )
    context = {
        "proposed": proposed[:100],
        "changes": changes[:100],
        "unverified": paginate(request, unverified, 50),
    }
    return render(request, "socialmap/review_list.html", context)


def _decide(request: HttpRequest, obj, publish, decline, redirect_to):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "publish":
                publish(obj, editor=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("Published."))
            else:
                decline(obj, editor=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("Declined."))
            return redirect(redirect_to), form
        except ServiceError as exc:
            form.add_error(None, str(exc))
    return None, form


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def review_service(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    done, form = _decide(request, service, services.publish_service, services.decline_service, "socialmap:review")
    if done:
        return done
    return render(request, "socialmap/review_service.html", {"service": service, "form": form})


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def review_change(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_change_for(request.user, pk)
    done, form = _decide(request, change, services.publish_change, services.decline_change, "socialmap:review")
    if done:
        return done
    current = services.public_values(change.service)
    rows = [(name, current.get(name), value) for name, value in change.data.items()]
    return render(request, "socialmap/review_change.html", {"change": change, "rows": rows, "form": form})


@access(EDITOR)
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_service_for(request.user, pk)
    services.mark_verified(service, editor=request.user)
    messages.success(request, _("The service is marked as verified today."))
    return redirect(service.get_absolute_url())


@access(EDITOR)
@require_POST
def make_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a new update link for the service and show it once (only its hash is kept)."""
    service = get_service_for(request.user, pk)
    try:
        token = services.make_link(service, editor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(service.get_absolute_url())
    link = request.build_absolute_uri(reverse("socialmap:update", args=[token]))
    return render(request, "socialmap/link_made.html", {"service": service, "link": link})


MAX_UPLOAD = 20 * 1024 * 1024


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def import_package(request: HttpRequest) -> HttpResponse:
    """Editors and the secretariat load another directory's HSDS export. A package that cannot
    be read is answered here; a readable one becomes an import job for the task worker, and
    the browser goes to the job's page (progress, then the report per row)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        if upload.size > MAX_UPLOAD:
            form.add_error("package", _("The file is too large: at most 20 MB."))
        else:
            data = upload.read()
            try:
                rows = importer.read_package(upload.name, data)
            except importer.ImportError_ as exc:
                form.add_error("package", str(exc))
            else:
                if not rows:
                    form.add_error("package", _("The package holds no services."))
                elif len(rows) > importer.MAX_ROWS:
                    form.add_error("package", _("At most %(max)s services at once.") % {"max": importer.MAX_ROWS})
                else:
                    with transaction.atomic():
                        job = imports.start_import(
                            user=request.user,
                            file_name=upload.name or "package",
                            data=data,
                            rows_total=len(rows),
                            dry_run=form.cleaned_data["dry_run"],
                            language=request.LANGUAGE_CODE,
                        )
                    return redirect(job.get_absolute_url())
    jobs = ImportJob.objects.select_related("user").defer("data", "report")[: imports.RECENT]
    return render(request, "socialmap/import.html", {"form": form, "jobs": jobs})


REPORT_PER_PAGE = 100


@access(EDITOR)
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its progress while it runs (the page reloads itself, no JavaScript needed),
    then its report per row."""
    job = get_import_job_for(request.user, pk)
    context: dict = {"job": job, "refresh": job.running, "stalled": imports.stalled(job)}
    if job.status == ImportStatus.SAVING:
        context["saved_so_far"] = imports.saving_progress(job)
    if is_htmx(request):  # the page's polling: the progress, or a reload for the report
        if job.running:
            return render(request, "socialmap/_import_progress.html", context)
        return HttpResponse(headers={"HX-Refresh": "true"})
    if not job.running:
        rows = [r for r in job.report if r[2]] if job.status == ImportStatus.FAILED else job.report
        context["page"] = paginate(request, rows, REPORT_PER_PAGE)
    return render(request, "socialmap/import_job.html", context)


# ---------------------------------------------------------------- the service's own link


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def update_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The service updates its public entry without an account; the change goes to review."""
    service = services.service_for_link(token)
    if service is None:
        return render(request, "socialmap/link_invalid.html", status=404)
    form = ChangeForm(request.POST, instance=service) if request.method == "POST" else ChangeForm(instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_change(
                Service.objects.get(pk=service.pk),
                form.public_data(),
                author=None,
                message=form.cleaned_data["message"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "socialmap/link_thanks.html", {"service": service})
    return render(request, "socialmap/update.html", {"form": form, "service": service})
