from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from interpreting.models import InterpreterRequest


def test_seed_interpreting_refuses_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only in development"):
        call_command("seed_interpreting", stdout=io.StringIO())


def test_seed_interpreting_loads_one_accepted_and_one_open_request_once(db, development):
    for command in ("seed_demo", "seed_volunteers", "seed_families", "seed_interpreting", "seed_interpreting"):
        call_command(command, stdout=io.StringIO())
    requests = list(InterpreterRequest.objects.all())
    assert all(r.trajectory.demo for r in requests)
    assert sorted(r.status for r in requests) == ["accepted", "open"]
