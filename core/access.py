"""The access framework: every view declares a policy; the default is deny.

A policy answers one question, "may this user open this view at all?".
Object-level checks ("is this *your* group?") live in each app's
``access.py`` as ``get_<thing>_for(user, ...)`` helpers that answer 404 for
"missing" and "not yours" alike, and 403 for "you may read but not edit".

``AccessPolicyMiddleware`` refuses (403) any view that declares no policy, so a
forgotten decorator fails closed; ``core/tests/test_access_matrix.py`` walks
every URL pattern and fails when one has none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    """A named, view-level rule: ``check(user) -> bool``."""

    name: str
    check: Callable[[Any], bool]

    def allows(self, user: Any) -> bool:
        return bool(self.check(user))


def _authenticated(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_secretariat(user: Any) -> bool:
    return _authenticated(user) and bool(user.is_secretariat)


def is_coordinator(user: Any) -> bool:
    """Coordinates at least one member group, or is the secretariat (which may manage every
    group). Which group is checked per object, by the app's access helper."""
    return _authenticated(user) and (bool(user.is_secretariat) or bool(user.coordinated_organisation_ids()))


PUBLIC = Policy("public", lambda user: True)
AUTHENTICATED = Policy("authenticated", _authenticated)
SECRETARIAT = Policy("secretariat", is_secretariat)
COORDINATOR = Policy("coordinator", is_coordinator)


def access(policy: Policy) -> Callable:
    """Declare and enforce a view's policy. Anonymous users are sent to log in."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not policy.allows(request.user):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_policy = policy  # type: ignore[attr-defined]
        return wrapped

    return decorator


def declare_public(callback: Callable) -> Callable:
    """Mark a third-party view (the read-only API) as public without wrapping it."""
    callback.access_policy = PUBLIC  # type: ignore[attr-defined]
    return callback


# URL namespaces that carry their own access control (Django's admin: staff only).
EXEMPT_NAMESPACES = frozenset({"admin"})


def declared_policy(view_func: Callable) -> Policy | None:
    policy = getattr(view_func, "access_policy", None)
    if policy is None and hasattr(view_func, "view_class"):
        policy = getattr(view_func.view_class, "access_policy", None)
    return policy


class AccessPolicyMiddleware:
    """Deny by default: a view without a declared policy answers 403."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: Any, view_kwargs: Any):
        match = request.resolver_match
        if match and EXEMPT_NAMESPACES.intersection(match.namespaces):
            return None
        if declared_policy(view_func) is None:
            logger.error("View %s declares no access policy; denied", getattr(view_func, "__name__", view_func))
            return HttpResponseForbidden()
        return None
