"""Who may open a referral. Deny by default; 404 for missing and not-yours alike.

A referral is read and moved by whoever may read its goal: the family's coordinators and the
assigned volunteers holding the family's consent for the action plan (for the goal's life
domain), through ``families.access`` and ``Referral.objects.for_reader``. The service reads
its referral only through the answer link (``services.referral_for_link``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from families.access import get_trajectory_for, require_part
from families.models import Goal, Part, Trajectory

from .models import Referral


def get_goal_for(user: Any, pk: int, goal_pk: int) -> tuple[Trajectory, Goal, set[str]]:
    trajectory = get_trajectory_for(user, pk)
    parts = require_part(user, trajectory, Part.PLAN)
    goal = Goal.objects.for_reader(user, trajectory).filter(pk=goal_pk).first()  # type: ignore[attr-defined]
    if goal is None:
        raise Http404
    return trajectory, goal, parts


def get_referral_for(user: Any, pk: int, referral_pk: int) -> tuple[Trajectory, Referral, set[str]]:
    trajectory = get_trajectory_for(user, pk)
    parts = require_part(user, trajectory, Part.PLAN)
    referral = (
        Referral.objects.for_reader(user, trajectory).select_related("goal", "signal").filter(pk=referral_pk).first()
    )
    if referral is None:
        raise Http404
    return trajectory, referral, parts
