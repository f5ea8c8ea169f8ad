from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
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


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    # Without the request's context processors: they need the database, which may be the fault.
    return HttpResponse(render_to_string("500.html"), status=500)
