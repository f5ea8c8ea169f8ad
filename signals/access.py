"""Who may see and change signals and dossiers. Deny by default; 404 for missing and not
yours alike, 403 for "you may see it but not do this".

- A draft signal is its group's: its members read it, its coordinators confirm it.
- A confirmed signal is read by every member of the network (to co-sign it, with its
  counts as "<5" when small, ``counts.suppress``) and by the secretariat.
- Dossiers are the secretariat's. A signal's reporters and co-signing groups read its
  dossier's status and answers on the signal's page.
- An addressee reads and answers its dossier only through its link, or, when the secretariat
  chose an account, as a policy recipient: its own dossiers (sent to it), nothing else of the
  platform (it is a member of no group).
- A visitor sees published dossiers only: aggregates and the policy note.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from core.access import Policy, is_secretariat

from .models import Addressee, AddresseeStatus, Dossier, RecipientInvitation, Signal


def is_member(user) -> bool:
    """Named check: a member with rights of a group in the network, or the secretariat."""
    return bool(user.is_authenticated and user.is_active and (user.is_secretariat or user.has_member_rights()))


def files_signals(user) -> bool:
    """Named check: belongs (with rights) to a group, so can file a signal for it."""
    return bool(user.is_authenticated and user.is_active and user.has_member_rights())


def is_policy_recipient(user) -> bool:
    """Named check: an addressee's account (``User.is_policy_recipient``)."""
    return bool(user.is_authenticated and user.is_active and user.is_policy_recipient)


MEMBER = Policy("signals member", is_member)
REPORTER = Policy("signals reporter", files_signals)
RECIPIENT = Policy("policy recipient", is_policy_recipient)


def coordinates_signal(user, signal: Signal) -> bool:
    return signal.organisation_id in user.coordinated_organisation_ids()


def own_group(user, signal: Signal) -> bool:
    return signal.organisation_id in user.member_organisation_ids()


def get_signal_for(user, pk: int, *, confirm: bool = False, cosign: bool = False) -> Signal:
    """The signal if the user may read it (404 otherwise). ``confirm``: only its group's
    coordinators (403 for the others who read it). ``cosign``: only people of another group."""
    signal = (
        Signal.objects.visible_to(user)
        .select_related("theme", "region", "municipality", "organisation", "dossier", "reporter", "question")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise Http404
    if confirm and not coordinates_signal(user, signal):
        raise PermissionDenied
    if cosign and not (user.member_organisation_ids() - {signal.organisation_id}):
        raise PermissionDenied
    return signal


def get_dossier_for(user, pk: int) -> Dossier:
    """A dossier for the secretariat; 404 for anyone else (the policy refuses them first)."""
    dossier = Dossier.objects.select_related("theme").filter(pk=pk).first()
    if dossier is None or not is_secretariat(user):
        raise Http404
    return dossier


def get_published_dossier(pk: int) -> Dossier:
    dossier = Dossier.objects.select_related("theme").filter(pk=pk, published_at__isnull=False).first()
    if dossier is None:
        raise Http404
    return dossier


def get_addressee_by_token(token: str) -> Addressee:
    """The addressee whose link this is, while the link has not expired; 404 otherwise."""
    addressee = (
        Addressee.objects.select_related("dossier__theme")
        .filter(token_hash=Addressee.hash(token[:100]), link_expires_at__gt=timezone.now())
        .first()
    )
    if addressee is None:
        raise Http404
    return addressee


def recipient_addressees(user):
    """The addressee rows of a policy recipient's account: the dossiers sent to it."""
    return Addressee.objects.filter(recipient=user).exclude(status=AddresseeStatus.NEW)


def get_recipient_addressee(user, dossier_pk: int) -> Addressee:
    """The recipient's part of dossier ``dossier_pk``; 404 for a dossier not sent to it."""
    addressee = recipient_addressees(user).select_related("dossier__theme").filter(dossier_id=dossier_pk).first()
    if addressee is None:
        raise Http404
    return addressee


def get_invitation_by_token(token: str) -> RecipientInvitation:
    """The invitation this link is for (open, expired or used: the view says which); 404 when
    the link is unknown."""
    invitation = RecipientInvitation.objects.filter(token_hash=RecipientInvitation.hash(token[:100])).first()
    if invitation is None:
        raise Http404
    return invitation
