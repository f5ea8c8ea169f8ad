"""Reminders: late steps, quiet families, unshared reports; links only, to the bridge
figure (or the coordinators) and the volunteers who may read the part."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from families import reminders
from families.meeting_models import Meeting
from families.models import Contact, Step, Trajectory
from families.tests.factories import make_family, make_meeting

pytestmark = pytest.mark.django_db


def test_nothing_due_for_a_fresh_family(people):
    make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    assert reminders.collect() == {}


def test_late_steps_quiet_family_and_unshared_report(people, committed):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    meeting = make_meeting(family, people.coordinator)
    today = timezone.localdate()
    Step.objects.filter(goal__trajectory=family).update(deadline=today - timedelta(days=1))
    Trajectory.objects.filter(pk=family.pk).update(created_at=timezone.now() - timedelta(days=60))
    Contact.objects.filter(trajectory=family).update(on=today - timedelta(days=20))
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=8))
    due = reminders.collect()
    kinds = {user.email: {kind for kind, _link in items} for user, items in due.items()}
    assert kinds[people.coordinator.email] == {"steps", "contact", "report"}
    assert kinds[people.volunteer.email] == {"steps", "contact"}
    mail.outbox.clear()
    with committed():
        call_command("families_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Familie Amal" not in message.body and "SVK bellen" not in message.body
        assert f"/gezinnen/{family.pk}/" in message.body
    # Done steps, a recent contact and a shared report: nothing left.
    Step.objects.update(done_at=timezone.now())
    Contact.objects.update(on=today)
    Meeting.objects.update(report_shared_at=timezone.now())
    assert reminders.collect() == {}
