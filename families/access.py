"""Who may open a family's record. Deny by default; 404 for missing and not-yours alike.

- ``get_trajectory_for``: the group's coordinators (unless kept out at the family's request)
  and the volunteers assigned to the family (``Trajectory.objects.visible_to``). The group's
  other volunteers, other groups, editors and the secretariat get 404.
- ``get_managed_trajectory_for``: the same family for what only the group's coordinators do
  (members, assignments, consent, the family's audit log, export, erasure): an assigned
  volunteer gets 403, everyone else 404.
- ``require_part``: an assigned volunteer reads a part (map, plan, contacts) only with the
  family's standing consent: 404 without it, checked on every request.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from core.prepared import Prepared
from organisations.models import Organisation

from .models import Assignment, GuestAccess, Trajectory


def get_group_for(user: Any, slug: str) -> Organisation:
    """A group whose families the user coordinates (never the secretariat: 404)."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    if org.pk in user.coordinated_organisation_ids():
        return org
    if org.pk in user.member_organisation_ids():
        raise PermissionDenied
    raise Http404


def _family(pk: int, user: int, today: datetime.date) -> QuerySet[Trajectory]:
    """One family with what decides the reader's access, in one query: whether the family
    keeps the reader out as a coordinator, whether the reader is assigned to it, and whether
    the reader holds a standing guest access to it (the three ``Exists`` of ``visible_to``)."""
    kept_out = Trajectory.excluded_coordinators.through.objects.filter(trajectory=OuterRef("pk"), user_id=user)
    assigned = Assignment.objects.filter(trajectory=OuterRef("pk"), user_id=user)
    guest = GuestAccess.objects.standing(today).filter(trajectory=OuterRef("pk"), user_id=user)
    return (
        Trajectory.objects.filter(pk=pk)
        .select_related("organisation")
        .annotate(reader_kept_out=Exists(kept_out), reader_assigned=Exists(assigned), reader_guest=Exists(guest))
        .order_by()
    )


_FAMILY = Prepared(Trajectory, _family, pk=int, user=int, today=datetime.date)


def get_trajectory_for(user: Any, pk: int) -> Trajectory:
    """The family when ``Trajectory.objects.visible_to(user)`` holds it, else 404.

    The same rule, decided in Python from the reader's memberships (read once per request,
    ``User._memberships``) and the three facts the family's query brings along, so that the
    query is compiled once per connection instead of on every request (``core/prepared.py``);
    ``families/tests/test_queries.py`` proves it answers as ``visible_to`` for every role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise Http404
    found = _FAMILY.objects(pk=pk, user=user.pk, today=timezone.localdate())
    if not found:
        raise Http404
    trajectory = cast(Trajectory, found[0])
    group = trajectory.organisation_id
    kept_out: bool = trajectory.reader_kept_out  # type: ignore[attr-defined]
    assigned: bool = trajectory.reader_assigned  # type: ignore[attr-defined]
    member = group in user.member_organisation_ids()
    coordinates = group in user.coordinated_organisation_ids()
    if not ((member and ((coordinates and not kept_out) or assigned)) or trajectory.reader_guest):  # type: ignore[attr-defined]
        raise Http404
    # One request, one answer: what the reader may see is asked once (Trajectory.remember_reader).
    # Whether a coordinator is kept out only matters for a coordinator of the family's group.
    return trajectory.remember_reader(user, kept_out=kept_out if coordinates else None, assigned=assigned)


def get_managed_trajectory_for(user: Any, pk: int) -> Trajectory:
    trajectory = get_trajectory_for(user, pk)
    if not trajectory.is_coordinator(user):
        raise PermissionDenied
    return trajectory


def require_part(user: Any, trajectory: Trajectory, part: str) -> set[str]:
    """The parts the user may read; 404 when ``part`` is not among them."""
    parts = trajectory.readable_parts(user)
    if part not in parts:
        raise Http404
    return parts
