"""The social map's API: HSDS 3 shaped, public data only (never notes nor contact persons),
services near a postcode with their distance, bad input as a clear 400."""

from __future__ import annotations

import pytest

from socialmap import services

from .factories import make_service

pytestmark = pytest.mark.django_db

NOTE = "Vraag naar Ann van de woonbegeleiding"


@pytest.fixture
def mapped(people):
    near = make_service("Sociaal huis Mechelen", place="Mechelen", domains=["housing"], languages=["nl", "ar"])
    far = make_service("Huurdersbond Gent", organization="Huurdersbond", place="Gent", domains=["housing"])
    wide = make_service(
        "CAW Antwerpen onthaal", organization="CAW Antwerpen", place="Antwerpen", areas=["Antwerpen", "Mechelen"]
    )
    make_service("Nog niet nagekeken", publish=False, proposed_by=people.volunteer)
    services.add_note(near, author=people.volunteer, text=NOTE)
    services.add_contact(near, added_by=people.volunteer, name="Ann Peeters", phone="0470000000")
    return near, far, wide


def test_hsds_services_and_organizations_hold_public_data_only(client, mapped):
    near, far, wide = mapped
    response = client.get("/api/v1/hsds/services")
    assert response.status_code == 200
    data = response.json()
    assert data["total_items"] == 3 and data["page_number"] == 1 and data["first_page"]
    names = {s["name"] for s in data["contents"]}
    assert names == {"Sociaal huis Mechelen", "Huurdersbond Gent", "CAW Antwerpen onthaal"}
    one = client.get(f"/api/v1/hsds/services/{near.pk}").json()
    assert one["location"]["city"] == "Mechelen" and one["x_gastvrij"]["life_domains"] == ["housing"]
    assert [lang["code"] for lang in one["languages"]] == ["nl", "ar"]
    orgs = client.get("/api/v1/hsds/organizations").json()
    assert {o["name"] for o in orgs["contents"]} == {"OCMW Mechelen", "Huurdersbond", "CAW Antwerpen"}
    for url in ("/api/v1/hsds/services", f"/api/v1/hsds/services/{near.pk}", "/api/v1/services?near=2800"):
        text = client.get(url).content.decode()
        assert NOTE not in text and "Ann Peeters" not in text and "0470000000" not in text


def test_a_proposed_or_missing_service_is_not_found(client, mapped, people):
    from socialmap.models import Service

    proposed = Service.objects.get(name="Nog niet nagekeken")
    for ref in (proposed.pk, 999999, "abc", "9" * 40):
        response = client.get(f"/api/v1/hsds/services/{ref}")
        assert response.status_code == 404 and "detail" in response.json()


def test_services_near_a_postcode_cover_it_nearest_first_with_distance(client, mapped):
    response = client.get("/api/v1/services?near=2800&domain=housing")
    assert response.status_code == 200
    rows = response.json()
    # Ghent's service does not cover Mechelen; Antwerp's does (its area lists Mechelen).
    assert [r["name"] for r in rows] == ["Sociaal huis Mechelen", "CAW Antwerpen onthaal"]
    assert rows[0]["distance_km"] < rows[1]["distance_km"]
    assert [r["name"] for r in client.get("/api/v1/services?near=2800&language=ar").json()] == ["Sociaal huis Mechelen"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("near=abcd", "near"),
        ("near=1111", "near"),
        ("domain=cooking", "domain"),
        ("language=xx", "language"),
        ("limit=0", "limit"),
        ("limit=many", "limit"),
        ("q=%3F%3F", "q"),
    ],
)
def test_bad_query_input_is_a_clear_400(client, mapped, query, field):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] and field in body["errors"]


def test_a_page_that_does_not_exist_is_a_400(client, mapped):
    response = client.get("/api/v1/hsds/services?page=9")
    assert response.status_code == 400 and "page" in response.json()["errors"]


def test_the_routes_are_in_the_openapi_description(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/hsds/services",
        "/api/v1/hsds/services/{id}",
        "/api/v1/hsds/organizations",
        "/api/v1/services",
    } <= set(paths)
