"""Network meetings: plan, invite (link + .ics, no family detail), attendance, the report
with decisions becoming steps, the edit conflict, sharing with consented participants."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ServiceError
from core.models import AuditEvent
from families import meetings
from families.meeting_models import AgendaItem, Invitee, Meeting
from families.models import Part, Step
from families.tests.factories import make_family, make_meeting

pytestmark = pytest.mark.django_db


def _future() -> dict:
    day = timezone.localdate() + timedelta(days=3)
    return {"on": day.isoformat(), "at": "14:30"}


def test_plan_invite_report_share(people, committed):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    coordinator = people.client("coordinator")
    t = f"/gezinnen/{family.pk}"
    response = coordinator.post(
        f"{t}/overleg/",
        {
            **_future(),
            "place": "Buurthuis De Kring",
            "domains": ["housing"],
            "volunteers": [people.volunteer.pk],
            "invite_family": "on",
            "family_email": "familie@example.org",
        },
    )
    assert response.status_code == 302, response.content
    meeting = Meeting.objects.get()
    item = meeting.items.get()
    assert item.goal == family.goals.get()  # the agenda: the open goal of housing
    actor = family.actors.get()
    m = f"{t}/overleg/{meeting.pk}/"
    assert coordinator.post(m, {"action": "invite", "actor": actor.pk, "email": "svk@example.org"}).status_code == 302
    # The same address twice: a clear refusal, nothing added.
    response = coordinator.post(m, {"action": "invite", "email": "SVK@example.org"})
    assert response.status_code == 400
    assert "already invited" in response.content.decode()
    assert meeting.invitees.count() == 3
    mail.outbox.clear()
    with committed():
        assert coordinator.post(m, {"action": "send"}).status_code == 302
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(a[1]) for a in message.attachments)
        assert "Familie Amal" not in text and "drie slaapkamers" not in text
        assert message.attachments[0][2] == "text/calendar"
        assert "BEGIN:VEVENT" in message.attachments[0][1]
    # Sending again sends nobody twice.
    mail.outbox.clear()
    with committed():
        coordinator.post(m, {"action": "send"})
    assert mail.outbox == []
    family_invitee = meeting.invitees.get(is_family=True)
    assert coordinator.post(m, {"action": "attendance", "present": [family_invitee.pk]}).status_code == 302
    assert Invitee.objects.get(pk=family_invitee.pk).attended is True
    # The volunteer with the family's consent for the plan sees the agenda, not the report yet.
    volunteer = people.client("volunteer")
    assert volunteer.get(m).status_code == 200
    assert volunteer.post(m, {"action": "send"}).status_code == 403
    assert volunteer.get(f"{m}verslag/").status_code == 403
    # The report: what was said and decided; the decision becomes a step with owner and deadline.
    deadline = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = coordinator.post(
        f"{m}verslag/",
        {
            "version": "0",
            f"said_{item.pk}": "Wachtlijst SVK is lang",
            f"decided_{item.pk}": "Inschrijven bij twee SVK's",
            f"step_{item.pk}": "Inschrijven SVK Noord",
            f"owner_{item.pk}": "Amal",
            f"deadline_{item.pk}": deadline,
        },
    )
    assert response.status_code == 302, response.content
    step = Step.objects.get(meeting=meeting)
    assert (step.text, step.owner, step.deadline.isoformat()) == ("Inschrijven SVK Noord", "Amal", deadline)
    assert AgendaItem.objects.get().decided == "Inschrijven bij twee SVK's"
    assert "Wachtlijst" not in volunteer.get(m).content.decode()
    mail.outbox.clear()
    with committed():
        assert coordinator.post(m, {"action": "share"}).status_code == 302
    assert [message.to for message in mail.outbox] == [[people.volunteer.email]]
    assert "Wachtlijst" in volunteer.get(m).content.decode()
    assert AuditEvent.objects.filter(action="family.report_shared").exists()
    assert AuditEvent.objects.filter(action="family.read", part="meeting").count() >= 4


def test_a_second_saver_gets_both_texts(people):
    family = make_family(people.group_a, people.coordinator)
    meeting = make_meeting(family, people.coordinator)
    item = meeting.items.get()
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/overleg/{meeting.pk}/verslag/"
    assert coordinator.post(url, {"version": "0", f"said_{item.pk}": "Eerste tekst"}).status_code == 302
    response = coordinator.post(url, {"version": "0", f"said_{item.pk}": "Tweede tekst"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Eerste tekst" in page and "Tweede tekst" in page
    assert AgendaItem.objects.get().said == "Eerste tekst"  # nothing overwritten
    # Saving the merged text again (the form now carries the newest version) works.
    assert coordinator.post(url, {"version": "1", f"said_{item.pk}": "Samen"}).status_code == 302
    assert AgendaItem.objects.get().said == "Samen"


def test_bad_input_is_refused_clearly(people):
    family = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = coordinator.post(f"/gezinnen/{family.pk}/overleg/", {"on": past, "at": "10:00", "place": "Thuis"})
    assert response.status_code == 400
    assert "past" in response.content.decode()
    response = coordinator.post(f"/gezinnen/{family.pk}/overleg/", {**_future()})
    assert response.status_code == 400
    assert "place or an online link" in response.content.decode()
    with pytest.raises(ServiceError):
        meetings.plan_meeting(
            family, acting_user=people.coordinator, starts_at=timezone.now() - timedelta(hours=1), place="x"
        )
    assert not Meeting.objects.exists()


def test_a_volunteer_without_plan_consent_and_other_families(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=(Part.MAP,))
    meeting = make_meeting(family, people.coordinator)
    volunteer = people.client("volunteer")
    assert volunteer.get(f"/gezinnen/{family.pk}/overleg/").status_code == 404
    assert volunteer.get(f"/gezinnen/{family.pk}/overleg/{meeting.pk}/agenda.ics").status_code == 404
    other = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    assert coordinator.get(f"/gezinnen/{other.pk}/overleg/{meeting.pk}/").status_code == 404
    response = coordinator.get(f"/gezinnen/{family.pk}/overleg/{meeting.pk}/agenda.ics")
    assert response["Content-Type"] == "text/calendar"
    assert "Familie" not in response.content.decode()


def test_interpreting_is_recorded_and_a_child_on_a_sensitive_topic_warns(people):
    family = make_family(people.group_a, people.coordinator)
    meeting = make_meeting(family, people.coordinator)
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/overleg/{meeting.pk}/"
    response = coordinator.post(
        url, {"action": "interpreting", "interpreting": "child", "sensitive_topic": "on"}, follow=True
    )
    assert "A child would interpret a sensitive topic" in response.content.decode()
    assert Meeting.objects.get().interpreting == "child"
    coordinator.post(
        url,
        {
            "action": "interpreting",
            "interpreting": "social",
            "interpreting_note": "Via het OCMW",
            "sensitive_topic": "on",
        },
    )
    page = coordinator.get(url).content.decode()
    assert "A child would interpret" not in page and "Via het OCMW" in page
    assert coordinator.post(url, {"action": "interpreting", "interpreting": "nonsense"}).status_code == 400
