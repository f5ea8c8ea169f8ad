"""What the organisations app adds to the homes and the group tools (registries in
``core/homes.py`` and ``core/navigation.py``): open invitations for a group's coordinators;
applications waiting and the member groups for the secretariat."""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.homes import Todo, group_todos, role_todos
from core.navigation import register_group_tool

from .models import ApplicationStatus, Invitation, MembershipApplication, Organisation


def register() -> None:
    register_group_tool(
        "people", gettext_lazy("People"), "organisations:people", order=20, prefixes=("uitnodigingen/",)
    )
    register_group_tool("profile", gettext_lazy("Group profile"), "organisations:edit", order=60)
    register_group_tool("log", gettext_lazy("Audit log"), "core:group_log", order=70)


@group_todos
def open_invitations(groups: list[Organisation], today: date) -> dict[int, list[Todo]]:
    """Invitations sent and not accepted yet (still valid): one query for every group."""
    counts = dict(
        Invitation.objects.filter(
            organisation__in=groups, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        g.pk: [
            Todo(
                _("Invitations not accepted yet"),
                reverse("organisations:people", args=[g.slug]) + "#invitations",
                counts.get(g.pk, 0),
                order=40,
            )
        ]
        for g in groups
    }


@role_todos("secretariat")
def secretariat_todos(request: HttpRequest) -> list[Todo]:
    waiting = MembershipApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count()
    asked = MembershipApplication.objects.filter(status=ApplicationStatus.INFO_REQUESTED).count()
    members = Organisation.objects.members().count()
    return [
        Todo(
            _("Applications waiting for a decision"),
            reverse("organisations:applications"),
            waiting,
            urgent=False,
            order=10,
        ),
        Todo(
            _("Applications waiting for the group's answer"),
            reverse("organisations:applications") + "?status=" + ApplicationStatus.INFO_REQUESTED,
            asked,
            order=15,
        ),
        Todo(
            _("Member groups"), reverse("organisations:groups"), None, hint=_("%(n)d groups") % {"n": members}, order=40
        ),
        Todo(_("Figures of the network"), reverse("organisations:dashboard"), None, order=50),
    ]
