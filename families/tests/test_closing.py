"""The closing conversation records per domain what was reached and the family's advice,
closes the trajectory (the retention clock starts) and cannot be recorded twice."""

from __future__ import annotations

import pytest
from django.utils import timezone

from core.models import AuditEvent
from families.closing_models import ClosingConversation
from families.models import Trajectory
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db


def test_closing_conversation_closes_the_trajectory(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    url = f"/gezinnen/{family.pk}/afronding/"
    coordinator = people.client("coordinator")
    page = coordinator.get(url).content.decode()
    assert "reached_housing" in page
    assert people.client("volunteer").get(url).status_code == 403
    response = coordinator.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "reached_housing": "Een grotere woning gevonden",
            "advice": "Sneller bellen",
        },
    )
    assert response.status_code == 302
    family = Trajectory.objects.get(pk=family.pk)
    assert family.status == "closed" and family.closed_at is not None
    closing = ClosingConversation.objects.get()
    assert closing.reached == {"housing": "Een grotere woning gevonden"} and closing.advice == "Sneller bellen"
    assert AuditEvent.objects.filter(action="family.closing_recorded").exists()
    assert "Een grotere woning gevonden" in coordinator.get(url).content.decode()
    response = coordinator.post(url, {"held_on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert ClosingConversation.objects.count() == 1


def test_a_bad_date_keeps_what_was_typed(people):
    family = make_family(people.group_a, people.coordinator)
    response = people.client("coordinator").post(
        f"/gezinnen/{family.pk}/afronding/", {"held_on": "gisteren", "advice": "Mijn advies"}
    )
    assert response.status_code == 400
    assert "Mijn advies" in response.content.decode()
    assert Trajectory.objects.get(pk=family.pk).status == "open"


def test_the_subject_access_export_holds_meetings_guests_interpreting_and_closing(people):
    """The export for a subject-access request holds everything the platform keeps on the
    family, the parts added after the first version included."""
    from families import meetings
    from families.exports import everything
    from families.tests.factories import make_guest, make_meeting
    from interpreting.tests.factories import make_request

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    meeting = make_meeting(family, people.coordinator, place="Buurthuis De Kolk")
    item = meeting.items.first()
    assert item is not None
    meetings.save_report(
        meeting,
        acting_user=people.coordinator,
        version=meeting.report_version,
        texts={item.pk: {"said": "Besproken-R7", "decided": ""}},
    )
    make_guest(family, people.coordinator)
    make_request(family, people.coordinator, topic="Oudercontact-Q2")
    people.client("coordinator").post(
        f"/gezinnen/{family.pk}/afronding/",
        {"held_on": timezone.localdate().isoformat(), "advice": "Advies-K9"},
    )
    data = everything(Trajectory.objects.get(pk=family.pk))
    assert data["meetings"][0]["place"] == "Buurthuis De Kolk"
    assert data["meetings"][0]["report"][0]["said"] == "Besproken-R7"
    assert data["guest_professionals"][0]["profession"] == "Maatschappelijk werker, OCMW"
    assert data["interpreter_requests"][0]["topic"] == "Oudercontact-Q2"
    assert data["closing_conversation"]["advice"] == "Advies-K9"
