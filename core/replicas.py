"""Read replicas: public read-only pages and the API read from a PostgreSQL replica
(decision 0015).

``DATABASE_REPLICA_URL`` adds the database alias ``replica`` and turns on the router and
the middleware below (gastvrij/settings.py); without it nothing changes.

- ``ReplicaMiddleware`` decides per request, before the view runs: the replica only for a
  GET or HEAD of a view in ``REPLICA_VIEWS`` (public pages that only read) or of the API,
  by a visitor who is not logged in and whose browser carries no "pinned to the primary"
  cookie. Everything else, every logged-in request and every write, uses the primary.
- A request that wrote to the primary (any INSERT, UPDATE or DELETE) sets that cookie for
  ``REPLICA_PIN_SECONDS`` (default 10): the person's next pages read from the primary, so
  they see what they just did even when the replica lags behind.
- ``ReplicaRouter`` sends the reads of such a request to ``replica``; writes always go to
  ``default``; migrations run on ``default`` only (a streaming replica copies them).
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "gastvrij_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Public pages that only read (URL names); the whole API (namespace "api") is read-only too.
REPLICA_VIEWS = frozenset(
    {
        "home",
        "organisations:directory",
        "organisations:map_data",
        "organisations:detail",
        "volunteers:signup",
        "volunteers:vacancies",
        "volunteers:vacancy",
        "toolkit:index",
        "toolkit:page",
        "toolkit:print",
        "toolkit:pdf",
        "toolkit:search",
        "toolkit:glossary",
        "toolkit:history",
        "toolkit:revision",
        "toolkit:compare",
        "toolkit:checklist",
        "toolkit:checklist_text",
        "socialmap:search",
        "socialmap:service",
    }
)
REPLICA_NAMESPACES = frozenset({"api"})
_WRITES = ("INSERT", "UPDATE", "DELETE")

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def reads_replica() -> bool:
    """True while the current request's reads go to the replica."""
    return _reading_replica.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def replica_allowed(request, view_name: str, namespaces: list[str]) -> bool:
    """May this request read from the replica? (before the view runs)"""
    if request.method not in SAFE_METHODS:
        return False
    if not (view_name in REPLICA_VIEWS or REPLICA_NAMESPACES.intersection(namespaces)):
        return False
    if _pinned(request):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _pinned(request) -> bool:
    value = request.COOKIES.get(PIN_COOKIE, "")
    return value.isascii() and value.isdigit() and int(value) > time.time()


class ReplicaMiddleware:
    """Put after the authentication middleware (it reads ``request.user``)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        wrote: list[bool] = []

        def watch(execute, sql, params, many, context):
            if not wrote and sql.lstrip()[:6].upper().startswith(_WRITES):
                wrote.append(True)
            return execute(sql, params, many, context)

        request._replica_token = None
        try:
            with connections["default"].execute_wrapper(watch):
                response = self.get_response(request)
        finally:
            if request._replica_token is not None:
                _reading_replica.reset(request._replica_token)
        if wrote:
            seconds = settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and replica_allowed(request, match.view_name, match.namespaces):
            request._replica_token = _reading_replica.set(True)
        return None
