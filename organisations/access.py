"""Who may see and change member groups. Deny by default; 404 for missing and not-yours alike."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.access import is_secretariat

from .models import MembershipApplication, Organisation, OrganisationMember


def coordinates(user, org: Organisation) -> bool:
    """Named check: the user coordinates this group (or is the secretariat)."""
    return bool(user.is_authenticated and (is_secretariat(user) or org.pk in user.coordinated_organisation_ids()))


def belongs_to(user, org: Organisation) -> bool:
    return bool(user.is_authenticated and org.pk in user.organisation_ids())


def get_organisation_for(user, slug: str, *, edit: bool = False) -> Organisation:
    """The group if the user may see it (404 otherwise); 403 if ``edit`` and the user may not change it."""
    org = (
        Organisation.objects.visible_to(user)
        .select_related("municipality__province", "postal_code")
        .filter(slug=slug)
        .first()
    )
    if org is None:
        raise Http404
    if edit and not coordinates(user, org):
        raise PermissionDenied
    return org


def get_member_for(user, org: Organisation, pk: int) -> OrganisationMember:
    if not coordinates(user, org):
        raise PermissionDenied
    member = org.people.select_related("user").filter(pk=pk, left_at__isnull=True).first()
    if member is None:
        raise Http404
    return member


def get_application_for(user, pk: int) -> MembershipApplication:
    """Applications are the secretariat's to review; for anyone else they do not exist."""
    if not is_secretariat(user):
        raise Http404
    application = MembershipApplication.objects.select_related("municipality", "postal_code").filter(pk=pk).first()
    if application is None:
        raise Http404
    return application
