"""The audit log: who may read it, what a row holds, and that nothing changes or removes a
row, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from core import audit
from core.models import AuditEvent
from core.tests.factories import UserFactory

audit.declare("test.group_event", "A group's event (test)")
audit.declare("test.network_event", "A network event (test)", network=True)


def _event(**kwargs) -> AuditEvent:
    return audit.record(kwargs.pop("action", "test.group_event"), **kwargs)


# ---------------------------------------------------------------- append-only


def test_an_orm_update_of_an_audit_row_is_refused(db):
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="test.network_event")
    with pytest.raises(DatabaseError), transaction.atomic():
        event.action = "test.network_event"
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.group_event"


def test_an_orm_delete_of_an_audit_row_is_refused(db):
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        event.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_update_and_delete_of_audit_rows_are_refused(db):
    event = _event()
    for sql in (
        "UPDATE core_auditevent SET action = 'x.y' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.group_event"


@pytest.mark.django_db(transaction=True)
def test_the_test_runners_flush_empties_the_log_and_the_log_stays_append_only():
    _event()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        event.delete()


def test_erasing_an_account_leaves_its_audit_rows_as_they_were(db):
    user = UserFactory()
    event = _event(actor=user)
    user.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_id == event.actor_id and kept.action == "test.group_event"


# ---------------------------------------------------------------- what a row holds


def test_a_row_holds_who_as_what_which_object_which_group_and_details(people):
    member = people.group_a.people.get(user=people.volunteer)
    event = audit.record("test.group_event", actor=people.coordinator, obj=member, old="volunteer", new="coordinator")
    assert (event.actor_id, event.actor_role) == (people.coordinator.pk, "coordinator")
    assert (event.object_type, event.object_id) == ("organisations.organisationmember", member.pk)
    assert event.organisation_id == people.group_a.pk  # the object's own group
    assert event.details == {"old": "volunteer", "new": "coordinator"}
    assert event.network is False
    assert audit.record("test.network_event", actor=people.secretariat).actor_role == "secretariat"
    assert audit.record("test.network_event").actor_role == audit.SYSTEM


def test_undeclared_actions_and_free_text_details_are_refused(db):
    with pytest.raises(ValueError, match="Undeclared"):
        audit.record("test.never_declared")
    with pytest.raises(ValueError, match="never free text"):
        audit.record("test.group_event", note="Ze vertelde dat haar man ziek is en dat ze daarom niet kan komen.")
    with pytest.raises(ValueError, match="never free text"):
        audit.record("test.group_event", person=object())


def test_the_client_address_is_taken_from_the_request(people, client, committed):
    """A real request through the middleware: the coordinator withdraws an invitation."""
    from organisations import services

    invitation = services.invite_person(people.group_a, email="nieuw@example.org", acting_user=people.coordinator)
    client.force_login(people.coordinator)
    client.post(f"/groepen/{people.group_a.slug}/uitnodigingen/{invitation.pk}/intrekken/", REMOTE_ADDR="203.0.113.7")
    event = AuditEvent.objects.get(action="invitation.revoked")
    assert event.client_ip == "203.0.113.7" and event.actor_id == people.coordinator.pk


# ---------------------------------------------------------------- who reads what


@pytest.fixture
def events(people):
    return {
        "a": _event(organisation=people.group_a),
        "b": _event(organisation=people.group_b),
        "network_a": _event(action="test.network_event", organisation=people.group_a),
        "network": _event(action="test.network_event"),
        "nowhere": _event(),
    }


def _visible(user) -> set[int]:
    return set(AuditEvent.objects.visible_to(user).values_list("pk", flat=True))


def test_the_secretariat_reads_network_events_only(people, events):
    assert _visible(people.secretariat) == {events["network_a"].pk, events["network"].pk}


def test_a_coordinator_reads_their_groups_events_only(people, events):
    assert _visible(people.coordinator) == {events["a"].pk, events["network_a"].pk}
    assert _visible(people.outsider_coordinator) == {events["b"].pk}


def test_volunteers_editors_and_visitors_read_nothing(people, events):
    from django.contrib.auth.models import AnonymousUser

    editor = UserFactory(is_editor=True)
    assert _visible(people.volunteer) == _visible(people.outsider) == _visible(editor) == set()
    assert _visible(AnonymousUser()) == set()


def test_the_group_page_shows_the_groups_events_newest_first(people, events, client):
    client.force_login(people.coordinator)
    response = client.get(f"/groepen/{people.group_a.slug}/logboek/")
    assert response.status_code == 200
    assert [row["event"].pk for row in response.context["rows"]] == [events["network_a"].pk, events["a"].pk]
    client.force_login(people.secretariat)
    response = client.get(f"/groepen/{people.group_a.slug}/logboek/")
    assert [row["event"].pk for row in response.context["rows"]] == [events["network_a"].pk]


def test_the_secretariats_page_shows_network_events_with_a_removed_actor(people, events, client):
    gone = UserFactory(full_name="Weg Gegaan")
    _event(action="test.network_event", actor=gone)
    gone.delete()
    client.force_login(people.secretariat)
    response = client.get("/secretariaat/logboek/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    assert "an erased account" in response.content.decode()
    assert "Weg Gegaan" not in response.content.decode()


def test_the_log_pages_use_a_fixed_number_of_queries(people, client, django_assert_max_num_queries):
    for _ in range(60):
        _event(action="test.network_event", actor=people.coordinator, organisation=people.group_a)
    client.force_login(people.secretariat)
    with django_assert_max_num_queries(12):
        assert client.get("/secretariaat/logboek/").status_code == 200
