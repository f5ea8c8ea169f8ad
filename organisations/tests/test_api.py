"""The public, read-only directory API."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory


@pytest.fixture
def groups(db):
    OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800", activities=["dutch-conversation"])
    OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", activities=["home-visits"])
    OrganisationFactory(name="Mondiale Werken regio Lier", postcode="2500", activities=["health"])
    OrganisationFactory(name="Oud lid", postcode="2800", status="former")


def test_near_2800_orders_by_distance_with_distance_km(client, groups):
    response = client.get("/api/v1/organisations", {"near": "2800"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [g["name"] for g in data["results"]] == [
        "Welcome in Mechelen (WiM)",
        "Mondiale Werken regio Lier",
        "Werkgroep Vluchtelingen Gent",
    ]
    km = [g["distance_km"] for g in data["results"]]
    assert km[0] == 0.0 and 10 < km[1] < 20 and 50 < km[2] < 65


def test_filters_match_the_web_directory(client, groups):
    data = client.get("/api/v1/organisations", {"activity": "home-visits"}).json()
    assert [g["name"] for g in data["results"]] == ["Werkgroep Vluchtelingen Gent"]
    assert data["results"][0]["distance_km"] is None and data["results"][0]["activities"] == ["home-visits"]


def test_nearest_endpoint_limits_and_orders(client, groups):
    data = client.get("/api/v1/organisations/nearest", {"postcode": "2800", "limit": 2}).json()
    assert [g["name"] for g in data] == ["Welcome in Mechelen (WiM)", "Mondiale Werken regio Lier"]


def test_one_group_and_hidden_former_member(client, groups):
    assert client.get("/api/v1/organisations/welcome-in-mechelen-wim").json()["municipality"] == "Mechelen"
    assert client.get("/api/v1/organisations/oud-lid").status_code == 404


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/organisations?near=28", "near"),
        ("/api/v1/organisations?near=9999", "near"),
        ("/api/v1/organisations?municipality=Atlantis", "municipality"),
        ("/api/v1/organisations?activity=knitting", "activity"),
        ("/api/v1/organisations?page=abc", "page"),
        ("/api/v1/organisations?page=0", "page"),
        ("/api/v1/organisations?page=99", "page"),
        ("/api/v1/organisations/nearest", "postcode"),
        ("/api/v1/organisations/nearest?postcode=2800&limit=500", "limit"),
        ("/api/v1/organisations/nearest?postcode=%3Cscript%3E", "postcode"),
    ],
)
def test_bad_parameters_get_a_400_with_a_json_message(client, groups, url, field):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and field in body["errors"]


def test_error_messages_follow_the_callers_language(groups):
    from django.test import Client

    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/organisations?near=28").json()["detail"]
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl").get("/api/v1/organisations?near=28").json()["detail"]
    assert "four digits" in english and dutch != english


def test_api_is_read_only(client, groups):
    assert client.post("/api/v1/organisations", {}).status_code == 405


def test_openapi_description_lists_the_endpoints(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/organisations", "/api/v1/organisations/nearest", "/api/v1/organisations/{slug}"} <= set(
        spec["paths"]
    )


def test_cached_answers_follow_changes_to_groups(client, people, committed):
    from organisations import services

    names = [g["name"] for g in client.get("/api/v1/organisations/nearest", {"postcode": "2800"}).json()]
    assert "Welcome in Mechelen (WiM)" in names
    with committed():
        services.end_membership(people.group_a, acting_user=people.secretariat)
    names = [g["name"] for g in client.get("/api/v1/organisations/nearest", {"postcode": "2800"}).json()]
    assert "Welcome in Mechelen (WiM)" not in names
