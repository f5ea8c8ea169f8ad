"""Invitations to join a group as coordinator or volunteer, sent by e-mail as a secret link."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url

from ..models import Invitation, MembershipStatus, Organisation, OrganisationMember, Role
from ..signals import invitation_accepted
from .figures import invalidate_figures


def invitation_link(token: str) -> str:
    return absolute_url("organisations:accept_invitation", token)


@transaction.atomic
def invite_person(
    org: Organisation,
    *,
    email: str,
    full_name: str = "",
    role: str = Role.VOLUNTEER,
    acting_user=None,
    language: str = "nl",
    to_a_member: bool = False,
) -> Invitation:
    """Invite a person by e-mail. ``to_a_member``: the address may already belong to someone
    of the group (a volunteer's sign-up is joined to their account only when they accept
    the invitation while logged in, never by matching addresses)."""
    email = email.strip().lower()
    if org.status != MembershipStatus.MEMBER:
        raise ServiceError(_("%(group)s is not a member of the network now: it cannot invite anyone.") % {"group": org})
    member = OrganisationMember.objects.filter(organisation=org, user__email__iexact=email, left_at__isnull=True)
    if not to_a_member and member.exists():
        raise ServiceError(_("%(email)s is already part of this group.") % {"email": email})
    # A new invitation replaces an open one for the same address.
    replaced = Invitation.objects.filter(
        organisation=org, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation(
        organisation=org,
        email=email,
        full_name=full_name.strip(),
        role=role,
        language=language,
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = invitation.new_token()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # one open invitation per address and group (a constraint)
        raise ServiceError(
            _("An invitation to %(email)s was sent at this very moment. Look at the open invitations.")
            % {"email": email}
        ) from None
    audit.record("invitation.sent", actor=acting_user, obj=invitation, invited_as=role, replaced=replaced)
    queue_email(
        email,
        "organisations/email/invitation",
        {
            "invitation": invitation,
            "organisation": org,
            "link": invitation_link(token),
            "days": settings.INVITATION_VALID_DAYS,
        },
        language=language,
    )
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, acting_user) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ServiceError(_("This invitation has already been used or withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record("invitation.revoked", actor=acting_user, obj=invitation)


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=Invitation.hash(token)).first()


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> OrganisationMember:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ServiceError(_("This invitation has already been used or has expired."))
    if invitation.organisation.status != MembershipStatus.MEMBER:
        raise ServiceError(
            _("%(group)s is no longer a member of the network, so this invitation cannot be accepted.")
            % {"group": invitation.organisation}
        )
    member, created = OrganisationMember.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created:
        # Re-joining, or a volunteer promoted to coordinator: the stronger role wins.
        member.left_at = None
        if invitation.role == Role.COORDINATOR:
            member.role = Role.COORDINATOR
        member.save(update_fields=["left_at", "role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invalidate_figures()
    audit.record("invitation.accepted", actor=user, obj=invitation, joined_as=member.role)
    invitation_accepted.send(sender=Invitation, invitation=invitation, member=member)
    return member
