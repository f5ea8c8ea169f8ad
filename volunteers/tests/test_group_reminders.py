"""The daily reminders: coordinators (leads waiting 7+ days, follow-ups due) and the
secretariat (leads waiting 14+ days). E-mails carry links, never names."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from core.tests.factories import UserFactory
from organisations.models import OrganisationMember, Role
from volunteers import coordination
from volunteers.models import FollowUp, Status
from volunteers.tests.factories_group import make_engagement


@pytest.fixture(autouse=True)
def _english(people):
    """Reminders go out in each person's own language; these tests read English."""
    User.objects.update(preferred_language="en")


def test_reminders_are_in_the_coordinators_language(people, committed):
    people.coordinator.preferred_language = "nl"
    people.coordinator.save(update_fields=["preferred_language"])
    make_engagement(people.group_a, days_ago=8)
    with committed():
        coordination.send_reminders()
    [message] = sent_to(people.coordinator.email)
    assert "geen antwoord" in message.body


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_coordinators_hear_about_waiting_leads_with_a_link_only(people, committed):
    second = UserFactory(full_name="Tweede Coördinator", preferred_language="en")
    OrganisationMember.objects.create(organisation=people.group_a, user=second, role=Role.COORDINATOR)
    make_engagement(people.group_a, full_name="Wachtende Wendy", email="wendy@example.org", days_ago=8)
    make_engagement(people.group_a, full_name="Verse Fien", days_ago=2)
    with committed():
        out = StringIO()
        call_command("volunteer_reminders", stdout=out)
    assert "2 e-mail(s) to the coordinators of 1 group(s)" in out.getvalue()
    for coordinator in (people.coordinator, second):
        [message] = sent_to(coordinator.email)
        assert f"{settings.SITE_URL}/groepen/{people.group_a.slug}/vrijwilligers/" in message.body
        assert "Wachtende Wendy" not in message.body and "wendy@example.org" not in message.body
        assert "1 person" in message.body
    assert not sent_to(people.outsider_coordinator.email)
    assert not sent_to(people.secretariat.email)  # 8 days: not yet the secretariat's concern


def test_due_follow_ups_are_reminded_once(people, committed):
    item = make_engagement(people.group_a, full_name="Opvolg Olivia", status=Status.ACTIVE)
    today = timezone.localdate()
    due = FollowUp.objects.create(engagement=item, planned_for=today)
    overdue = FollowUp.objects.create(engagement=item, planned_for=today - timedelta(days=3))
    FollowUp.objects.create(engagement=item, planned_for=today + timedelta(days=3))
    FollowUp.objects.create(engagement=item, planned_for=today - timedelta(days=5), done_on=today)
    with committed():
        result = coordination.send_reminders()
    assert result.groups == 1 and result.emails == 1
    [message] = sent_to(people.coordinator.email)
    assert "2 follow-up conversations are due" in message.body and "Opvolg Olivia" not in message.body
    due.refresh_from_db()
    overdue.refresh_from_db()
    assert due.reminded_at is not None and overdue.reminded_at is not None
    assert FollowUp.objects.filter(reminded_at__isnull=True).count() == 2

    mail.outbox.clear()
    with committed():
        result = coordination.send_reminders()
    assert result.emails == 0 and mail.outbox == []


def test_stopped_withdrawn_and_contacted_are_not_reminded(people, committed):
    stopped = make_engagement(people.group_a, status=Status.STOPPED)
    FollowUp.objects.create(engagement=stopped, planned_for=timezone.localdate())
    contacted = make_engagement(people.group_a, days_ago=20)
    contacted.contacted_at = timezone.now()
    contacted.save(update_fields=["contacted_at"])
    with committed():
        assert coordination.send_reminders().emails == 0
    assert mail.outbox == []


def test_secretariat_hears_how_many_leads_wait_fourteen_days(people, committed):
    make_engagement(people.group_a, full_name="Lang Wachtende Lies", days_ago=15)
    make_engagement(people.group_b, full_name="Ook Wachtende Omar", days_ago=20)
    make_engagement(people.group_b, days_ago=9)
    with committed():
        result = coordination.send_reminders()
    assert result.secretariat == 1 and result.groups == 2
    [message] = sent_to(people.secretariat.email)
    assert f"{settings.SITE_URL}/secretariaat/vrijwilligers/wachtend/" in message.body
    assert "2 people" in message.body
    assert "Lies" not in message.body and "Omar" not in message.body
    [for_b] = sent_to(people.outsider_coordinator.email)
    assert "2 people" in for_b.body


def test_nothing_waiting_sends_nothing(people, committed):
    make_engagement(people.group_a, days_ago=1)
    with committed():
        result = coordination.send_reminders()
    assert (result.groups, result.emails, result.secretariat) == (0, 0, 0)
    assert mail.outbox == []
