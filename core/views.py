from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from .access import AUTHENTICATED, PUBLIC, access
from .homes import coordinator_panels, panels_for


@access(PUBLIC)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The visitor's home page; after log-in, the person's own home (``role_home``)."""
    if request.user.is_authenticated:
        return _role_home(request)
    from organisations.services import network_summary

    return render(request, "core/home.html", {"summary": network_summary()})


def _role_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/role_home.html", {"panels": panels_for(request)})


@access(AUTHENTICATED)
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """``/start/``: the person's home with a panel per role (the same as ``/`` once logged in)."""
    return _role_home(request)


@access(AUTHENTICATED)
@require_GET
def my_group(request: HttpRequest) -> HttpResponse:
    """ "Mijn groep": the to-dos and every tool of each group the person coordinates (several
    groups: each one, to choose from). Someone who coordinates no group goes to their home."""
    panels = coordinator_panels(request)
    if not panels:
        return redirect("home")
    return render(request, "core/my_group.html", {"panels": panels})


@access(PUBLIC)
@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html", {"secretariat_email": settings.SECRETARIAT_EMAIL})


@access(PUBLIC)
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html", {"secretariat_email": settings.SECRETARIAT_EMAIL})


@access(PUBLIC)
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", {"secretariat_email": settings.SECRETARIAT_EMAIL})


@access(PUBLIC)
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and task-queue health for monitoring. 200 when healthy, 503 when not."""
    report: dict = {"status": "ok"}
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}
    except Exception as exc:  # noqa: BLE001 - any database failure is reported, not raised
        report["database"] = {"status": "error", "error": exc.__class__.__name__}
        report["status"] = "error"
    try:
        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        tasks = {
            "status": "ok",
            "queued": ready.count(),
            "oldest_queued_seconds": round(age, 1),
            "failed_last_day": DBTaskResult.objects.failed()
            .filter(finished_at__gte=timezone.now() - timedelta(days=1))
            .count(),
        }
        if age > 15 * 60:
            tasks["status"] = "stalled"
            report["status"] = "error"
        report["tasks"] = tasks
    except Exception as exc:  # noqa: BLE001
        report["tasks"] = {"status": "error", "error": exc.__class__.__name__}
        report["status"] = "error"
    if "core.replicas.ReplicaRouter" in settings.DATABASE_ROUTERS:
        report["replica"] = _replica_health()
        if report["replica"]["status"] != "ok":
            report["status"] = "error"
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def _replica_health() -> dict:
    """The read replica answers, and how far behind the primary it replays (seconds since the
    last replayed transaction; null when it is not a streaming standby)."""
    from .replicas import REPLICA

    started = time.perf_counter()
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())")
            lag = cursor.fetchone()[0]
    except Exception as exc:  # noqa: BLE001 - a failing replica is reported, not raised
        return {"status": "error", "error": exc.__class__.__name__}
    return {
        "status": "ok",
        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        "lag_seconds": None if lag is None else round(float(lag), 1),
    }


# ---------------------------------------------------------------- error pages
# Every error page is in the site's layout and the visitor's language; on the API (/api/)
# every error is JSON: {"detail": "...", "errors": {...}} (docs/decisions/0017-bad-input.md).


def api_error(status: int, detail: str = "", errors: dict | None = None) -> JsonResponse:
    """The API's answer for an error, with a translated ``detail``."""
    default = {
        400: _("The request could not be read."),
        403: _("You may not use this part of the API."),
        404: _("There is nothing at this address of the API."),
        405: _("This address of the API only answers GET requests."),
        413: _("The request is too large."),
    }
    return JsonResponse(
        {"detail": detail or default.get(status, _("The request could not be read.")), "errors": errors or {}},
        status=status,
    )


def nul_message(fields: list[str]) -> str:
    if fields:
        return _(
            "What you sent contains an invisible control character (a NUL byte) in: %(fields)s. "
            "It cannot be stored, so nothing was saved."
        ) % {"fields": ", ".join(fields)}
    return _("The address contains an invisible control character (a NUL byte). Nothing was saved.")


def _way_back(request: HttpRequest) -> str:
    """The page the visitor came from, when it is on this site; else ""."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return referer
    return ""


def bad_request(
    request: HttpRequest, message: str, *, status: int = 400, kept: bool = True, fields: list[str] | None = None
) -> HttpResponse:
    """The 400 page: what happened, that nothing was saved, whether the form can be got back,
    and a way back. ``kept`` says whether going back in the browser still shows what was typed."""
    from .middleware import is_api

    if is_api(request):
        return api_error(status, message, {field: [message] for field in fields or []})
    context = {"message": message, "kept": kept, "back": _way_back(request)}
    return render(request, "400.html", context, status=status)


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's answer to a request it will not read (too many fields, too large a body,
    a disallowed host): the site's page instead of a bare "Bad Request"."""
    if isinstance(exception, TooManyFieldsSent):
        message = _(
            "The form had more than %(limit)s fields, more than we accept. Nothing was saved, "
            "and what you typed could not be kept."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
        return bad_request(request, message, kept=False)
    if isinstance(exception, TooManyFilesSent):
        message = _(
            "The form had more than %(limit)s files, more than we accept. Nothing was saved, "
            "and what you typed could not be kept."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
        return bad_request(request, message, kept=False)
    if isinstance(exception, RequestDataTooBig):
        message = _(
            "What you sent is larger than %(limit)s MB, more than we accept. Nothing was saved, "
            "and what you typed could not be kept. If you added a file, make it smaller."
        ) % {"limit": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1048576, 1)}
        return bad_request(request, message, status=413, kept=False)
    return bad_request(request, _("We could not read what your browser sent. Nothing was saved."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token (the page was open very long, or cookies are
    off): the site's page in the visitor's language, not Django's."""
    from .middleware import is_api

    if is_api(request):
        return api_error(403, _("The security check of this request failed."))
    context = {"back": _way_back(request), "path": request.path}
    return render(request, "403_csrf.html", context, status=403)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    from .middleware import is_api

    if is_api(request):
        return api_error(404)
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    from .middleware import is_api

    if is_api(request):
        return api_error(403)
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # Without the request's context processors: they need the database, which may be the fault.
    return HttpResponse(render_to_string("500.html"), status=500)
