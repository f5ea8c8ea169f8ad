"""Who may see volunteers' details. Deny by default; 404 for missing and not-yours alike.

- A group's coordinators see the group's engagements, vacancies being edited, and its
  interpreters; a volunteer of the group, or a person of a group that left the network,
  gets 403; anyone else 404.
- The secretariat sees the group's vacancies and figures, and of its people only the
  leads waiting 14 days that agreed to be passed on (``Engagement.objects.visible_to``).
- A coordinator never sees another group's leads: every lookup goes through
  ``Engagement.objects.visible_to(user)`` and the group in the URL.
- The person themselves reaches their data through the secret link or their account.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations.access import belongs_to, coordinates
from organisations.models import Organisation

from .models import Engagement, Vacancy


def get_group_for(user, slug: str, *, people: bool = False) -> Organisation:
    """The group whose volunteers the user manages: 403 for its own volunteers (and people
    of a group that left the network), 404 otherwise. ``people``: a page that lists
    individuals outside the leads (interpreters), which the secretariat does not see
    (decision 0010: figures only) unless it coordinates the group itself."""
    org = Organisation.objects.select_related("municipality").filter(slug=slug).first()
    if org is None:
        raise Http404
    if coordinates(user, org):
        if people and org.pk not in user.coordinated_organisation_ids():
            raise PermissionDenied
        return org
    if belongs_to(user, org):
        raise PermissionDenied
    raise Http404


def get_engagement_for(user, org: Organisation, pk: int) -> Engagement:
    engagement = (
        Engagement.objects.visible_to(user)
        .select_related("volunteer__municipality", "organisation", "vacancy")
        .filter(organisation=org, pk=pk)
        .first()
    )
    if engagement is None:
        raise Http404
    return engagement


def get_vacancy_for(user, org: Organisation, pk: int) -> Vacancy:
    vacancy = Vacancy.objects.select_related("activity", "municipality").filter(organisation=org, pk=pk).first()
    if vacancy is None or not coordinates(user, org):
        raise Http404
    return vacancy
