"""Who may read and keep the social map. Deny by default; 404 for missing and hidden alike.

- Everyone reads published services (their public entry).
- Members with rights (of a group that is a member of the network), editors and the
  secretariat also read the practice notes and contact persons, propose services and changes,
  and add notes.
- Editors and the secretariat publish or decline proposals.
"""

from __future__ import annotations

from django.http import Http404

from core.access import Policy
from toolkit.access import edits_toolkit, reads_members_only

from .models import ImportJob, Service, ServiceChange


def reads_members_layer(user) -> bool:
    """Named check: the user sees the members' layer (practice notes, contact persons)."""
    return reads_members_only(user)


def edits_socialmap(user) -> bool:
    """Named check: the user reviews the social map (the Toolkit's editors and the secretariat)."""
    return edits_toolkit(user)


MEMBER = Policy("social map member", reads_members_layer)
EDITOR = Policy("social map editor", edits_socialmap)


def get_service_for(user, pk: int) -> Service:
    """A service the user may see; 404 for a missing one and a hidden one alike."""
    service = (
        Service.objects.visible_to(user)
        .select_related("organization", "location__municipality")
        .prefetch_related("areas")
        .filter(pk=pk)
        .first()
    )
    if service is None:
        raise Http404
    return service


def get_change_for(user, pk: int) -> ServiceChange:
    """A proposed change, for the editors; 404 for anyone else."""
    change = ServiceChange.objects.select_related("service", "author").filter(pk=pk).first()
    if change is None or not edits_socialmap(user):
        raise Http404
    return change


def get_import_job_for(user, pk: int) -> ImportJob:
    """An import job, for the editors and the secretariat (any of them: imports are the
    network's business); 404 for anyone else and for a missing one. The file's bytes are
    not loaded."""
    job = ImportJob.objects.select_related("user").defer("data").filter(pk=pk).first()
    if job is None or not edits_socialmap(user):
        raise Http404
    return job
