"""The database session store, with its one query prepared (``core/prepared.py``).

Every request of a signed-in person reads its session: Django builds and compiles the same
``Session.objects.get(session_key=..., expire_date__gt=now)`` each time, which costs more CPU
than running it (issue 11). This store runs the same query, compiled once per connection;
everything else (saving, expiry, cycling the key) is Django's ``db`` store."""

from __future__ import annotations

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from .prepared import Prepared

_SESSION = Prepared(
    Session,
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).order_by(),
    key=str,
    now=datetime.datetime,
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        found = _SESSION.objects(key=self.session_key, now=timezone.now())
        if not found:
            # As Django's store: an unknown or expired key is forgotten (a new one is made on save).
            self._session_key = None
            return None
        return found[0]  # type: ignore[return-value]
