"""What the social map adds to the navigation (core/navigation.py) and the editors' home
(core/homes.py): "Find help" for members of the network, the editors and the secretariat;
the proposals waiting for an editor."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.homes import Todo, role_todos
from core.navigation import register_nav_item

from .models import EntryStatus, Service, ServiceChange


def register() -> None:
    register_nav_item(
        "socialmap",
        gettext_lazy("Find help"),
        "socialmap:search",
        roles=("member", "editor", "secretariat"),
        order=65,
        prefixes=("/sociale-kaart/",),
    )


@role_todos("editor")
def editor_todos(request: HttpRequest) -> list[Todo]:
    waiting = (
        Service.objects.filter(status=EntryStatus.PROPOSED).count()
        + ServiceChange.objects.filter(status=EntryStatus.PROPOSED).count()
    )
    return [Todo(_("Social map: services and changes to review"), reverse("socialmap:review"), waiting, order=30)]
