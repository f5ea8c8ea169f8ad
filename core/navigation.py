"""The service navigation in the header, and the tools of a group: which items a person sees,
and which is current.

One place for it, so apps add their items here through two small registries, filled in their
``AppConfig.ready()`` (from a ``homes.py`` module of the app), never in templates:

- ``register_group_tool(key, text, url_name, order=...)``: a tool of a group for its
  coordinators ("Volunteers", "People", "Vacancies"...). The tools make the "Mijn groep" page,
  the sub navigation on every tool page (``{% group_nav org "key" %}``) and the links of the
  group's panel on the coordinator's home. The families app adds "Gezinnen" with one call.
- ``register_nav_item(key, text, url_name, roles=..., order=...)``: a top-level item for the
  people who hold one of ``roles``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool = False
    key: str = ""


@dataclass(frozen=True)
class GroupTool:
    """A tool of a group. ``url_name`` takes the group's slug; ``visible(user, group)``
    (optional) hides it from some coordinators; ``prefixes`` are the path parts after
    ``/groepen/<slug>/`` that belong to the tool (its sub pages), for marking it current."""

    key: str
    text: str | Promise
    url_name: str
    order: int = 100
    prefixes: tuple[str, ...] = ()
    visible: Callable[[Any, Any], bool] | None = None


@dataclass(frozen=True)
class TopItem:
    key: str
    text: str | Promise
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 100
    prefixes: tuple[str, ...] = ()


_group_tools: dict[str, GroupTool] = {}
_top_items: dict[str, TopItem] = {}


def register_group_tool(
    key: str,
    text: str | Promise,
    url_name: str,
    *,
    order: int = 100,
    prefixes: Iterable[str] = (),
    visible: Callable[[Any, Any], bool] | None = None,
) -> None:
    """Add (or replace, by ``key``) a tool of every group for its coordinators."""
    _group_tools[key] = GroupTool(key, text, url_name, order, tuple(prefixes), visible)


def register_nav_item(
    key: str,
    text: str | Promise,
    url_name: str,
    *,
    roles: Iterable[str],
    order: int = 100,
    prefixes: Iterable[str] = (),
) -> None:
    """Add (or replace, by ``key``) a top-level item for people holding one of ``roles``
    (``coordinator``, ``volunteer``, ``member`` (either), ``editor``, ``secretariat``)."""
    _top_items[key] = TopItem(key, text, url_name, frozenset(roles), order, tuple(prefixes))


def group_tools(group: Any, user: Any, *, path: str = "", current: str = "") -> list[NavItem]:
    """The group's tools in their order, ``current`` (a key) or the one ``path`` is under marked."""
    items = []
    base = reverse("organisations:detail", args=[group.slug])
    for tool in sorted(_group_tools.values(), key=lambda t: (t.order, t.key)):
        if tool.visible is not None and not tool.visible(user, group):
            continue
        href = reverse(tool.url_name, args=[group.slug])
        is_current = tool.key == current if current else _under(path, href, [base + p for p in tool.prefixes])
        items.append(NavItem(str(tool.text), href, is_current, tool.key))
    if not current and path:
        # Only the most specific tool is current ("/vrijwilligers/cijfers/" is Figures, not Volunteers).
        marked = [i for i in items if i.current]
        if len(marked) > 1:
            best = max(marked, key=lambda i: len(i.href))
            items = [NavItem(i.text, i.href, i is best, i.key) for i in items]
    return items


def _under(path: str, href: str, prefixes: Iterable[str] = ()) -> bool:
    return path == href or path.startswith(href) or any(path.startswith(p) for p in prefixes)


def _is_current(path: str, href: str, prefixes: tuple[str, ...]) -> bool:
    return path == href or any(path.startswith(p) for p in prefixes)


def _roles(user: Any) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = set(user.roles())
    if user.organisation_ids():
        roles.add("member")
    return roles


_paths: dict[tuple, str] = {}


def _path(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, resolved once per URL configuration (the
    menu has about ten on every page)."""
    key = (name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    path = _paths.get(key)
    if path is None:
        path = _paths[key] = reverse(name)
    return path


def on_group_tool_page(path: str) -> bool:
    """``/groepen/<slug>/<tool>/...``: a group's tool, not its public page nor the directory."""
    directory = _path("organisations:directory")
    return path.startswith(directory) and path.count("/") > 3 and not path.endswith(".json")


def items_for(request: HttpRequest, user: Any) -> list[NavItem]:
    """The menu for this person. Members of a group do not see "I want to help" and "Join the
    network": those are for people who are not in the network yet. A person who is logged in
    gets their home first ("Start"), a coordinator "Mijn groep" with the group's tools. "My
    account" and logging in and out are in the header (base.html), beside the language switch."""
    path = request.path
    roles = _roles(user)
    # A policy recipient's account (signals, decision 0026) is not someone who may want to join.
    is_member = "member" in roles or "policy_recipient" in roles
    is_coordinator = "coordinator" in roles
    entries: list[tuple[str, str, str, tuple[str, ...], int]] = []
    if user.is_authenticated:
        entries.append(("home", _("Start"), _path("home"), ("/start/",), 0))
    if is_coordinator:
        entries.append(("my-group", _("My group"), _path("my_group"), ("/mijn-groep/",), 10))
    entries.append(("directory", _("Find a group"), _path("organisations:directory"), (), 20))
    if not is_member:
        entries.append(("help", _("I want to help"), _path("volunteers:signup"), ("/vrijwilligen/",), 30))
    entries.append(("vacancies", _("Vacancies"), _path("volunteers:vacancies"), ("/vacatures/",), 40))
    if not is_member:
        entries.append(("join", _("Join the network"), _path("organisations:apply"), ("/aansluiten/",), 50))
    entries.append(("toolkit", _("Toolkit"), _path("toolkit:index"), ("/toolkit/",), 60))
    for item in _top_items.values():
        if item.roles & roles:
            entries.append((item.key, str(item.text), _path(item.url_name), item.prefixes, item.order))
    if "secretariat" in roles:
        entries.append(("secretariat", _("Secretariat"), _path("organisations:dashboard"), ("/secretariaat/",), 90))
    entries.sort(key=lambda e: e[4])

    directory = _path("organisations:directory")
    group_page = on_group_tool_page(path)
    items = []
    for key, text, href, prefixes, _order in entries:
        current = _is_current(path, href, prefixes)
        if key == "home":
            current = path in (href, "/start/")
        elif key == "directory":  # a group's own pages belong to the group, not to "Find a group"
            current = path == directory or (path.startswith(directory) and path.count("/") == 3)
        elif key == "my-group" and group_page:
            current = True
        items.append(NavItem(text, href, current, key))
    # One item current at most: the most specific (a Toolkit editor's page is "Editing", not "Toolkit").
    marked = [i for i in items if i.current]
    if len(marked) > 1:
        best = max(marked, key=lambda i: len(i.href))
        items = [NavItem(i.text, i.href, i is best, i.key) for i in items]
    return items
