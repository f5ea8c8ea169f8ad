"""The demo data commands create accounts with a published password: outside development
they refuse, with a clear message, and change nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from organisations.models import Organisation


@pytest.mark.parametrize("command", ["seed_demo", "seed_toolkit", "seed_volunteers", "seed_signals"])
def test_a_demo_command_refuses_to_run_when_debug_is_off(db, settings, command):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only in development"):
        call_command(command, stdout=io.StringIO())
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_the_demo_runs_in_development(db, development):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "gastvrij-demo" in out.getvalue() and Organisation.objects.count() == 18
