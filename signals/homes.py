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

from core.homes import Todo, group_todos, role_todos
from core.navigation import register_nav_item

from .models import Addressee, AddresseeStatus, Signal, SignalStatus


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
    # A policy recipient's account: its dossiers, nothing else.
    register_nav_item(
        "policy-dossiers",
        gettext_lazy("My dossiers"),
        "signals:recipient_home",
        roles=["policy_recipient"],
        order=70,
        prefixes=["/beleid/mijn-dossiers/"],
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


@role_todos("policy_recipient")
def dossiers_to_answer(request) -> list[Todo]:
    """A policy recipient's dossiers waiting for its answer (sent, read or a follow-up): one query."""
    waiting = Addressee.objects.filter(
        recipient=request.user, status__in=[AddresseeStatus.SENT, AddresseeStatus.READ, AddresseeStatus.FOLLOW_UP]
    ).count()
    return [Todo(_("Dossiers waiting for your answer"), reverse("signals:recipient_home"), waiting, order=10)]
