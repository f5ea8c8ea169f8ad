"""An interpreter request's free texts are encrypted at rest."""

from __future__ import annotations

import pytest
from django.apps import apps

from core.fields import EncryptedTextField
from core.tests.test_crypto_fields import raw_database_text
from families.tests.factories import make_family
from interpreting import services
from interpreting.tests.factories import ask_with_token, make_interpreter, make_request

pytestmark = pytest.mark.django_db


def test_no_planted_secret_is_in_the_raw_database(people, tmp_path):
    family = make_family(people.group_a, people.coordinator)
    first = make_request(
        family, people.coordinator, place="geheim-place-T4rQ1", topic="geheim-topic-T4rQ2", online_link=""
    )
    second = services.create_request(
        family,
        acting_user=people.coordinator,
        starts_at=first.starts_at,
        language="fa",
        topic="geheim-topic-T4rQ3",
        sensitivity="sensitive",
        online_link="https://meet.example.org/geheim-link-T4rQ4",
    )
    services.record_social(second, acting_user=people.coordinator, booked_by="geheim-booked-T4rQ5")
    ask, _token = ask_with_token(first, make_interpreter(people.group_b), people.coordinator)
    services.decline(ask, reason="geheim-reason-T4rQ6")
    planted = {"place", "online_link", "topic", "social_booked_by", "reason"}
    encrypted = {
        field.name
        for model in apps.get_app_config("interpreting").get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    }
    assert encrypted == planted
    raw = raw_database_text(tmp_path)
    for n in range(1, 7):
        assert f"T4rQ{n}" not in raw
    ask.refresh_from_db()
    assert ask.reason == "geheim-reason-T4rQ6"
