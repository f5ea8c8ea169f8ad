"""What the signals app adds to the navigation and the homes (core/navigation.py,
core/homes.py): the "Signals" item for members and the secretariat, and a coordinator's
signals waiting for confirmation."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.homes import Todo, group_todos
from core.navigation import register_nav_item

from .models import Signal, SignalStatus


def register() -> None:
    # Members with rights and the secretariat (whose dossiers are linked from the list).
    register_nav_item(
        "signals",
        gettext_lazy("Signals"),
        "signals:list",
        roles=["volunteer", "coordinator", "secretariat"],
        order=70,
        prefixes=["/signalen/"],
    )


@group_todos
def drafts_to_confirm(groups: list, today: date) -> dict[int, list[Todo]]:
    """Signals of each group waiting for a coordinator's confirmation: one query."""
    counts = dict(
        Signal.objects.filter(organisation_id__in=[g.pk for g in groups], status=SignalStatus.DRAFT)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organisation_id", "n")
    )
    href = f"{reverse('signals:list')}?{urlencode({'status': SignalStatus.DRAFT})}"
    return {g.pk: [Todo(_("Signals to confirm"), href, counts[g.pk], order=70)] for g in groups if counts.get(g.pk)}
