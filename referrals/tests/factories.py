"""Referrals for the tests and the access matrix, made through the services."""

from __future__ import annotations

from typing import Any

from families.models import ConsentHow
from referrals import services
from referrals.models import Introduction, SharedField


def make_referral(
    trajectory: Any,
    user: Any,
    service: Any,
    *,
    fields: tuple[str, ...] = (SharedField.GOAL,),
    status: str = "proposed",
    message: str = "",
    goal: Any = None,
) -> tuple[Any, str]:
    """A referral of the family's (first) goal to ``service``; moved on to ``status``
    ("proposed", "sent", "accepted", "refused", "done"). Returns it and the service's link
    token ("" while proposed)."""
    referral = services.propose(
        goal or trajectory.goals.order_by("pk").first(),
        service,
        acting_user=user,
        fields=list(fields),
        introduction=Introduction.PHONE,
        message=message,
        consent_how=ConsentHow.SPOKEN,
        consent_given_by="Amal",
        consent_given_on=trajectory.created_at.date(),
    )
    token = ""
    if status != "proposed":
        token = services.send(referral, acting_user=user)
    if status in ("accepted", "done"):
        services.answer(referral, accepted=True)
    if status == "refused":
        services.answer(referral, accepted=False, reason="Wachtlijst van een jaar")
    if status == "done":
        services.complete(referral, outcome="Huurcontract getekend")
    referral.refresh_from_db()
    return referral, token
