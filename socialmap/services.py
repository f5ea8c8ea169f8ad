"""Writes of the social map: proposing, publishing and declining services and changes,
verifying, the service's own update link, notes and contact persons. Atomic, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.errors import ServiceError
from core.transitions import Transitions
from places.models import Municipality, PostalCode

from .models import (
    ChangeSource,
    ContactPerson,
    EntryStatus,
    Location,
    Organization,
    PracticeNote,
    Service,
    ServiceChange,
    hash_token,
)
from .search import index_services

# A new entry and a change alike: proposed until an editor publishes or declines it.
ENTRY = Transitions(
    EntryStatus,
    {EntryStatus.PROPOSED: {EntryStatus.PUBLISHED, EntryStatus.DECLINED}},
    refused=gettext_lazy("This proposal has already been handled."),
)

# The public fields of a service a change may carry (what the update link and members edit).
PUBLIC_FIELDS = (
    "name",
    "description",
    "domains",
    "languages",
    "no_papers_needed",
    "anonymous_access",
    "welcome_text",
    "appointment",
    "referral_needed",
    "cost",
    "wheelchair",
    "hours",
    "phone",
    "email",
    "website",
    "notice",
)


def place(location: Location) -> Location:
    """Give a location its coordinate: its postcode's when known, else its municipality's."""
    point = None
    if location.postcode:
        point = (
            PostalCode.objects.filter(
                code=location.postcode, municipality=location.municipality_id, latitude__isnull=False
            )
            .values_list("latitude", "longitude")
            .first()
        )
    if point is None:
        point = Municipality.objects.filter(pk=location.municipality_id).values_list("latitude", "longitude").first()
    location.latitude, location.longitude = point or (None, None)
    return location


@transaction.atomic
def save_entry(
    *,
    organization: Organization,
    location: Location | None,
    service: Service,
    areas: list[Municipality],
    proposed_by=None,
    publish: bool = False,
    actor_role: str = "",
    audit_each: bool = True,
    index: bool = True,
) -> Service:
    """Create a service (with its organisation and location when new). Proposed, unless
    ``publish`` (imports and demo data, by editors or the platform)."""
    if organization.pk is None:
        organization.save()
    if location is not None:
        location.organization = organization
        place(location)
        location.save()
    service.organization, service.location = organization, location
    service.latitude = location.latitude if location else None
    service.longitude = location.longitude if location else None
    service.has_area = bool(areas)
    service.proposed_by = proposed_by
    if publish:
        service.status, service.decided_at, service.decided_by = EntryStatus.PUBLISHED, timezone.now(), proposed_by
        service.verified_at = service.verified_at or timezone.now()
    service.save()
    service.areas.set(areas)
    if index:  # a bulk import indexes its rows at the end (importer.py)
        index_services([service.pk])
    if not audit_each:  # a bulk import records one row for all (importer.py)
        return service
    audit.record(
        "socialmap.service_published" if publish else "socialmap.service_proposed",
        actor=proposed_by,
        obj=service,
        actor_role=actor_role,
    )
    return service


def _locked(model, pk: int):
    fresh = model.objects.select_for_update().get(pk=pk)
    if fresh.status != EntryStatus.PROPOSED:
        ENTRY.check(fresh.status, EntryStatus.PUBLISHED)  # refused, with the table's message
    return fresh


def _decide(obj, status: str, *, editor, note: str) -> None:
    """The one place an entry's or a change's status changes (checked against ``ENTRY``)."""
    ENTRY.check(obj.status, status)
    obj.status, obj.decided_by, obj.decided_at = status, editor, timezone.now()
    obj.decision_note = note.strip()[:500]
    obj.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def publish_service(service: Service, *, editor, note: str = "") -> Service:
    service = _locked(Service, service.pk)
    _decide(service, EntryStatus.PUBLISHED, editor=editor, note=note)
    service.verified_at, service.verified_by = timezone.now(), editor.full_name
    service.save(update_fields=["verified_at", "verified_by"])
    audit.record("socialmap.service_published", actor=editor, obj=service)
    return service


@transaction.atomic
def decline_service(service: Service, *, editor, note: str = "") -> Service:
    service = _locked(Service, service.pk)
    _decide(service, EntryStatus.DECLINED, editor=editor, note=note)
    audit.record("socialmap.service_declined", actor=editor, obj=service)
    return service


def public_values(service: Service) -> dict[str, Any]:
    return {name: getattr(service, name) for name in PUBLIC_FIELDS}


@transaction.atomic
def propose_change(service: Service, data: dict[str, Any], *, author=None, message: str = "") -> ServiceChange:
    """A change to a published service's public entry, for the editors to review. Only the
    fields that differ are kept; nothing changed is refused."""
    if service.status != EntryStatus.PUBLISHED:
        raise ServiceError(_("Only a published service can be changed."))
    current = public_values(service)
    changed = {k: v for k, v in data.items() if k in PUBLIC_FIELDS and v != current[k]}
    if not changed:
        raise ServiceError(_("You have not changed anything yet."))
    change = ServiceChange.objects.create(
        service=service,
        data=changed,
        message=message.strip()[:300],
        source=ChangeSource.MEMBER if author is not None else ChangeSource.SERVICE,
        author=author,
    )
    audit.record(
        "socialmap.change_proposed",
        actor=author,
        obj=change,
        actor_role="" if author is not None else "service",
        service=service.pk,
        fields=sorted(changed),
    )
    return change


@transaction.atomic
def publish_change(change: ServiceChange, *, editor, note: str = "") -> Service:
    """Apply a change to its service (the editor has seen it): the entry counts as verified."""
    change = _locked(ServiceChange, change.pk)
    service = Service.objects.select_for_update().get(pk=change.service_id)
    fields = [name for name in change.data if name in PUBLIC_FIELDS]
    for name in fields:
        setattr(service, name, change.data[name])
    service.updated_at = timezone.now()
    service.verified_at = timezone.now()
    service.verified_by = _("the service itself") if change.source == ChangeSource.SERVICE else editor.full_name
    service.full_clean(exclude=["organization", "location"], validate_unique=False, validate_constraints=False)
    service.save(update_fields=[*fields, "updated_at", "verified_at", "verified_by"])
    index_services([service.pk])
    _decide(change, EntryStatus.PUBLISHED, editor=editor, note=note)
    audit.record("socialmap.change_published", actor=editor, obj=change, service=service.pk, fields=sorted(fields))
    return service


@transaction.atomic
def decline_change(change: ServiceChange, *, editor, note: str = "") -> ServiceChange:
    change = _locked(ServiceChange, change.pk)
    _decide(change, EntryStatus.DECLINED, editor=editor, note=note)
    audit.record("socialmap.change_declined", actor=editor, obj=change, service=change.service_id)
    return change


@transaction.atomic
def mark_verified(service: Service, *, editor) -> Service:
    service.verified_at, service.verified_by = timezone.now(), editor.full_name
    service.save(update_fields=["verified_at", "verified_by"])
    audit.record("socialmap.service_verified", actor=editor, obj=service)
    return service


# ---------------------------------------------------------------- the service's own link


@transaction.atomic
def make_link(service: Service, *, editor) -> str:
    """A new update link for the service (the old one stops working); the token is shown
    once to the editor, who passes it on. Only its hash is stored."""
    if service.status != EntryStatus.PUBLISHED:
        raise ServiceError(_("Only a published service can get an update link."))
    token = service.new_link()
    service.save(update_fields=["link_hash", "link_expires_at"])
    audit.record("socialmap.link_made", actor=editor, obj=service)
    return token


def service_for_link(token: str) -> Service | None:
    """The published service whose link this is, while it is valid; None otherwise."""
    if not token or len(token) > 100:
        return None
    service = Service.objects.published().filter(link_hash=hash_token(token)).first()
    if service is None or service.link_expires_at is None or service.link_expires_at < timezone.now():
        return None
    return service


# ---------------------------------------------------------------- the members' layer


@transaction.atomic
def add_note(service: Service, *, author, text: str) -> PracticeNote:
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the note first."))
    note = PracticeNote.objects.create(service=service, author=author, text=text)
    audit.record("socialmap.note_added", actor=author, obj=note, service=service.pk)
    return note


@transaction.atomic
def add_contact(
    service: Service, *, added_by, name: str, role: str = "", phone: str = "", email: str = ""
) -> ContactPerson:
    contact = ContactPerson.objects.create(
        service=service, added_by=added_by, name=name.strip(), role=role.strip(), phone=phone.strip(), email=email
    )
    audit.record("socialmap.contact_added", actor=added_by, obj=contact, service=service.pk)
    return contact
