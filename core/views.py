from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from .access import PUBLIC, access


@access(PUBLIC)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    from organisations.services import network_summary

    return render(request, "core/home.html", {"summary": network_summary()})


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
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


# ---------------------------------------------------------------- error pages
# Every error page is in the site's layout and the visitor's language; on the API (/api/)
# every error is JSON: {"detail": "...", "errors": {...}} (docs/decisions/0014-bad-input.md).


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
    return render(request, "500.html", status=500)
