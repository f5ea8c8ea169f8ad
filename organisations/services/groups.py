"""A member group's own record: its name and place, its profile, its membership of the
network, and the roles of its people."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.errors import ServiceError
from core.transitions import Transitions

from ..models import (
    Invitation,
    MembershipEvent,
    MembershipStatus,
    NetworkDocument,
    Organisation,
    OrganisationMember,
    Role,
)
from .figures import invalidate_figures

# A group's membership of the network (Organisation.status). New groups start as members
# (approval, import); a group that left can come back.
MEMBERSHIP = Transitions(
    MembershipStatus,
    {
        MembershipStatus.APPLIED: {MembershipStatus.MEMBER},
        MembershipStatus.MEMBER: {MembershipStatus.FORMER},
        MembershipStatus.FORMER: {MembershipStatus.MEMBER},
    },
    refused={
        MembershipStatus.FORMER: gettext_lazy("This group is not a member now."),
        MembershipStatus.MEMBER: gettext_lazy("This group is already a member."),
    },
)


def unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "groep"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    qs = Organisation.objects.filter(name__iexact=name.strip())
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def place_organisation(org: Organisation) -> None:
    """Copy coordinates from the postcode, or else the municipality."""
    postcode = org.postal_code
    if postcode is not None and postcode.latitude is not None:
        org.latitude, org.longitude = postcode.latitude, postcode.longitude
    else:
        org.latitude, org.longitude = org.municipality.latitude, org.municipality.longitude


@transaction.atomic
def update_profile(org: Organisation, form, *, acting_user) -> Organisation:
    org = form.save(commit=False)
    place_organisation(org)
    org.save()
    invalidate_figures()
    form.save_m2m()
    audit.record("organisation.profile_changed", actor=acting_user, obj=org, fields=sorted(form.changed_data))
    return org


@transaction.atomic
def set_membership(org: Organisation, status: str, *, acting_user, note: str = "") -> Organisation:
    """The one place a group's membership status changes: checked against ``MEMBERSHIP``,
    kept in the group's history and the audit log. A group that leaves the network loses
    every members-only right at once (``User.member_organisation_ids``); its open
    invitations are withdrawn."""
    locked = Organisation.objects.select_for_update().get(pk=org.pk)
    old = locked.status
    MEMBERSHIP.check(old, status)
    org.status = locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    MembershipEvent.objects.create(organisation=locked, status=status, note=note, recorded_by=acting_user)
    if status != MembershipStatus.MEMBER:
        Invitation.objects.filter(organisation=locked, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    invalidate_figures()
    audit.record("organisation.membership_changed", actor=acting_user, obj=locked, old=old, new=status)
    return locked


def end_membership(org: Organisation, *, acting_user, note: str = "") -> Organisation:
    return set_membership(org, MembershipStatus.FORMER, acting_user=acting_user, note=note)


def renew_membership(org: Organisation, *, acting_user, note: str = "") -> Organisation:
    return set_membership(org, MembershipStatus.MEMBER, acting_user=acting_user, note=note)


@transaction.atomic
def upload_document(form, *, acting_user) -> NetworkDocument:
    """New statutes or internal rules: applications from now on refer to them."""
    document = form.save(commit=False)
    document.uploaded_by = acting_user
    document.save()
    audit.record("document.uploaded", actor=acting_user, obj=document, kind=document.kind)
    return document


# ---------------------------------------------------------------- people


def lock_coordinators(organisation_id: int) -> list[OrganisationMember]:
    """Lock every current coordinator row of the group (in one order, so two requests never
    wait on each other), before deciding anything about "never the last coordinator": a
    second request waits until the first commits and then counts what it left."""
    return list(
        OrganisationMember.objects.select_for_update()
        .filter(organisation_id=organisation_id, role=Role.COORDINATOR, left_at__isnull=True)
        .order_by("pk")
    )


def _is_last_coordinator(member: OrganisationMember, coordinators: list[OrganisationMember]) -> bool:
    return member.role == Role.COORDINATOR and all(c.pk == member.pk for c in coordinators)


@transaction.atomic
def change_role(member: OrganisationMember, role: str, *, acting_user) -> OrganisationMember:
    """Make a member coordinator, or a coordinator volunteer again (never the last one)."""
    if role not in Role.values:
        raise ServiceError(_("Choose coordinator or volunteer."))
    coordinators = lock_coordinators(member.organisation_id)
    member = OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=member.pk)
    if member.left_at is not None:
        raise ServiceError(_("This person is no longer part of the group."))
    if role == Role.VOLUNTEER and _is_last_coordinator(member, coordinators):
        raise ServiceError(_("A group needs at least one coordinator. Make someone else coordinator first."))
    if member.role != role:
        old, member.role = member.role, role
        member.save(update_fields=["role"])
        audit.record("member.role_changed", actor=acting_user, obj=member, old=old, new=role)
    return member


@transaction.atomic
def leave_group(member: OrganisationMember, *, acting_user) -> None:
    coordinators = lock_coordinators(member.organisation_id)
    member = OrganisationMember.objects.select_for_update().get(pk=member.pk)
    if member.left_at is not None:
        return
    if _is_last_coordinator(member, coordinators):
        raise ServiceError(_("A group needs at least one coordinator. Invite another coordinator first."))
    member.left_at = timezone.now()
    member.save(update_fields=["left_at"])
    invalidate_figures()
    audit.record("member.removed", actor=acting_user, obj=member, had_role=member.role)
