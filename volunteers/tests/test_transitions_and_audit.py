"""The engagement's and the vacancy's status tables, and the audit rows of the volunteers'
writes."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from core.transitions import TransitionError
from volunteers import coordination, services
from volunteers.models import Engagement, Status, StopReason
from volunteers.tests.factories_group import make_engagement, make_vacancy


@pytest.mark.parametrize(("old", "new", "allowed"), list(services.ENGAGEMENT.moves()))
def test_an_engagement_moves_along_its_table(people, old, new, allowed):
    engagement = make_engagement(people.group_a, status=old)
    reason = StopReason.MOVED if new == Status.STOPPED else ""
    if allowed:
        services.move(engagement, new, acting_user=people.coordinator, reason=reason)
        stored = Engagement.objects.get(pk=engagement.pk)
        assert stored.status == new
        assert (stored.stop_reason, stored.stopped_at is not None) == (
            (reason, True) if new == Status.STOPPED else ("", False)
        )
        event = AuditEvent.objects.get(action="engagement.status_changed")
        assert event.details["old"] == old and event.details["new"] == new
        assert event.organisation_id == people.group_a.pk and event.actor_role == "coordinator"
    else:
        with pytest.raises(TransitionError):
            services.move(engagement, new, acting_user=people.coordinator, reason=reason)
        assert Engagement.objects.get(pk=engagement.pk).status == old
        assert not AuditEvent.objects.exists()


def test_the_flow_of_a_lead_to_an_active_volunteer(people):
    """Lead → intake → invited → active: never from a lead straight to active."""
    engagement = make_engagement(people.group_a)
    with pytest.raises(TransitionError, match="cannot be set to"):
        services.move(engagement, Status.ACTIVE)
    coordination.record_intake(engagement, acting_user=people.coordinator, held_on=engagement.created_at.date())
    coordination.make_volunteer(engagement, acting_user=people.coordinator)
    engagement.refresh_from_db()
    assert engagement.status == Status.INVITED and engagement.activated_at is None
    assert list(engagement.history.values_list("status", flat=True)) == ["lead", "intake", "invited"]


def test_stopping_needs_a_reason(people):
    engagement = make_engagement(people.group_a, status=Status.ACTIVE)
    with pytest.raises(services.ServiceError, match="why the volunteer stops"):
        services.move(engagement, Status.STOPPED)


def test_a_vacancy_is_closed_once(people):
    assert coordination.VACANCY.allowed("open") == {"closed"} and coordination.VACANCY.allowed("closed") == set()
    vacancy = make_vacancy(people.group_a)
    coordination.close_vacancy(vacancy, acting_user=people.coordinator)
    with pytest.raises(TransitionError, match="already closed"):
        coordination.close_vacancy(vacancy, acting_user=people.coordinator)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["vacancy.closed"]


def test_the_coordinators_work_is_recorded_for_the_group(people, client):
    client.force_login(people.coordinator)
    lead = make_engagement(people.group_a)
    url = f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/"
    client.post(url, {"action": "contacted", "contacted-note": ""})
    client.post(url, {"action": "intake", "intake-held_on": "2026-01-05", "intake-notes": "Heel gemotiveerd."})
    client.post(url, {"action": "status", "status-status": "stopped", "status-reason": "work"})
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "engagement.contacted",
        "engagement.intake_recorded",
        "engagement.status_changed",
        "engagement.status_changed",
    ]
    assert AuditEvent.objects.filter(organisation_id=people.group_a.pk, network=False).count() == 4
    assert "Heel gemotiveerd" not in str(list(AuditEvent.objects.values_list("details", flat=True)))
    stop = AuditEvent.objects.order_by("pk").last()
    assert stop.details == {"old": "intake", "new": "stopped", "reason": "work"}


def test_a_persons_own_changes_are_recorded_as_theirs(people, client):
    lead = make_engagement(people.group_a)
    services.withdraw(lead)
    rows = list(AuditEvent.objects.order_by("pk").values_list("action", "actor_id", "actor_role"))
    assert rows == [
        ("engagement.withdrawn", None, "person"),
        ("engagement.status_changed", None, "person"),
    ]
