"""Who may open a family's interpreter requests. Deny by default; 404 for missing and
not-yours alike (decision 0025).

- Asking (making a request, asking an interpreter, recording a social interpreter, marking
  done, cancelling) is for the family's coordinators and its bridge figure (``can_ask``).
- An assigned volunteer holding the family's consent for the action plan reads the requests
  and their status, read-only (403 on what changes them): they go to the same meetings and
  visits and must know whether an interpreter comes. A volunteer without that consent gets
  404, as for the meetings (decision 0022).
- Everyone else: 404 (``families.access.get_trajectory_for``).
- The interpreter reaches one ask through its link only (``services.ask_for_link``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from families.access import get_trajectory_for
from families.models import Part, Trajectory

from .models import InterpreterRequest


def can_ask(user: Any, trajectory: Trajectory) -> bool:
    return trajectory.is_coordinator(user) or (
        trajectory.bridge_figure_id is not None and trajectory.bridge_figure_id == user.pk
    )


def get_family_for(user: Any, pk: int) -> tuple[Trajectory, set[str], bool]:
    """The family, the parts the user reads, and whether the user may ask."""
    trajectory = get_trajectory_for(user, pk)
    parts = trajectory.readable_parts(user)
    asker = can_ask(user, trajectory)
    if not asker and Part.PLAN not in parts:
        raise Http404
    return trajectory, parts, asker


def require_asker(asker: bool) -> None:
    if not asker:
        raise PermissionDenied


def get_request_for(user: Any, pk: int, request_pk: int) -> tuple[Trajectory, InterpreterRequest, set[str], bool]:
    trajectory, parts, asker = get_family_for(user, pk)
    found = (
        InterpreterRequest.objects.filter(trajectory=trajectory, pk=request_pk)
        .select_related("interpreter", "meeting", "requested_by")
        .first()
    )
    if found is None:
        raise Http404
    found.trajectory = trajectory
    return trajectory, found, parts, asker
