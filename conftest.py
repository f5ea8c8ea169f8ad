"""Fixed people for every test: the secretariat, a coordinator and a volunteer
of group A, a coordinator and volunteer of group B (the outsiders), and a visitor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import OrganisationMember, Role


@dataclass
class People:
    secretariat: object
    coordinator: object
    volunteer: object
    outsider_coordinator: object
    outsider: object
    group_a: object
    group_b: object

    def client(self, who: str | None) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if who is not None:
            client.force_login(getattr(self, who))
            device = getattr(self, f"{who}_device", None)
            if device is not None:  # a second factor given (django_otp's session key)
                from django_otp import DEVICE_ID_SESSION_KEY

                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
        return client


@pytest.fixture
def people(db) -> People:
    group_a = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    group_b = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000")
    secretariat = UserFactory(full_name="Sara Secretariaat", is_secretariat=True)
    coordinator = UserFactory(full_name="Cora Coördinator")
    volunteer = UserFactory(full_name="Vera Vrijwilliger")
    outsider_coordinator = UserFactory(full_name="Otto Gent")
    outsider = UserFactory(full_name="Olga Gent")
    links: list[tuple[Any, Any, str]] = [
        (group_a, coordinator, Role.COORDINATOR),
        (group_a, volunteer, Role.VOLUNTEER),
        (group_b, outsider_coordinator, Role.COORDINATOR),
        (group_b, outsider, Role.VOLUNTEER),
    ]
    for org, user, role in links:
        OrganisationMember.objects.create(organisation=org, user=user, role=role)
    return People(secretariat, coordinator, volunteer, outsider_coordinator, outsider, group_a, group_b)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request queues "after commit" (e-mails, tasks), as a real commit would:
    ``with committed(): client.post(...)``."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached map data live in the cache: start every test with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def client() -> Client:
    """Tests read messages in English (the source language); Dutch, the default for users,
    and French are checked in core/tests/test_translations.py."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def development(settings):
    """Development mode, where the demo data commands run (core/management/__init__.py)."""
    settings.DEBUG = True


@pytest.fixture
def transactional_reference(transactional_db):
    """A transactional test's database with what the migrations load and a flush removes
    (Belgian places, the activity list), as the browser tests have it."""
    from tests_browser.helpers import load_reference_data

    load_reference_data()
