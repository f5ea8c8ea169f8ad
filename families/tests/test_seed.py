from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from families.models import Goal, Trajectory


def test_seed_families_refuses_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only in development"):
        call_command("seed_families", stdout=io.StringIO())


def test_seed_families_loads_two_fictitious_families_once(db, development):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_families", stdout=io.StringIO())
    call_command("seed_families", stdout=io.StringIO())
    families = list(Trajectory.objects.all())
    assert len(families) == 2 and all(t.demo and "fictief" in t.pseudonym for t in families)
    assert len({t.organisation_id for t in families}) == 2
    assert Goal.objects.filter(reached_at__isnull=False).count() == 1


def test_seed_families_adds_one_meeting_with_a_shared_report(db, development):
    from families.meeting_models import Meeting
    from families.models import Step

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_families", stdout=io.StringIO())
    call_command("seed_families", stdout=io.StringIO())
    meeting = Meeting.objects.get()
    assert meeting.report_shared_at is not None and meeting.trajectory.demo
    assert Step.objects.filter(meeting=meeting).count() == 1
