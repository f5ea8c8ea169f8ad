from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from referrals.models import Referral


def test_seed_referrals_refuses_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only in development"):
        call_command("seed_referrals", stdout=io.StringIO())


def test_seed_referrals_loads_demo_referrals_once(db, development):
    for command in ("seed_demo", "seed_families", "seed_socialmap", "seed_referrals", "seed_referrals"):
        call_command(command, stdout=io.StringIO())
    referrals = list(Referral.objects.all())
    assert referrals and all(r.trajectory.demo for r in referrals)
    assert {r.status for r in referrals} <= {"done", "refused"}
