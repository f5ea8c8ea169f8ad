"""Query counts stay constant whatever the size of a family's record, and the audit rows of
a family cannot be changed or deleted."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from core.models import AuditEvent
from families import services
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db

PAGES = ["", "netwerkkaart/", "handelingsplan/", "contacten/", "gezinsleden/", "team/", "toestemming/", "logboek/"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(family, coordinator, n: int) -> None:
    for i in range(n):
        domain = ["work", "health", "leisure"][i % 3]
        services.save_domain(family, domain, acting_user=coordinator, goes_well=f"Goed {i}")
        services.add_actor(
            family,
            domain,
            acting_user=coordinator,
            kind="informal",
            name=f"Buur {i}",
            support="company",
            quality="good",
        )
        services.add_goal(family, acting_user=coordinator, domain=domain, what=f"Doel {i}", steps=[f"Stap {i}", "Nog"])
        services.log_contact(family, acting_user=coordinator, kind="phone", note=f"Belde {i}")
        services.add_member(family, acting_user=coordinator, role="child", first_name=f"Kind {i}")


MANAGE = {"gezinsleden/", "team/", "toestemming/", "logboek/"}


@pytest.mark.parametrize("page", PAGES)
def test_a_family_page_makes_as_many_queries_for_a_big_record_as_for_a_small_one(people, page):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    url = f"/gezinnen/{family.pk}/{page}"
    readers = ["coordinator"] if page in MANAGE else ["coordinator", "volunteer"]
    clients = {who: people.client(who) for who in readers}
    for client in clients.values():
        client.get(url)  # warm the session
    small = {who: _queries(client, url) for who, client in clients.items()}
    _grow(family, people.coordinator, 9)
    big = {who: _queries(client, url) for who, client in clients.items()}
    assert big == small


# The exact counts (issue 11). Every page starts with the session, the account and its
# memberships (3), the family with whether a coordinator is kept out (1) and, for a volunteer,
# the family's consents to them (1), and writes its audit row (1). Then the overview: goals
# reached, volunteers, members; the map: its domains with their actors (2) and the days of
# its history; the plan: goals with their steps (2), referrals and the Toolkit's checklist.
EXPECTED = {
    ("coordinator", ""): 8,
    ("coordinator", "netwerkkaart/"): 8,
    ("coordinator", "handelingsplan/"): 9,
    ("volunteer", ""): 9,
    ("volunteer", "netwerkkaart/"): 9,
    ("volunteer", "handelingsplan/"): 10,
}


@pytest.mark.parametrize(("who", "page"), list(EXPECTED))
def test_the_family_page_the_map_and_the_plan_make_a_known_number_of_queries(people, who, page):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    client = people.client(who)
    url = f"/gezinnen/{family.pk}/{page}"
    client.get(url)  # warm the session
    assert _queries(client, url) == EXPECTED[(who, page)]


def test_the_map_with_its_history_compared_makes_two_more_queries(people):
    """The earlier day's snapshots, and the audit row of that read."""
    from django.utils import timezone

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    for who in ("coordinator", "volunteer"):
        client = people.client(who)
        url = f"/gezinnen/{family.pk}/netwerkkaart/"
        client.get(url)
        compared = _queries(client, f"{url}?compare={timezone.localdate().isoformat()}")
        assert compared == EXPECTED[(who, "netwerkkaart/")] + 2


def test_the_audit_rows_of_a_family_cannot_be_changed_or_deleted(people):
    family = make_family(people.group_a, people.coordinator)
    services.record_read(family, people.volunteer, "map")
    row = AuditEvent.objects.filter(action="family.read").latest("pk")
    for statement in (
        f"UPDATE core_auditevent SET part = 'x' WHERE id = {row.pk}",
        f"DELETE FROM core_auditevent WHERE id = {row.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=row.pk, part="map").exists()


def test_the_readers_consents_read_once_answer_as_active_for(people):
    """``consented_domains`` (one join, issue 11) gives the rows of ``Consent.objects.active_for``:
    standing, assigned, bound by the agreement where asked; withdrawn and unassigned left out."""
    from django.utils import timezone

    from families.models import Assignment, ConsentHow

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=())

    def give(part: str, domain: str = "", bound_only: bool = False):
        return services.give_consent(
            family,
            acting_user=people.coordinator,
            receiver=people.volunteer,
            part=part,
            domain=domain,
            bound_only=bound_only,
            how=ConsentHow.SPOKEN,
            given_by="Amal",
        )

    def both() -> tuple[dict, dict]:
        expected: dict[str, set[str]] = {}
        for part, domain in family.consents.model.objects.active_for(people.volunteer, family).values_list(
            "part", "domain"
        ):
            expected.setdefault(part, set()).add(domain)
        fresh = type(family).objects.get(pk=family.pk).remember_reader()
        return fresh.consented_domains(people.volunteer), expected

    give("map", "work")
    give("plan", bound_only=True)
    withdrawn = give("contacts")
    services.withdraw_consent(withdrawn, acting_user=people.coordinator)
    got, expected = both()
    assert got == expected == {"map": {"work"}}
    Assignment.objects.filter(trajectory=family, user=people.volunteer).update(
        confidentiality_signed_on=timezone.localdate()
    )
    got, expected = both()
    assert got == expected == {"map": {"work"}, "plan": {""}}
    Assignment.objects.filter(trajectory=family, user=people.volunteer).delete()
    got, expected = both()
    assert got == expected == {}
