"""The service navigation in the header: which items a person sees, and which is current.

One place for it, so the role homes ("Mijn groep" with the group's tools, a volunteer's and an
editor's home) are added here as items, not in templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False


def _is_current(path: str, href: str, prefixes: tuple[str, ...]) -> bool:
    return path == href or any(path.startswith(p) for p in prefixes)


def items_for(request: HttpRequest, user: Any) -> list[NavItem]:
    """The menu for this person. Members of a group do not see "I want to help" and "Join the
    network": those are for people who are not in the network yet. "My account" and logging in
    and out are in the header (base.html), beside the language switch."""
    path = request.path
    is_member = bool(user.is_authenticated and user.organisation_ids())
    entries: list[tuple[str, str, tuple[str, ...]]] = [
        (_("Find a group"), reverse("organisations:directory"), ()),
    ]
    if not is_member:
        entries.append((_("I want to help"), reverse("volunteers:signup"), ("/vrijwilligen/",)))
    entries.append((_("Vacancies"), reverse("volunteers:vacancies"), ("/vacatures/",)))
    if not is_member:
        entries.append((_("Join the network"), reverse("organisations:apply"), ("/aansluiten/",)))
    entries.append((_("Toolkit"), reverse("toolkit:index"), ("/toolkit/",)))
    # Part 2 of the design issue adds the role homes here ("Mijn groep" for coordinators).
    if user.is_authenticated and user.is_secretariat:
        entries.append((_("Secretariat"), reverse("organisations:dashboard"), ("/secretariaat/",)))
    directory = reverse("organisations:directory")
    items = []
    for text, href, prefixes in entries:
        current = _is_current(path, href, prefixes)
        if href == directory:  # a group's own pages belong to the group, not to "Find a group"
            current = path == directory or (path.startswith(directory) and path.count("/") == 3)
        items.append(NavItem(text, href, current))
    return items
