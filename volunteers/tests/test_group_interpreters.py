"""Interpreters findable by language: the group's own, and others who agreed to be found."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volunteers import services
from volunteers.models import Status
from volunteers.tests.factories_group import make_engagement


def url(people) -> str:
    return f"/groepen/{people.group_a.slug}/tolken/"


@pytest.fixture
def interpreters(people):
    interpreter = {"can_interpret": True}
    return {
        "own": make_engagement(
            people.group_a,
            full_name="Eigen Esra",
            email="esra@example.org",
            phone="0470 11 11 11",
            status=Status.ACTIVE,
            languages={"ar": "fluent"},
            **interpreter,
        ),
        "own_paused": make_engagement(
            people.group_a, full_name="Gepauzeerde Paul", status=Status.PAUSED, languages={"fa": "good"}, **interpreter
        ),
        "own_lead": make_engagement(
            people.group_a, full_name="Lead Lina", status=Status.LEAD, languages={"ar": "good"}, **interpreter
        ),
        "network": make_engagement(
            people.group_b,
            full_name="Netwerk Nabil",
            email="nabil@example.org",
            status=Status.ACTIVE,
            languages={"ar": "good"},
            interpreter_visible=True,
            **interpreter,
        ),
        "private": make_engagement(
            people.group_b,
            full_name="Privé Pieter",
            email="pieter@example.org",
            status=Status.ACTIVE,
            languages={"ar": "fluent"},
            interpreter_visible=False,
            **interpreter,
        ),
        "not_interpreter": make_engagement(
            people.group_a, full_name="Geen Tolk", status=Status.ACTIVE, languages={"ar": "fluent"}
        ),
    }


def test_lists_own_and_consenting_interpreters_only(people, interpreters):
    response = people.client("coordinator").get(url(people))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Eigen Esra", "Gepauzeerde Paul", "Netwerk Nabil"):
        assert name in html
    for name in ("Lead Lina", "Privé Pieter", "pieter@example.org", "Geen Tolk"):
        assert name not in html
    assert "esra@example.org" in html and "0470 11 11 11" in html and "nabil@example.org" in html
    assert people.group_b.name in html


def test_filter_by_language(people, interpreters):
    html = people.client("coordinator").get(url(people), {"taal": "ar"}).content.decode()
    assert "Eigen Esra" in html and "Netwerk Nabil" in html and "Gepauzeerde Paul" not in html
    html = people.client("coordinator").get(url(people), {"taal": "fa"}).content.decode()
    assert "Gepauzeerde Paul" in html and "Eigen Esra" not in html


def test_unknown_language_code_is_explained(people, interpreters):
    response = people.client("coordinator").get(url(people), {"taal": "<xx>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "We do not know the language code" in html and "<xx>" not in html


def test_erased_and_withdrawn_people_are_never_shown(people, interpreters):
    services.erase(interpreters["network"].volunteer)
    services.withdraw(interpreters["own"])
    html = people.client("coordinator").get(url(people)).content.decode()
    assert "Netwerk Nabil" not in html and "Eigen Esra" not in html and "nabil@example.org" not in html


def test_the_other_group_sees_my_non_consenting_volunteer_never(people, interpreters):
    make_engagement(
        people.group_a,
        full_name="Stille Sami",
        status=Status.ACTIVE,
        can_interpret=True,
        interpreter_visible=False,
        languages={"ar": "fluent"},
    )
    html = people.client("outsider_coordinator").get(f"/groepen/{people.group_b.slug}/tolken/").content.decode()
    assert "Stille Sami" not in html and "Eigen Esra" not in html
    assert "Privé Pieter" in html  # their own


def test_wrong_method_outsider_volunteer_and_secretariat(people):
    assert people.client("coordinator").post(url(people)).status_code == 405
    assert people.client("outsider_coordinator").get(url(people)).status_code == 404
    assert people.client("volunteer").get(url(people)).status_code == 403
    assert people.client("secretariat").get(url(people)).status_code == 403  # people, not figures


def test_interpreters_query_count_does_not_grow(people):
    client = people.client("coordinator")
    counts = []
    for n in (2, 12):
        for i in range(n):
            org = people.group_a if i % 2 else people.group_b
            make_engagement(
                org,
                status=Status.ACTIVE,
                can_interpret=True,
                interpreter_visible=True,
                languages={"ar": "good", "ti": "fluent"},
            )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(people), {"taal": "ar"}).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
