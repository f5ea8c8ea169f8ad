"""A referral's free texts are encrypted at rest; the family's export holds its referrals."""

from __future__ import annotations

import json

import pytest

from core.fields import EncryptedTextField
from core.tests.test_crypto_fields import raw_database_text
from families.models import ConsentHow
from families.tests.factories import make_family
from referrals import services
from referrals.models import Introduction, SharedField
from socialmap.tests.factories import make_service

pytestmark = pytest.mark.django_db


def test_no_planted_secret_is_in_the_raw_database(people, tmp_path):
    from django.apps import apps

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    service = make_service("Geheim-dienst-Q7xK")
    referral = services.propose(
        family.goals.get(),
        service,
        acting_user=people.coordinator,
        fields=[SharedField.GOAL],
        introduction=Introduction.LETTER,
        message="geheim-message-Q7xK1",
        consent_how=ConsentHow.SPOKEN,
        consent_given_by="geheim-given-by-Q7xK2",
        consent_given_on=family.created_at.date(),
    )
    services.send(referral, acting_user=people.coordinator)
    services.answer(referral, accepted=False, reason="geheim-reason-Q7xK3")
    referral.refresh_from_db()
    planted = {"service_name", "message", "consent_given_by", "refusal_reason"}
    encrypted = {
        field.name
        for model in apps.get_app_config("referrals").get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    }
    assert encrypted == planted | {"outcome"}
    # The service's own name is in the social map's table; the referral's copy is not plain.
    raw = raw_database_text(tmp_path)
    for value in ("geheim-message-Q7xK1", "geheim-given-by-Q7xK2", "geheim-reason-Q7xK3"):
        assert value not in raw
    assert referral.refusal_reason == "geheim-reason-Q7xK3"


def test_the_family_export_holds_its_referrals(people):
    from referrals.tests.factories import make_referral

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    make_referral(family, people.coordinator, make_service(), status="done")
    response = people.client("coordinator").get(f"/gezinnen/{family.pk}/gegevens.json")
    data = json.loads(response.content)
    assert data["referrals"][0]["outcome"] == "Huurcontract getekend"
    assert data["referrals"][0]["shared"] == ["goal"]
