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

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from organisations.models import Organisation

from .models import Assignment, Trajectory


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


def get_trajectory_for(user: Any, pk: int) -> Trajectory:
    rows = Trajectory.objects.visible_to(user).select_related("organisation").filter(pk=pk)
    coordinates = bool(user.coordinated_organisation_ids())
    if coordinates:
        # Whether the family keeps this coordinator out, in the same query (``is_coordinator``).
        kept_out = Trajectory.excluded_coordinators.through.objects.filter(trajectory=OuterRef("pk"), user=user)
        rows = rows.annotate(reader_kept_out=Exists(kept_out))
    # Whether the reader is assigned to the family, in the same query: not a coordinator and
    # not assigned means a guest professional (``guests.reads_only``).
    rows = rows.annotate(reader_assigned=Exists(Assignment.objects.filter(trajectory=OuterRef("pk"), user=user)))
    trajectory = rows.first()
    if trajectory is None:
        raise Http404
    # One request, one answer: what the reader may see is asked once (Trajectory.remember_reader).
    return trajectory.remember_reader(
        user,
        kept_out=trajectory.reader_kept_out if coordinates else None,  # type: ignore[attr-defined]
        assigned=trajectory.reader_assigned,  # type: ignore[attr-defined]
    )


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
