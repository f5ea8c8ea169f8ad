"""Queries compiled once and run again with other values (``core/prepared.py``), and the
per-request reads that use them: the session (``core/sessions.py``), the account
(``accounts/backends.py``) and its memberships (``User._memberships``)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.backends import EmailBackend
from accounts.models import User
from core.prepared import Prepared
from core.tests.factories import OrganisationFactory, UserFactory
from families.models import Trajectory
from families.tests.factories import make_family
from organisations.models import MembershipStatus, OrganisationMember, Role

pytestmark = pytest.mark.django_db


def test_values_take_the_place_of_the_sentinels_and_rows_are_built_as_the_orm_builds_them(people):
    family = make_family(people.group_a, people.coordinator)
    other = make_family(people.group_b, people.outsider_coordinator, pseudonym='Familie O\'Brien "x"')
    since = Prepared(
        Trajectory,
        lambda pk, name, day, at: (
            Trajectory.objects.filter(
                pk__gte=pk, organisation__name=name, created_at__date__lte=day, created_at__lte=at
            )
            .select_related("organisation")
            .order_by("pk")
        ),
        pk=int,
        name=str,
        day=datetime.date,
        at=datetime.datetime,
    )
    now, today = timezone.now(), timezone.localdate()
    for found, expected in (
        (since.objects(pk=0, name=people.group_a.name, day=today, at=now), [family]),
        (since.objects(pk=0, name=people.group_b.name, day=today, at=now), [other]),
        (since.objects(pk=other.pk + 1, name=people.group_b.name, day=today, at=now), []),
        (since.objects(pk=0, name=people.group_a.name, day=today - datetime.timedelta(days=1), at=now), []),
        (since.objects(pk=0, name="x' OR '1'='1", day=today, at=now), []),
    ):
        assert found == expected
    got = since.objects(pk=0, name=people.group_b.name, day=today, at=now)[0]
    assert isinstance(got, Trajectory)
    assert got.pseudonym == 'Familie O\'Brien "x"'  # decrypted, as the ORM does
    with CaptureQueriesContext(connection) as queries:
        assert got.organisation.name == people.group_b.name  # select_related kept
    assert not queries
    with pytest.raises(TypeError):
        since.objects(pk=0, name="a", day=today)  # a value missing
    with pytest.raises(TypeError):
        since.objects(pk=None, name="a", day=today, at=now)  # not a value that can be prepared


def test_a_value_the_query_does_not_use_is_refused_when_compiled():
    unused = Prepared(Trajectory, lambda pk: Trajectory.objects.all(), pk=int)
    with pytest.raises(ValueError):
        unused.objects(pk=1)


def _login(client, user) -> str:
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_session_store_reads_standing_sessions_only(client, people):
    assert settings.SESSION_ENGINE == "core.sessions"
    key = _login(client, people.coordinator)
    assert client.get("/start/").status_code == 200
    assert client.get("/account/").status_code == 200
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    login = resolve_url(settings.LOGIN_URL)
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith(login)
    # A key the database does not know: a visitor.
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith(login)
    # A standing session again.
    _login(client, people.coordinator)
    assert client.get("/account/").status_code == 200


def test_the_account_and_its_memberships_as_the_orm_reads_them(people):
    backend = EmailBackend()
    user = backend.get_user(people.coordinator.pk)
    assert isinstance(user, User) and user.pk == people.coordinator.pk and user.email == people.coordinator.email
    assert backend.get_user(people.coordinator.pk + 10_000) is None
    User.objects.filter(pk=people.volunteer.pk).update(is_active=False)
    assert backend.get_user(people.volunteer.pk) is None
    # Memberships: groups not left, with whether the group is a member of the network.
    former = OrganisationFactory(name="Vroeger", postcode="9000", status=MembershipStatus.FORMER)
    OrganisationMember.objects.create(organisation=former, user=people.coordinator, role=Role.VOLUNTEER)
    left_group = OrganisationFactory(name="Verlaten", postcode="9000")
    left = OrganisationMember.objects.create(organisation=left_group, user=people.coordinator, role=Role.COORDINATOR)
    OrganisationMember.objects.filter(pk=left.pk).update(left_at=timezone.now() + datetime.timedelta(seconds=1))
    fresh = backend.get_user(people.coordinator.pk)
    assert fresh is not None
    assert fresh._memberships() == {people.group_a.pk: ("coordinator", True), former.pk: ("volunteer", False)}
    assert fresh.coordinated_organisation_ids() == {people.group_a.pk}
    nobody = UserFactory(full_name="Niemand")
    assert User.objects.get(pk=nobody.pk)._memberships() == {}
