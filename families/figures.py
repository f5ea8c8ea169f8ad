"""Network figures about families, as they may leave a group: aggregates only, counts from 1
to 4 shown as "<5" (``volunteers.funnel.suppress``), and no totals, so a suppressed cell
cannot be recovered by subtraction."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum

from organisations.models import Organisation
from toolkit.models import LIFE_DOMAINS
from volunteers.funnel import suppress

from .models import Goal, PurgedCount, Trajectory


def per_group() -> list[tuple[str, int | str, int | str]]:
    """(group, families supported, goals reached) per group that has any, purged ones counted."""
    live: dict[int, dict[str, Any]] = {
        row["organisation_id"]: dict(row)
        for row in Trajectory.objects.values("organisation_id")
        .annotate(n=Count("pk"), reached=Count("goals", filter=Q(goals__reached_at__isnull=False)))
        .order_by()
    }
    purged: dict[int, dict[str, Any]] = {
        row["organisation_id"]: dict(row)
        for row in PurgedCount.objects.values("organisation_id")
        .annotate(n=Sum("trajectories"), reached=Sum("goals_reached"))
        .order_by()
    }
    ids = set(live) | set(purged)
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = []
    for pk in sorted(ids, key=lambda i: names.get(i, "")):
        n = live.get(pk, {}).get("n", 0) + (purged.get(pk, {}).get("n") or 0)
        reached = live.get(pk, {}).get("reached", 0) + (purged.get(pk, {}).get("reached") or 0)
        rows.append((names.get(pk, ""), suppress(n), suppress(reached)))
    return rows


def goals_reached_per_domain() -> list[tuple[str, int | str]]:
    counts = dict(
        Goal.objects.filter(reached_at__isnull=False).values_list("domain").annotate(n=Count("pk")).order_by()
    )
    return [(str(label), suppress(counts.get(code, 0))) for code, label in LIFE_DOMAINS.items()]
