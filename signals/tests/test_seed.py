"""The demo data: signals at every step, a dossier sent, answered and published; idempotent."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from signals.models import Addressee, Dossier, Signal, SignalStatus


def test_seed_signals_loads_every_step_once(db, development):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_signals", stdout=io.StringIO())
    statuses = set(Signal.objects.values_list("status", flat=True))
    assert {SignalStatus.DRAFT, SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER} <= statuses
    dossier = Dossier.objects.get()
    assert dossier.published_at is not None
    assert set(Addressee.objects.values_list("status", flat=True)) == {"answered", "sent"}
    # The demo policy recipient reads its dossier with its account.
    addressee = Addressee.objects.get(channel="account")
    assert addressee.recipient is not None and addressee.recipient.is_policy_recipient
    client = Client()
    client.force_login(addressee.recipient)
    assert client.get(f"/beleid/mijn-dossiers/{dossier.pk}/").status_code == 200
    assert all(s.description.startswith("[demo]") for s in Signal.objects.all())
    count = Signal.objects.count()
    out = io.StringIO()
    call_command("seed_signals", stdout=out)
    assert "already loaded" in out.getvalue() and Signal.objects.count() == count
