"""Writing the audit log (decision 0012).

Each app declares the actions it records in its own ``audit.py`` (found at start-up, like
the admin's modules)::

    audit.declare("member.role_changed", _("Role changed"))                 # the group's
    audit.declare("application.approved", _("Application approved"), network=True)

and its services record them inside their transaction::

    audit.record("member.role_changed", actor=acting_user, obj=member, old="volunteer", new="coordinator")

``network=True`` actions are read by the secretariat; every action with a group is read by
that group's coordinators (``AuditEvent.objects.visible_to``). Details are codes, numbers
and ids only, never personal free text: ``record`` refuses anything else.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .net import client_ip

# The role of whoever acted, when it is not an account's role in the group or the network.
PERSON = "person"  # the person themselves, through their secret link
VISITOR = "visitor"  # someone without an account, through a public form
SYSTEM = "system"  # the platform (a command, a task)
GUEST = "guest"  # a guest professional of one of the group's families (families, decision 0024)

ROLE_LABELS: dict[str, Promise] = {
    "secretariat": _("secretariat"),
    "coordinator": _("coordinator"),
    "volunteer": _("volunteer"),
    "editor": _("Toolkit editor"),
    "account": _("account holder"),
    "policy_recipient": _("addressee of the dossier"),
    PERSON: _("the person themselves"),
    VISITOR: _("visitor"),
    SYSTEM: _("the platform"),
    GUEST: _("guest professional"),
}

_CODE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
MAX_DETAIL_LENGTH = 64


@dataclass(frozen=True)
class Action:
    code: str
    label: Promise | str
    network: bool


ACTIONS: dict[str, Action] = {}


def declare(code: str, label: Promise | str, *, network: bool = False) -> None:
    """Declare an action once (in the app's ``audit.py``). ``network``: the secretariat reads it."""
    if not _CODE.match(code):
        raise ValueError(f"Audit action {code!r} must be dotted lower-case words, e.g. 'member.role_changed'")
    known = ACTIONS.get(code)
    if known is not None and known.network != network:
        raise ValueError(f"Audit action {code!r} is declared twice, differently")
    ACTIONS[code] = Action(code, label, network)


def label(code: str) -> str:
    action = ACTIONS.get(code)
    return str(action.label) if action else code


# ---------------------------------------------------------------- the request's address

_client_ip: contextvars.ContextVar[str] = contextvars.ContextVar("audit_client_ip", default="")


class AuditContextMiddleware:
    """Keeps the client's address for the audit rows the request's services write, so
    services need no request argument."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _client_ip.set(client_ip(request)[:64])
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


# ---------------------------------------------------------------- recording


def _role(actor: Any, organisation_id: int | None) -> str:
    if organisation_id is not None and organisation_id in actor.coordinated_organisation_ids():
        return "coordinator"
    if actor.is_secretariat:
        return "secretariat"
    if actor.is_editor:
        return "editor"
    if actor.member_organisation_ids():
        return "volunteer"
    guest_accesses = getattr(actor, "guest_accesses", None)
    if organisation_id is not None and guest_accesses is not None:
        if guest_accesses.filter(trajectory__organisation_id=organisation_id).exists():
            return GUEST
    if getattr(actor, "is_policy_recipient", False):
        return "policy_recipient"
    return "account"


def _check_details(details: dict[str, Any]) -> dict[str, Any]:
    def ok(value: Any) -> bool:
        if value is None or isinstance(value, bool | int | float):
            return True
        return isinstance(value, str) and len(value) <= MAX_DETAIL_LENGTH

    for key, value in details.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not all(ok(v) for v in values):
            raise ValueError(
                f"Audit detail {key}={value!r}: only codes, numbers and ids "
                f"(strings up to {MAX_DETAIL_LENGTH} characters), never free text"
            )
    return {k: list(v) if isinstance(v, tuple) else v for k, v in details.items()}


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    organisation: Any = None,
    part: str = "",
    actor_role: str = "",
    request: HttpRequest | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one row to the audit log, in the caller's transaction.

    ``actor``: the account that acted (None: the person themselves, a visitor or the
    platform; say which with ``actor_role``). ``obj``: the object acted on. ``organisation``: the
    group the event belongs to (a group or its id; by default the object's own group when
    it has one). ``part``: which part of the object (the families' map, plan, contacts).
    ``request``: only where no request-wide address is known (``AuditContextMiddleware``).
    ``details``: codes, numbers and ids.
    """
    declared = ACTIONS.get(action)
    if declared is None:
        raise ValueError(f"Undeclared audit action {action!r}: declare it in the app's audit.py")
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation_id", None)
    organisation_id = getattr(organisation, "pk", organisation)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if not actor_role:
        actor_role = _role(actor, organisation_id) if actor is not None else SYSTEM
    address = client_ip(request)[:64] if request is not None else _client_ip.get()
    return AuditEvent.objects.create(
        actor=actor,
        actor_role=actor_role,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        organisation_id=organisation_id,
        network=declared.network,
        part=part,
        client_ip=address,
        details=_check_details(details),
    )
