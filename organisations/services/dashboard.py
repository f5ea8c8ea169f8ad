"""What the secretariat's overview shows: figures, the groups with their numbers of people,
recent changes."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import ApplicationStatus, MembershipApplication, MembershipEvent, Organisation, OrganisationMember, Role
from .figures import FIGURES_KEY, _cached


def dashboard_figures() -> dict:
    return {
        **_cached(FIGURES_KEY),
        "waiting": MembershipApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count(),
        "info_requested": MembershipApplication.objects.filter(status=ApplicationStatus.INFO_REQUESTED).count(),
    }


def groups_with_counts() -> QuerySet:
    return (
        Organisation.objects.all()
        .select_related("municipality__province")
        .annotate(
            people_count=Count("people", filter=Q(people__left_at__isnull=True)),
            coordinator_count=Count("people", filter=Q(people__left_at__isnull=True, people__role=Role.COORDINATOR)),
        )
        .order_by("name")
    )


def recent_changes(limit: int = 12) -> list[dict]:
    """The newest applications, membership steps and new group members, merged by time."""
    items: list[dict] = []
    for a in MembershipApplication.objects.order_by("-updated_at")[:limit]:
        items.append(
            {
                "at": a.updated_at,
                "kind": "application",
                "text": a.group_name,
                "status": a.get_status_display(),
                "url": reverse("organisations:review", args=[a.pk]),
            }
        )
    for e in MembershipEvent.objects.select_related("organisation").order_by("-recorded_at")[:limit]:
        items.append(
            {
                "at": e.recorded_at,
                "kind": "membership",
                "text": e.organisation.name,
                "status": e.get_status_display(),
                "url": e.organisation.get_absolute_url(),
            }
        )
    for m in OrganisationMember.objects.select_related("organisation", "user").order_by("-joined_at")[:limit]:
        items.append(
            {
                "at": m.joined_at,
                "kind": "person",
                "text": m.organisation.name,
                "status": _("%(name)s joined as %(role)s")
                % {"name": m.user.full_name, "role": m.get_role_display().lower()},
                "url": m.organisation.get_absolute_url(),
            }
        )
    items.sort(key=lambda item: item["at"], reverse=True)
    return items[:limit]
