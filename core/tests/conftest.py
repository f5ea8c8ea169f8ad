"""Fixtures of the core's tests."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import MembershipStatus, OrganisationMember, Role


@pytest.fixture
def everybody(people):
    """The fixed people, and the roles only the matrix needs: an editor, the coordinator of a
    group that left the network, and a second coordinator of group A who will be asked for
    a second factor, and a policy recipient's account (signals), in no group."""
    people.editor = UserFactory(full_name="Eddy Editor", is_editor=True)
    former_group = OrganisationFactory(name="Vroeger Lid", postcode="9000", status=MembershipStatus.FORMER)
    people.former = UserFactory(full_name="Frieda Vroeger")
    OrganisationMember.objects.create(organisation=former_group, user=people.former, role=Role.COORDINATOR)
    people.no_otp = UserFactory(full_name="Nora Zonder-Code")
    OrganisationMember.objects.create(organisation=people.group_a, user=people.no_otp, role=Role.COORDINATOR)
    # The guest professional: in no group; the families' table invites them to group A's
    # family. A guest always gives a second factor: the matrix's guest has given it.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    people.guest = UserFactory(full_name="Gitte Gast")
    people.guest_device = TOTPDevice.objects.create(user=people.guest, name="authenticator", confirmed=True)
    people.policy = UserFactory(full_name="Pieter Beleid", is_policy_recipient=True)
    return people
