"""The network map at an earlier date (issue 11): snapshots on every change of the map,
the map of a day rebuilt for the reader, what changed since, consent and audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from families import map_history, services
from families.models import Actor, ConsentHow, MapSnapshot
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db


def _actor(trajectory, name: str) -> Actor:
    """An actor by name (names are encrypted: found in Python)."""
    return next(a for a in Actor.objects.filter(trajectory=trajectory) if a.name == name)


def _age(trajectory, days: int) -> None:
    """Move every snapshot of the family ``days`` back in time (as if made then)."""
    for snapshot in MapSnapshot.objects.filter(trajectory=trajectory):
        MapSnapshot.objects.filter(pk=snapshot.pk).update(taken_at=snapshot.taken_at - timedelta(days=days))


def test_every_change_of_the_map_adds_a_snapshot_and_the_first_records_every_domain(people):
    family = make_family(people.group_a, people.coordinator)
    # The factory saved housing (the first change: every domain then) and added an actor.
    assert list(MapSnapshot.objects.filter(trajectory=family).values_list("domain", flat=True)) == [
        "housing",
        "housing",
    ]
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="Werkt halftijds")
    services.add_own_domain(family, "Moskee", acting_user=people.coordinator)
    actor = _actor(family, "SVK")
    services.remove_actor(actor, acting_user=people.coordinator)
    assert MapSnapshot.objects.filter(trajectory=family).count() == 5
    latest = MapSnapshot.objects.filter(trajectory=family, domain="housing").latest("pk")
    assert latest.payload["actors"] == [] and latest.payload["goes_well"] == "Een dak"


def test_the_map_page_shows_an_earlier_day_and_what_changed_since(people):
    family = make_family(people.group_a, people.coordinator)
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="Zoekt werk")
    services.add_actor(
        family,
        "work",
        acting_user=people.coordinator,
        kind="informal",
        name="Buurman Jef",
        support="company",
        quality="good",
    )
    _age(family, 10)
    earlier_day = timezone.localdate() - timedelta(days=10)
    svk = _actor(family, "SVK")
    services.remove_actor(svk, acting_user=people.coordinator)
    services.add_actor(
        family,
        "housing",
        acting_user=people.coordinator,
        kind="formal",
        name="OCMW",
        support="practical",
        quality="difficult",
    )
    Actor.objects.filter(pk=_actor(family, "Buurman Jef").pk).update(quality="broken")
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="Werkt halftijds")

    client = people.client("coordinator")
    page = client.get(f"/gezinnen/{family.pk}/netwerkkaart/?compare={earlier_day.isoformat()}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="ecomap-earlier-title"' in html and 'id="ecomap-title"' in html
    assert "app-map-changes" in html
    rows = _changes_text(page)
    assert "SVK" in rows["housing"] and "OCMW" in rows["housing"]
    assert "Zoekt werk" in rows["work"]  # the earlier assessment is shown
    assert "Buurman Jef" in rows["work"]  # the contact quality changed
    assert AuditEvent.objects.filter(
        action="family.read", part="map", actor=people.coordinator, details__history=earlier_day.isoformat()
    ).exists()


def _changes_text(page) -> dict[str, str]:
    """The change list per domain label, by the domain's code."""
    out = {}
    for row in page.context["earlier"]["changed"]:
        out[row["code"]] = " ".join(str(line) for line in row["lines"])
    return out


def test_the_changes_are_written_out(people):
    family = make_family(people.group_a, people.coordinator)
    earlier = map_history.domains_on(family, people.coordinator, timezone.localdate())["housing"]
    actor = Actor(pk=999, kind="informal", name="Tante", support="company", quality="good")
    svk = _actor(family, "SVK")
    svk.quality = "broken"
    entry = family.domains.get(domain="housing")
    entry.skipped = True
    lines = map_history.changes(earlier, entry, [svk, actor])
    assert "Not skipped then." in lines
    assert "Added: Tante." in lines
    assert "Contact with SVK: good then, broken now." in lines
    assert map_history.changes(None, entry, []) == ["Not on the map then: added since."]
    assert map_history.changes(earlier, entry, [svk])[-1] != "Removed: SVK."


def test_history_follows_the_consent_for_some_domains(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=())
    services.give_consent(
        family,
        acting_user=people.coordinator,
        receiver=people.volunteer,
        part="map",
        domain="work",
        how=ConsentHow.SPOKEN,
        given_by="Amal",
    )
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="Zoekt werk")
    _age(family, 3)
    day = timezone.localdate() - timedelta(days=3)
    services.save_domain(family, "housing", acting_user=people.coordinator, goes_well="Geheim nieuw")
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="Werkt")

    assert map_history.days(family, people.volunteer) == [timezone.localdate(), day]
    assert set(map_history.domains_on(family, people.volunteer, day)) == {"work"}
    page = people.client("volunteer").get(f"/gezinnen/{family.pk}/netwerkkaart/?compare={day.isoformat()}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Een dak" not in html and "Geheim nieuw" not in html and "SVK" not in html
    assert "Zoekt werk" in html


def test_a_day_without_a_change_is_refused_with_a_message(people):
    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    for value in ("1999-01-01", "nonsense", "", "2026-13-45"):
        page = client.get(f"/gezinnen/{family.pk}/netwerkkaart/?compare={value}")
        assert page.status_code == 200
        assert "earlier" not in page.context
        assert page.context["compare_form"].errors


def test_a_family_without_history_shows_no_comparison(people):
    family = make_family(people.group_a, people.coordinator)
    MapSnapshot.objects.filter(trajectory=family).delete()
    page = people.client("coordinator").get(f"/gezinnen/{family.pk}/netwerkkaart/")
    assert page.context["compare_form"] is None
