"""The key-rotation command re-encrypts the families' fields, and they read back the same
under the new key alone."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from core.crypto import generate_key
from families.models import DomainEntry, FamilyMember, Goal, Trajectory
from families.tests.factories import make_family

KEY_A, KEY_B = generate_key(), generate_key()


def opens(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
        return [value for (value,) in cursor.fetchall() if value]


@pytest.mark.django_db
def test_rotation_round_trips_the_families_fields(people):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        family = make_family(people.group_a, people.coordinator)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        call_command("rotate_field_keys", stdout=io.StringIO(), stderr=io.StringIO())
    for table, column in (
        ("families_trajectory", "pseudonym"),
        ("families_familymember", "languages"),
        ("families_domainentry", "help_needed"),
        ("families_goal", "what"),
        ("families_contact", "note"),
    ):
        tokens = raw(table, column)
        assert tokens and all(opens(KEY_B, t) and not opens(KEY_A, t) for t in tokens), table
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        assert Trajectory.objects.get().pseudonym == family.pseudonym
        assert FamilyMember.objects.get().languages == ["ar"]
        assert DomainEntry.objects.get().help_needed == "Groter huis"
        assert Goal.objects.get().what == "Een huis met drie slaapkamers"
