"""Invariants the database holds itself (decision 0014), whatever
writes the row: a service, a command, raw SQL or a race. And the migrations that added them
repair the rows that were there before."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.tests.factories import OrganisationFactory
from organisations.models import Invitation, MembershipApplication, OrganisationMember
from volunteers.models import CheckIn, Engagement, Vacancy, Volunteer
from volunteers.tests.factories_group import make_volunteer


def _refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_stop_has_a_reason_and_only_a_stop_has_one(people):
    now = timezone.now()

    def engagement(**fields):
        return Engagement.objects.create(volunteer=make_volunteer(), organisation=people.group_a, **fields)

    _refused(lambda: engagement(status="stopped", stopped_at=now))
    _refused(lambda: engagement(status="lead", stop_reason="work"))
    _refused(lambda: engagement(status="unknown"))
    engagement(status="stopped", stop_reason="work", stopped_at=now)


def test_a_check_in_weighs_one_to_five(people):
    volunteer = make_volunteer()
    for load in (0, 6):
        _refused(lambda load=load: CheckIn.objects.create(volunteer=volunteer, load=load))
    CheckIn.objects.create(volunteer=volunteer, load=5)


def test_a_vacancy_ends_after_it_starts(people):
    org = people.group_a
    today = date(2026, 5, 1)
    fields = {"organisation": org, "title": "x", "description": "x", "municipality": org.municipality}
    _refused(lambda: Vacancy.objects.create(**fields, starts_on=today, ends_on=today - timedelta(days=1)))
    Vacancy.objects.create(**fields, starts_on=today, ends_on=today)


def test_one_present_sign_up_per_address(db):
    make_volunteer(email="amal@example.org")
    _refused(lambda: make_volunteer(email="AMAL@example.org"))
    erased = make_volunteer(email="weg@example.org")
    Volunteer.objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    make_volunteer(email="weg@example.org")  # an erased record holds no address
    make_volunteer(email="", phone="0470")
    make_volunteer(email="", phone="0471")  # no address: no conflict


def test_one_open_invitation_per_address_and_group(people):
    later = timezone.now() + timedelta(days=14)
    Invitation.objects.create(organisation=people.group_a, email="x@example.org", expires_at=later, token_hash="a" * 64)
    _refused(
        lambda: Invitation.objects.create(
            organisation=people.group_a, email="X@example.org", expires_at=later, token_hash="b" * 64
        )
    )
    Invitation.objects.create(organisation=people.group_b, email="x@example.org", expires_at=later, token_hash="c" * 64)


def test_a_decision_has_a_date_and_a_person_leaves_after_joining(people):
    org = people.group_a

    def application(status, decided_at):
        return MembershipApplication.objects.create(
            group_name="G",
            legal_form="fv",
            municipality=org.municipality,
            description="x",
            contact_name="x",
            contact_email="x@example.org",
            motivation="x",
            submission_key=uuid.uuid4(),
            token_hash=uuid.uuid4().hex * 2,
            status=status,
            decided_at=decided_at,
        )

    _refused(lambda: application("approved", None))
    _refused(lambda: application("submitted", timezone.now()))
    member = OrganisationMember.objects.get(organisation=org, user=people.volunteer)
    _refused(lambda: OrganisationMember.objects.filter(pk=member.pk).update(left_at=member.joined_at - timedelta(1)))


def test_the_migration_repairs_existing_rows_before_adding_the_constraints(transactional_reference):
    """Rows written before the constraints (a stop without reason, two sign-ups with one
    address, a check-in of 7, a vacancy ending before it starts) are repaired, not lost."""
    executor = MigrationExecutor(connection)
    executor.migrate([("volunteers", "0003_invited_link_nonce")])
    old = executor.loader.project_state([("volunteers", "0003_invited_link_nonce")]).apps
    org = OrganisationFactory()
    V, E, C, Vac = (old.get_model("volunteers", m) for m in ("Volunteer", "Engagement", "CheckIn", "Vacancy"))
    first = V.objects.create(full_name="Eerste", email="dubbel@example.org", token_hash="1" * 64)
    second = V.objects.create(full_name="Tweede", email="Dubbel@example.org", token_hash="2" * 64)
    E.objects.create(volunteer_id=first.pk, organisation_id=org.pk, status="stopped")
    C.objects.create(volunteer_id=first.pk, load=7)
    today = date(2026, 5, 1)
    Vac.objects.create(
        organisation_id=org.pk,
        title="x",
        description="x",
        municipality_id=org.municipality_id,
        starts_on=today,
        ends_on=today - timedelta(days=3),
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Volunteer.objects.get(pk=first.pk).email == "dubbel@example.org"
    assert Volunteer.objects.get(pk=second.pk).email == ""  # kept, without the unconfirmed address
    stop = Engagement.objects.get(volunteer_id=first.pk)
    assert stop.stop_reason == "other" and stop.stopped_at is not None
    assert CheckIn.objects.get(volunteer_id=first.pk).load == 5
    assert Vacancy.objects.get().ends_on == today
