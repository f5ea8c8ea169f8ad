"""Reading the audit log: the secretariat's page of network events and a group's page for
its coordinators. Both read ``AuditEvent.objects.visible_to(user)`` and nothing else."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from organisations.access import get_organisation_for
from organisations.models import Organisation

from . import audit
from .access import COORDINATOR, SECRETARIAT, access
from .models import AuditEvent
from .pagination import paginate

PER_PAGE = 50


def _rows(page: Page) -> list[dict]:
    """What a row shows: when, who (as what), what, on which object, in which group, the
    details. Names come from the accounts that still exist (two queries per page)."""
    events = list(page)
    people = get_user_model().objects.in_bulk({e.actor_id for e in events if e.actor_id})
    groups = Organisation.objects.only("name", "slug").in_bulk({e.organisation_id for e in events if e.organisation_id})
    rows = []
    for event in events:
        person = people.get(event.actor_id) if event.actor_id else None
        rows.append(
            {
                "event": event,
                "actor": person,
                "actor_gone": event.actor_id is not None and person is None,
                "role": str(audit.ROLE_LABELS.get(event.actor_role, event.actor_role)),
                "action": audit.label(event.action),
                "group": groups.get(event.organisation_id) if event.organisation_id else None,
                "details": sorted(event.details.items()),
            }
        )
    return rows


def _page(request: HttpRequest, events, context: dict) -> HttpResponse:
    page = paginate(request, events, per_page=PER_PAGE)
    return render(request, "core/audit_log.html", {**context, "page": page, "rows": _rows(page)})


@access(SECRETARIAT)
@require_GET
def network_log(request: HttpRequest) -> HttpResponse:
    """The network's events: applications, memberships, the Toolkit, imports and exports."""
    events = AuditEvent.objects.visible_to(request.user).filter(network=True)
    return _page(request, events, {"org": None})


@access(COORDINATOR)
@require_GET
def group_log(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's events, for its coordinators (the secretariat sees the group's network events)."""
    org = get_organisation_for(request.user, slug, edit=True)
    events = AuditEvent.objects.visible_to(request.user).of_group(org.pk)
    return _page(request, events, {"org": org})
