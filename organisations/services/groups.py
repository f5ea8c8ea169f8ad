"""A member group's own record: its name and place, its profile, its membership of the
network, and the roles of its people."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.errors import ServiceError

from ..models import MembershipEvent, MembershipStatus, Organisation, OrganisationMember, Role
from .figures import invalidate_figures


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
    return org


@transaction.atomic
def end_membership(org: Organisation, *, acting_user, note: str = "") -> None:
    if org.status != MembershipStatus.MEMBER:
        raise ServiceError(_("This group is not a member now."))
    org.status = MembershipStatus.FORMER
    org.save(update_fields=["status", "updated_at"])
    invalidate_figures()
    MembershipEvent.objects.create(organisation=org, status=MembershipStatus.FORMER, note=note, recorded_by=acting_user)


@transaction.atomic
def renew_membership(org: Organisation, *, acting_user, note: str = "") -> None:
    if org.status == MembershipStatus.MEMBER:
        raise ServiceError(_("This group is already a member."))
    org.status = MembershipStatus.MEMBER
    org.save(update_fields=["status", "updated_at"])
    invalidate_figures()
    MembershipEvent.objects.create(organisation=org, status=MembershipStatus.MEMBER, note=note, recorded_by=acting_user)


def _is_last_coordinator(member: OrganisationMember) -> bool:
    return (
        member.role == Role.COORDINATOR
        and not member.organisation.people.filter(role=Role.COORDINATOR, left_at__isnull=True)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def change_role(member: OrganisationMember, role: str, *, acting_user) -> OrganisationMember:
    """Make a member coordinator, or a coordinator volunteer again (never the last one)."""
    if role not in Role.values:
        raise ServiceError(_("Choose coordinator or volunteer."))
    member = OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=member.pk)
    if role == Role.VOLUNTEER and _is_last_coordinator(member):
        raise ServiceError(_("A group needs at least one coordinator. Make someone else coordinator first."))
    if member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def leave_group(member: OrganisationMember, *, acting_user) -> None:
    if _is_last_coordinator(member):
        raise ServiceError(_("A group needs at least one coordinator. Invite another coordinator first."))
    member.left_at = timezone.now()
    invalidate_figures()
    member.save(update_fields=["left_at"])
