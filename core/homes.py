"""The home of each role after log-in (``/``, also ``/start/``), built from panels that apps add.

A person sees one panel per role they hold, in this order: each group they coordinate, the
groups they volunteer in, the Toolkit's editors, the secretariat. Core knows no app's data:
apps contribute through two registries, filled in their ``AppConfig.ready()`` (from a
``homes.py`` module of the app):

- ``@group_todos`` a function ``(groups, today) -> {group id: [Todo, ...]}`` adds to-dos to the
  panel of each group a person coordinates (new leads, open invitations, ...). It gets all the
  person's groups at once, so it answers with one or two grouped queries whatever their number.
- ``@role_todos(role)`` a function ``(request) -> [Todo, ...]`` adds to-dos to the one panel
  of a network role (``editor``: suggestions waiting; ``secretariat``: applications, leads
  waiting 14 days, groups), so several apps fill one panel.
- ``@home_panel(role)`` a function ``(request) -> list[Panel]`` adds whole panels for a role
  (the volunteer's panel); ``coordinator`` panels come from the group to-dos above and the
  group tools of ``core.navigation``.

A contributor keeps its query count fixed (no query per row): the home page's count is
tested at two sizes of data. docs/frontend.md shows how an app adds a panel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROLE_ORDER = ("coordinator", "volunteer", "editor", "secretariat", "policy_recipient")
# The title of a network role's one panel (made of ``role_todos``).
ROLE_TITLES = {
    "editor": _("Toolkit editing"),
    "secretariat": _("Secretariat"),
    "policy_recipient": _("Policy dossiers"),
}


@dataclass(frozen=True)
class Todo:
    """One line of a panel's to-do list: "3 new leads", linked to where they are dealt with.

    ``count`` None is a to-do without a number (a link such as "Check in"); with a count of 0 the
    line says "nothing to do" and has no link. ``urgent`` shows the count in red."""

    label: str
    href: str
    count: int | None = None
    urgent: bool = False
    hint: str = ""
    order: int = 100

    @property
    def done(self) -> bool:
        return self.count == 0


@dataclass
class Panel:
    """A block of the home page: a title, to-dos, links, and one main action (``primary``, a
    ``(text, href)`` pair). ``template`` (optional) is an extra fragment included after the
    to-dos with ``context`` (e.g. the volunteer's check-in form)."""

    role: str
    title: str
    todos: list[Todo] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    primary: tuple[str, str] | None = None
    caption: str = ""
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    key: str = ""

    @property
    def open_todos(self) -> int:
        return sum(1 for t in self.todos if not t.done)


GroupTodos = Callable[[list[Any], date], dict[int, list[Todo]]]
PanelProvider = Callable[[HttpRequest], Iterable[Panel]]

RoleTodos = Callable[[HttpRequest], Iterable[Todo]]

_group_todos: list[GroupTodos] = []
_role_todos: dict[str, list[RoleTodos]] = {}
_panels: dict[str, list[tuple[int, PanelProvider]]] = {}


def group_todos(func: GroupTodos) -> GroupTodos:
    """Register a contributor of to-dos for each group a person coordinates."""
    if func not in _group_todos:
        _group_todos.append(func)
    return func


def role_todos(role: str) -> Callable[[RoleTodos], RoleTodos]:
    """Register a contributor of to-dos to the panel of a network role (``ROLE_TITLES``)."""
    if role not in ROLE_TITLES:
        raise ValueError(f"no single panel for role {role!r}; one of {tuple(ROLE_TITLES)}")

    def decorator(func: RoleTodos) -> RoleTodos:
        contributors = _role_todos.setdefault(role, [])
        if func not in contributors:
            contributors.append(func)
        return func

    return decorator


def home_panel(role: str, *, order: int = 100) -> Callable[[PanelProvider], PanelProvider]:
    """Register a provider of panels for ``role`` (one of ``ROLE_ORDER``)."""
    if role not in ROLE_ORDER:
        raise ValueError(f"unknown role {role!r}; one of {ROLE_ORDER}")

    def decorator(func: PanelProvider) -> PanelProvider:
        providers = _panels.setdefault(role, [])
        if all(f is not func for _o, f in providers):
            providers.append((order, func))
            providers.sort(key=lambda pair: pair[0])
        return func

    return decorator


def todos_for_groups(groups: list[Any], today: date | None = None) -> dict[int, list[Todo]]:
    """Every contributor's to-dos for these groups, each group's list in ``order``."""
    today = today or timezone.localdate()
    merged: dict[int, list[Todo]] = {g.pk: [] for g in groups}
    if not groups:
        return merged
    for contributor in _group_todos:
        for group_id, todos in contributor(groups, today).items():
            merged.setdefault(group_id, []).extend(todos)
    for todos in merged.values():
        todos.sort(key=lambda t: t.order)
    return merged


def coordinator_panels(request: HttpRequest) -> list[Panel]:
    """One panel per group the person coordinates: its to-dos, its tools, and the leads inbox
    as the main action."""
    from organisations.models import Organisation

    from .navigation import group_tools

    user: Any = request.user
    ids = user.coordinated_organisation_ids()
    if not ids:
        return []
    groups = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
    todos = todos_for_groups(groups)
    panels = []
    for group in groups:
        tools = group_tools(group, user)
        primary = next(((t.text, t.href) for t in tools if t.key == "volunteers"), None)
        panels.append(
            Panel(
                role="coordinator",
                key=f"group-{group.pk}",
                title=group.name,
                todos=todos.get(group.pk, []),
                links=[(t.text, t.href) for t in tools],
                primary=primary,
            )
        )
    return panels


def panels_for(request: HttpRequest) -> list[Panel]:
    """The panels of every role the person holds, coordinators' groups first."""
    user: Any = request.user
    roles = user.roles()
    panels: list[Panel] = []
    for role in ROLE_ORDER:
        if role == "coordinator":
            panels.extend(coordinator_panels(request))
            continue
        if role not in roles:
            continue
        if _role_todos.get(role):
            todos = [t for contributor in _role_todos[role] for t in contributor(request)]
            panels.append(
                Panel(role=role, key=role, title=str(ROLE_TITLES[role]), todos=sorted(todos, key=lambda t: t.order))
            )
        for _order, provider in _panels.get(role, []):
            panels.extend(provider(request))
    return panels
