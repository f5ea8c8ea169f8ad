"""Two requests at the same moment: the database holds the rule.

- "Never the last coordinator": every coordinator row of the group is locked before the
  count (``organisations.services.groups.lock_coordinators``).
- "One present sign-up per address": a partial unique constraint, and the sign-up service
  answers a second sign-up that meets it as it answers any known address.

The two-connection tests need PostgreSQL: SQLite serialises writing transactions (the
project opens them with BEGIN IMMEDIATE), so two of them never interleave there and the
race cannot happen. On SQLite the constraint's path is tested by letting the service's
own check miss the first sign-up, as a concurrent one would.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.core import mail
from django.db import connection, transaction

from core.errors import ServiceError
from core.tests.factories import OrganisationFactory, UserFactory
from organisations import services as org_services
from organisations.models import OrganisationMember, Role
from volunteers import services
from volunteers.models import Volunteer
from volunteers.services import SignUp

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs two concurrent transactions; SQLite serialises writers (BEGIN IMMEDIATE)",
)


def _in_thread(target) -> threading.Thread:
    def run():
        try:
            target()
        finally:
            connection.close()  # each thread has its own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.fixture
def two_coordinators(transactional_reference):
    group = OrganisationFactory()
    first, second = UserFactory(), UserFactory()
    members = [
        OrganisationMember.objects.create(organisation=group, user=u, role=Role.COORDINATOR) for u in (first, second)
    ]
    return group, members, (first, second)


@postgresql_only
def test_two_coordinators_demoting_each_other_at_once_leave_one_coordinator(two_coordinators):
    group, (a, b), (user_a, user_b) = two_coordinators
    first_done = threading.Event()
    outcome: dict[str, str] = {}

    def first():
        with transaction.atomic():
            org_services.change_role(a, Role.VOLUNTEER, acting_user=user_b)
            first_done.set()
            time.sleep(0.5)  # still open while the second request counts

    def second():
        first_done.wait(5)
        try:
            org_services.change_role(b, Role.VOLUNTEER, acting_user=user_a)
            outcome["second"] = "demoted"
        except ServiceError as exc:
            outcome["second"] = str(exc)

    threads = [_in_thread(first), _in_thread(second)]
    for thread in threads:
        thread.join(10)
    coordinators = OrganisationMember.objects.filter(organisation=group, role=Role.COORDINATOR, left_at__isnull=True)
    assert list(coordinators.values_list("pk", flat=True)) == [b.pk]
    assert outcome["second"] != "demoted"  # refused (in the thread's language)


@postgresql_only
def test_removing_and_demoting_the_two_coordinators_at_once_leaves_one(two_coordinators):
    group, (a, b), (user_a, user_b) = two_coordinators
    first_done = threading.Event()

    def first():
        with transaction.atomic():
            org_services.leave_group(a, acting_user=user_b)
            first_done.set()
            time.sleep(0.5)

    def second():
        first_done.wait(5)
        try:
            org_services.change_role(b, Role.VOLUNTEER, acting_user=user_b)
        except ServiceError:
            pass

    for thread in [_in_thread(first), _in_thread(second)]:
        thread.join(10)
    assert (
        OrganisationMember.objects.filter(organisation=group, role=Role.COORDINATOR, left_at__isnull=True).count() == 1
    )


def _sign_up(org, **changes):
    data = SignUp(**{"full_name": "Amal Haddad", "email": "amal@example.org", "postcode": "2800", **changes})
    return services.submit_signup(data, [(org, None)], language="nl", submission_key=uuid.uuid4())


@postgresql_only
def test_two_sign_ups_with_one_address_at_once_make_one_record(transactional_reference):
    org = OrganisationFactory(postcode="2800")
    first_saved = threading.Event()
    outcome: dict[str, object] = {}

    def first():
        with transaction.atomic():
            outcome["first"] = _sign_up(org)
            first_saved.set()
            time.sleep(0.5)  # the second sign-up's check does not see this row yet

    def second():
        first_saved.wait(5)
        try:
            outcome["second"] = _sign_up(org, full_name="Amal H.")
        except Exception as exc:  # noqa: BLE001 - any error is the failure this test looks for
            outcome["second"] = exc

    for thread in [_in_thread(first), _in_thread(second)]:
        thread.join(10)
    assert Volunteer.objects.filter(email="amal@example.org").count() == 1
    second_volunteer, created = outcome["second"]  # type: ignore[misc]
    assert created is False and second_volunteer.full_name == "Amal Haddad"


def test_a_sign_up_that_meets_the_constraint_is_answered_as_a_known_address(people, monkeypatch, committed):
    """The race's second half on any database: the service's own check misses the first
    sign-up (as it does while that one is not committed), the database refuses the second,
    and the person with the address gets their link; no 500, no second record."""
    with committed():
        first, _created = _sign_up(people.group_a)
    real = services.email_taken
    calls = iter([None])
    monkeypatch.setattr(services, "email_taken", lambda email: next(calls, real(email)))
    mail.outbox.clear()
    with committed():
        second, created = _sign_up(people.group_a, full_name="Amal H.")
    assert (second.pk, created) == (first.pk, False)
    assert Volunteer.objects.filter(email="amal@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["amal@example.org"]]
