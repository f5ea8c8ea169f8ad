"""``get_trajectory_for`` decides in Python, from the reader's memberships and three facts its
one prepared query brings along (issue 11): it must answer exactly as
``Trajectory.objects.visible_to`` for every kind of reader, and remember the same answers."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from core.tests.factories import OrganisationFactory, UserFactory
from families import services
from families.access import get_trajectory_for
from families.guest_models import GuestAccess
from families.models import Trajectory, TrajectoryStatus
from families.tests.factories import make_family, make_guest
from organisations.models import MembershipStatus, OrganisationMember, Role

pytestmark = pytest.mark.django_db


def _person(full_name: str, **extra: object) -> User:
    return cast(User, UserFactory(full_name=full_name, **extra))


def _fresh(user: User) -> User:
    """The reader as a request loads them: memberships not read yet."""
    return User.objects.get(pk=user.pk)


def _answers(user: User, family: Trajectory) -> tuple[bool, bool]:
    """(what ``visible_to`` says, what ``get_trajectory_for`` says)."""
    expected = Trajectory.objects.visible_to(_fresh(user)).filter(pk=family.pk).exists()
    try:
        found = get_trajectory_for(_fresh(user), family.pk)
    except Http404:
        return expected, False
    assert found.pk == family.pk
    return expected, True


def _readers(people) -> dict[str, tuple[User, bool]]:
    """Every kind of reader of one family of group A, and whether they may open it."""
    family = people.family
    kept_out = _person("Karel Buitengesloten")
    OrganisationMember.objects.create(organisation=people.group_a, user=kept_out, role=Role.COORDINATOR)
    services.set_excluded(family, [kept_out], acting_user=people.coordinator)
    other_volunteer = _person("Ander Vrijwilliger")
    OrganisationMember.objects.create(organisation=people.group_a, user=other_volunteer, role=Role.VOLUNTEER)
    left = _person("Lies Vertrokken")
    membership = OrganisationMember.objects.create(organisation=people.group_a, user=left, role=Role.COORDINATOR)
    OrganisationMember.objects.filter(pk=membership.pk).update(left_at=timezone.now() + timedelta(seconds=1))
    editor = _person("Eddy Editor", is_editor=True)
    inactive = _person("Ina Inactief", is_active=False)
    OrganisationMember.objects.create(organisation=people.group_a, user=inactive, role=Role.COORDINATOR)

    def guest(name: str, state: str) -> User:
        access, _token = make_guest(family, people.coordinator, parts=("map",))
        if state == "ended":
            GuestAccess.objects.filter(pk=access.pk).update(ends_on=timezone.localdate() - timedelta(days=1))
        elif state == "revoked":
            GuestAccess.objects.filter(pk=access.pk).update(revoked_at=timezone.now())
        elif state == "invited":
            GuestAccess.objects.filter(pk=access.pk).update(accepted_at=None)
        return access.user

    # A volunteer of group B who is also this family's guest: a member elsewhere, guest here.
    member_guest = people.outsider
    make_guest(family, people.coordinator, member_guest, parts=("map",))
    return {
        "coordinator": (people.coordinator, True),
        "kept-out coordinator": (kept_out, False),
        "assigned volunteer": (people.volunteer, True),
        "other volunteer": (other_volunteer, False),
        "coordinator who left the group": (left, False),
        "other group's coordinator": (people.outsider_coordinator, False),
        "other group's volunteer, guest here": (member_guest, True),
        "secretariat": (people.secretariat, False),
        "editor": (editor, False),
        "inactive coordinator": (inactive, False),
        "standing guest": (guest("Gitte", "standing"), True),
        "ended guest": (guest("Els", "ended"), False),
        "revoked guest": (guest("Rita", "revoked"), False),
        "invited guest, not accepted": (guest("Iris", "invited"), False),
    }


def test_the_fetch_answers_as_visible_to_for_every_reader(people):
    people.family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    for name, (user, allowed) in _readers(people).items():
        expected, got = _answers(user, people.family)
        assert (expected, got) == (allowed, allowed), name


def test_the_fetch_answers_as_visible_to_when_things_change(people):
    """A closed family (guests out, members in), a group that left the network (everyone
    out, assigned volunteers too), a missing family (404)."""
    people.family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    readers = _readers(people)
    services.change_status(people.family, TrajectoryStatus.CLOSED, acting_user=people.coordinator)
    for name, (user, _allowed) in readers.items():
        expected, got = _answers(user, people.family)
        assert expected == got, f"closed: {name}"
    assert _answers(people.coordinator, people.family) == (True, True)
    assert _answers(readers["standing guest"][0], people.family) == (False, False)
    type(people.group_a).objects.filter(pk=people.group_a.pk).update(status=MembershipStatus.FORMER)
    for name, (user, _allowed) in readers.items():
        expected, got = _answers(user, people.family)
        assert expected == got == False, f"group left: {name}"  # noqa: E712
    with pytest.raises(Http404):
        get_trajectory_for(_fresh(people.coordinator), people.family.pk + 1000)


def test_the_fetch_remembers_what_the_reader_is(people):
    """The memo the fetch leaves (coordinator, assigned) is what the slow questions answer."""
    people.family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    other_group = OrganisationFactory(name="Derde Groep", postcode="3000")
    both = _person("Bea Beide")
    OrganisationMember.objects.create(organisation=other_group, user=both, role=Role.COORDINATOR)
    OrganisationMember.objects.create(organisation=people.group_a, user=both, role=Role.VOLUNTEER)
    services.assign(people.family, both, acting_user=people.coordinator, role="helper")
    readers = {**{k: v for k, v in _readers(people).items() if v[1]}, "coordinator elsewhere, assigned": (both, True)}
    for name, (user, _allowed) in readers.items():
        fast = get_trajectory_for(_fresh(user), people.family.pk)
        slow = Trajectory.objects.get(pk=people.family.pk)
        reader = _fresh(user)
        assert fast.is_coordinator(reader) == slow.is_coordinator(reader), name
        assert fast.is_assigned(reader) == slow.is_assigned(reader), name
        assert fast.readable_parts(reader) == slow.readable_parts(reader), name


def test_the_plan_and_the_overview_read_only_the_consented_goals(people):
    """The prepared reads of the whole plan serve the coordinator and a consent for the whole
    plan; a consent for one domain keeps the ``for_reader`` queries: the page (goals, steps,
    referrals) and the count of reached goals show that domain's only."""
    from families.models import ConsentHow, Part

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=())
    housing = services.add_goal(
        family, acting_user=people.coordinator, domain="housing", what="Groter huis zoeken", steps=["Bellen"]
    )
    health = services.add_goal(
        family, acting_user=people.coordinator, domain="health", what="Huisarts kiezen", steps=["Afspraak maken"]
    )
    services.set_reached(housing, True, acting_user=people.coordinator)
    services.set_reached(health, True, acting_user=people.coordinator)
    from referrals.tests.factories import make_referral
    from socialmap.tests.factories import make_service

    make_referral(family, people.coordinator, make_service("Woonwinkel Mechelen"), goal=housing)
    make_referral(family, people.coordinator, make_service("Wijkgezondheidscentrum Noord"), goal=health)

    def consent(domain: str) -> None:
        services.give_consent(
            family,
            acting_user=people.coordinator,
            receiver=people.volunteer,
            part=Part.PLAN,
            domain=domain,
            how=ConsentHow.SPOKEN,
            given_by="Amal",
        )

    def seen(who: str) -> tuple[str, str]:
        client = people.client(who)
        overview = client.get(f"/gezinnen/{family.pk}/").content.decode()
        plan = client.get(f"/gezinnen/{family.pk}/handelingsplan/").content.decode()
        return overview, plan

    everything = ("Groter huis zoeken", "Bellen", "Woonwinkel", "Huisarts kiezen", "Afspraak maken", "Wijkgezondheid")
    overview, plan = seen("coordinator")
    assert "2 goals reached" in overview
    assert all(text in plan for text in everything)
    consent("housing")
    overview, plan = seen("volunteer")
    assert "1 goal reached" in overview
    assert all(text in plan for text in everything[:3])
    assert not any(text in plan for text in everything[3:])
    consent("")
    overview, plan = seen("volunteer")
    assert "2 goals reached" in overview
    assert all(text in plan for text in everything)
