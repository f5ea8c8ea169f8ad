"""Leads nobody answered (wachtende aanmeldingen): what the secretariat sees and does.

After 14 days without contact the secretariat may pass the person on to another group,
but only when the person agreed to that when signing up (``allow_pass_on``). Without
that consent it can only e-mail the person a fresh link, with which they choose another
group themselves. The e-mails carry links, never the person's details.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.errors import ServiceError
from organisations.models import MembershipStatus, Organisation
from places.services import Point

from . import matching, services
from .models import SECRETARIAT_DAYS, Engagement

WAITING_DAYS = SECRETARIAT_DAYS
SUGGESTIONS = 5


def waiting_leads() -> QuerySet[Engagement]:
    """Leads unanswered for 14 days or more across the network, longest waiting first."""
    return (
        Engagement.objects.unanswered_since(WAITING_DAYS)
        .select_related("volunteer__municipality", "organisation")
        .order_by("created_at", "pk")
    )


@dataclass
class Suggestion:
    organisation: Organisation
    distance_km: float | None


def suggest_groups(engagements: list[Engagement]) -> dict[int, list[Suggestion]]:
    """{engagement id: the member groups nearest to the person}, leaving out the groups the
    person is already with. The nearest come from the matching's in-memory index; two
    queries whatever the number of leads (the person's groups, the suggested groups)."""
    if not engagements:
        return {}
    volunteer_ids = {e.volunteer_id for e in engagements}
    taken: dict[int, set[int]] = {}
    for volunteer_id, org_id in Engagement.objects.filter(volunteer_id__in=volunteer_ids).values_list(
        "volunteer_id", "organisation_id"
    ):
        taken.setdefault(volunteer_id, set()).add(org_id)
    idx = matching.index()
    nearest: dict[int, list[tuple[float | None, int]]] = {}
    by_name: list[int] | None = None
    for engagement in engagements:
        person = engagement.volunteer
        mine = taken.get(person.pk, set())
        if person.latitude is None or person.longitude is None:  # no postcode: groups by name
            if by_name is None:
                by_name = list(Organisation.objects.members().order_by("name").values_list("pk", flat=True)[:50])
            unknown: float | None = None
            nearest[engagement.pk] = [(unknown, pk) for pk in by_name if pk not in mine][:SUGGESTIONS]
            continue
        point = Point(person.latitude, person.longitude, "")
        found = [(km, c.pk) for c, km in idx.near(point, matching.WIDE_RADIUS_KM) if c.kind == "group"]
        nearest[engagement.pk] = [(km, pk) for km, pk in sorted(found) if pk not in mine][:SUGGESTIONS]
    wanted = {pk for rows in nearest.values() for _km, pk in rows}
    groups = Organisation.objects.members().only("pk", "name", "slug").in_bulk(wanted)
    return {
        engagement_pk: [Suggestion(groups[pk], None if km is None else round(km, 1)) for km, pk in rows if pk in groups]
        for engagement_pk, rows in nearest.items()
    }


def get_waiting_lead(pk: int) -> Engagement | None:
    """A lead still waiting (unanswered for 14 days, shared), or None."""
    return waiting_leads().filter(pk=pk).first()


@transaction.atomic
def pass_on(engagement: Engagement, organisation: Organisation, *, acting_user) -> Engagement:
    """Give a waiting lead to another group: a new lead there (its coordinators are told),
    and the old group no longer sees the person (``withdrawn_at``, ``passed_on_to``)."""
    engagement = Engagement.objects.select_for_update().select_related("volunteer").get(pk=engagement.pk)
    volunteer = engagement.volunteer
    if engagement.withdrawn_at is not None or engagement.contacted_at is not None:
        raise ServiceError(_("This lead is no longer waiting."))
    if not volunteer.allow_pass_on or volunteer.is_erased:
        raise ServiceError(_("This person did not agree to be passed on to another group."))
    if organisation.status != MembershipStatus.MEMBER:
        raise ServiceError(_("Choose a member group of the network."))
    if organisation.pk == engagement.organisation_id:
        raise ServiceError(_("Choose another group than the one the person is waiting for."))
    new = services._open_engagement(volunteer, organisation, None, acting_user=acting_user)
    if new is None:
        raise ServiceError(_("This person is already with that group."))
    engagement.passed_on_to = new
    engagement.withdrawn_at = timezone.now()
    engagement.save(update_fields=["passed_on_to", "withdrawn_at"])
    services.note_history(engagement, "passed on to another group", acting_user=acting_user)
    audit.record("engagement.passed_on", actor=acting_user, obj=engagement, to_group=organisation.pk)
    return new


@transaction.atomic
def ask_to_choose(engagement: Engagement, *, acting_user) -> None:
    """E-mail the person the link to their sign-up, to choose another group themselves
    (the secretariat never sees the details of a person who did not agree to that)."""
    if not engagement.volunteer.email:
        raise ServiceError(_("This person left no e-mail address."))
    services.send_manage_link(engagement.volunteer)
    audit.record("engagement.asked_to_choose", actor=acting_user, obj=engagement)
