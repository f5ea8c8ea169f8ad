"""What the families app adds to the homes and the group tools: the group tool "Families"
for coordinators, and "My families" on a volunteer's home (a count and a link, never a
family's detail)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.homes import Panel, Todo, home_panel, role_todos
from core.navigation import register_group_tool

from .models import Assignment


def register() -> None:
    register_group_tool(
        "families",
        gettext_lazy("Families"),
        "families:group_list",
        order=20,
        visible=lambda user, group: bool(user) and group.pk in user.coordinated_organisation_ids(),
    )


@home_panel("volunteer", order=15)
def families_panel(request: HttpRequest) -> list[Panel]:
    user: Any = request.user
    member_of = user.member_organisation_ids()
    count = (
        Assignment.objects.filter(
            user=user, trajectory__organisation_id__in=member_of, trajectory__status="open"
        ).count()
        if member_of
        else 0
    )
    if not count:
        return []
    url = reverse("families:mine")
    return [
        Panel(
            role="volunteer",
            key="families",
            caption=_("Support networks"),
            title=_("My families"),
            todos=[Todo(_("Families you support"), url, count, order=10)],
            links=[(_("My families"), url)],
        )
    ]


@role_todos("secretariat")
def secretariat_todos(request: HttpRequest) -> list[Todo]:
    return [Todo(_("Families in the network (figures only)"), reverse("families:figures"), None, order=48)]
