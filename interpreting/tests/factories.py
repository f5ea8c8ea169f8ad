"""Interpreter requests for the tests and the access matrix, made through the services."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone

from interpreting import services
from volunteers.models import Status
from volunteers.tests.factories_group import make_engagement


def make_interpreter(org: Any, *, name: str = "Tolk Nabil", email: str = "nabil@example.org", **extra: Any) -> Any:
    """An active volunteer of ``org`` who interprets Arabic and agreed to be found."""
    extra.setdefault("languages", {"ar": "fluent"})
    extra.setdefault("interpreter_visible", True)
    return make_engagement(
        org, full_name=name, email=email, status=Status.ACTIVE, can_interpret=True, **extra
    ).volunteer


def make_request(trajectory: Any, user: Any, **extra: Any) -> Any:
    return services.create_request(
        trajectory,
        acting_user=user,
        starts_at=extra.get("starts_at") or timezone.now() + timedelta(days=5),
        language=extra.get("language", "ar"),
        topic=extra.get("topic", "Gesprek op school over huiswerk"),
        sensitivity=extra.get("sensitivity", "everyday"),
        place=extra.get("place", "Basisschool De Regenboog"),
        meeting=extra.get("meeting"),
    )


def token_in(message: Any) -> str:
    """The link token of an e-mail to the interpreter."""
    found = re.search(r"/tolk/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


def ask_with_token(request: Any, volunteer: Any, user: Any, *, answer: str = "") -> tuple[Any, str]:
    """Ask ``volunteer`` through the service, then give the ask a link whose token the test
    knows (the e-mailed one is sent after commit). ``answer``: "accepted" or "declined"."""
    ask = services.ask(request, volunteer.pk, acting_user=user)
    token = ask.new_link()
    ask.save(update_fields=["link_hash", "link_expires_at"])
    if answer == "accepted":
        services.accept(ask)
    elif answer == "declined":
        services.decline(ask, reason="Geen tijd")
    ask.refresh_from_db()
    return ask, token
