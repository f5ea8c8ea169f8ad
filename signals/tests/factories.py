"""Signals, dossiers and addressees for the tests (through the real services where it matters)."""

from __future__ import annotations

from places.models import Region
from signals.models import (
    Addressee,
    AddresseeChannel,
    AddresseeKind,
    Dossier,
    RecipientInvitation,
    Signal,
    SignalStatus,
    Theme,
)


def theme(name: str = "Woningnood") -> Theme:
    return Theme.objects.get_or_create(name=name)[0]


def flanders() -> Region:
    return Region.objects.get(nis_code="02000")


def make_signal(org, reporter=None, *, status: str = SignalStatus.DRAFT, count: int = 3, **fields) -> Signal:
    signal = Signal.objects.create(
        organisation=org,
        reporter=reporter,
        theme=fields.pop("theme", None) or theme(),
        life_domain=fields.pop("life_domain", "housing"),
        region=fields.pop("region", None) or flanders(),
        description=fields.pop("description", "Gezinnen met een erkenning vinden geen huurwoning."),
        example=fields.pop("example", "Een gezin van vijf zoekt al acht maanden."),
        count=count,
        status=status,
        **fields,
    )
    if status in (SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER):
        # As the services do: a shared signal counts in the overview's summary table.
        from signals import summary

        summary.status_changed(signal, SignalStatus.DRAFT, status)
    return signal


def make_dossier(*signals: Signal, title: str = "Woningnood na erkenning", **fields) -> Dossier:
    dossier = Dossier.objects.create(title=title, theme=fields.pop("theme", None) or theme(), **fields)
    for signal in signals:
        signal.status, signal.dossier = SignalStatus.IN_DOSSIER, dossier
        signal.save(update_fields=["status", "dossier"])
    return dossier


def make_addressee(
    dossier: Dossier,
    *,
    status: str = "sent",
    days: int = 30,
    email: str = "welzijn@mechelen.example",
    recipient=None,
) -> tuple[Addressee, str]:
    """An addressee with a link (``recipient`` None) or a policy recipient's account."""
    from datetime import timedelta

    from django.utils import timezone

    addressee = Addressee(
        dossier=dossier,
        kind=AddresseeKind.MUNICIPALITY,
        name="Stad Mechelen",
        email=email,
        status=status,
        channel=AddresseeChannel.ACCOUNT if recipient is not None else AddresseeChannel.LINK,
        recipient=recipient,
    )
    token = addressee.new_token()
    addressee.link_expires_at = timezone.now() + timedelta(days=days)
    addressee.sent_at = timezone.now()
    addressee.save()
    return addressee, token


def make_invitation(email: str, *, used: bool = False, days: int = 14) -> str:
    """A policy recipient's invitation; its token."""
    from datetime import timedelta

    from django.utils import timezone

    invitation = RecipientInvitation(email=email, expires_at=timezone.now() + timedelta(days=days))
    token = invitation.new_token()
    invitation.used_at = timezone.now() if used else None
    invitation.save()
    return token
