"""A person of a group that left the network loses every members-only right at once
(docs/architecture.md, "Who uses it"): one place decides (``User.member_organisation_ids``),
and each door asks it. Each door is tried by the former group's coordinator and volunteer,
with the request that works for a member with rights."""

from __future__ import annotations

import pytest

from organisations import services as org_services
from organisations.models import Invitation, OrganisationMember
from toolkit import services as toolkit_services
from toolkit.tests.factories import make_page, make_suggestion
from volunteers.tests.factories_group import make_engagement, make_vacancy


@pytest.fixture
def former(people):
    """Group A with its doors' objects, before it leaves the network."""
    a = people.group_a
    members_page = make_page("Alleen voor leden", visibility="members")
    question = toolkit_services.ask_question(
        author=people.outsider, title="Huurwaarborg?", body="", life_domain="housing"
    )
    answer = toolkit_services.answer_question(question, author=people.volunteer, body="Bij het OCMW.")
    own_question = toolkit_services.ask_question(
        author=people.volunteer, title="Eigen vraag", body="", life_domain="housing"
    )
    own_answer = toolkit_services.answer_question(own_question, author=people.outsider, body="Zo.")
    suggestion = make_suggestion(members_page, people.volunteer)
    member = OrganisationMember.objects.get(organisation=a, user=people.volunteer)
    invitation = org_services.invite_person(a, email="later@example.org", acting_user=people.coordinator)
    engagement = make_engagement(a)
    vacancy = make_vacancy(a)
    return {
        "page": members_page,
        "question": question,
        "answer": answer,
        "own_answer": own_answer,
        "suggestion": suggestion,
        "member": member,
        "invitation": invitation,
        "engagement": engagement,
        "vacancy": vacancy,
    }


def _doors(people, o) -> dict[str, tuple[str, str, dict, str]]:
    """{door: (method, url, data, who)}; ``who`` is the person of group A for whom it works today."""
    a = people.group_a.slug
    p = o["page"].slug
    return {
        "members-only Toolkit page": ("get", f"/toolkit/{p}/", {}, "volunteer"),
        "members-only page to print": ("get", f"/toolkit/{p}/afdrukken/", {}, "volunteer"),
        "questions of the network": ("get", "/toolkit/vragen/", {}, "volunteer"),
        "a question": ("get", f"/toolkit/vragen/{o['question'].pk}/", {}, "volunteer"),
        "ask a question": (
            "post",
            "/toolkit/vragen/nieuw/",
            {"title": "Nog een vraag", "body": "", "life_domain": "housing"},
            "volunteer",
        ),
        "answer a question": ("post", f"/toolkit/vragen/{o['question'].pk}/antwoorden/", {"body": "Ja."}, "volunteer"),
        "follow a question": ("post", f"/toolkit/vragen/{o['question'].pk}/volgen/", {"follow": "1"}, "volunteer"),
        "mark the answer that helped": (
            "post",
            f"/toolkit/vragen/antwoorden/{o['own_answer'].pk}/geholpen/",
            {},
            "volunteer",
        ),
        "suggest a change": ("get", f"/toolkit/{p}/voorstellen/", {}, "volunteer"),
        "discuss one's suggestion": ("get", f"/toolkit/voorstellen/{o['suggestion'].pk}/", {}, "volunteer"),
        "say one knows a topic": ("post", f"/toolkit/{p}/expert/", {"expert": "1"}, "volunteer"),
        "invite people": (
            "post",
            f"/groepen/{a}/mensen/",
            {"email": "nieuw@example.org", "full_name": "", "role": "volunteer", "language": "nl"},
            "coordinator",
        ),
        "the people page": ("get", f"/groepen/{a}/mensen/", {}, "coordinator"),
        "edit the profile": ("get", f"/groepen/{a}/bewerken/", {}, "coordinator"),
        "change a role": ("post", f"/groepen/{a}/mensen/{o['member'].pk}/rol/", {"role": "coordinator"}, "coordinator"),
        "remove a person": ("post", f"/groepen/{a}/mensen/{o['member'].pk}/verwijderen/", {}, "coordinator"),
        "withdraw an invitation": (
            "post",
            f"/groepen/{a}/uitnodigingen/{o['invitation'].pk}/intrekken/",
            {},
            "coordinator",
        ),
        "the leads inbox": ("get", f"/groepen/{a}/vrijwilligers/", {}, "coordinator"),
        "a lead": ("get", f"/groepen/{a}/vrijwilligers/{o['engagement'].pk}/", {}, "coordinator"),
        "the vacancies": ("get", f"/groepen/{a}/vacatures/", {}, "coordinator"),
        "a new vacancy": ("get", f"/groepen/{a}/vacatures/nieuw/", {}, "coordinator"),
        "close a vacancy": ("post", f"/groepen/{a}/vacatures/{o['vacancy'].pk}/sluiten/", {}, "coordinator"),
        "the interpreters": ("get", f"/groepen/{a}/tolken/", {}, "coordinator"),
        "the group's figures": ("get", f"/groepen/{a}/vrijwilligers/cijfers/", {}, "coordinator"),
        "the group's audit log": ("get", f"/groepen/{a}/logboek/", {}, "coordinator"),
    }


def _door_names() -> list[str]:
    return [
        "members-only Toolkit page",
        "members-only page to print",
        "questions of the network",
        "a question",
        "ask a question",
        "answer a question",
        "follow a question",
        "mark the answer that helped",
        "suggest a change",
        "discuss one's suggestion",
        "say one knows a topic",
        "invite people",
        "the people page",
        "edit the profile",
        "change a role",
        "remove a person",
        "withdraw an invitation",
        "the leads inbox",
        "a lead",
        "the vacancies",
        "a new vacancy",
        "close a vacancy",
        "the interpreters",
        "the group's figures",
        "the group's audit log",
    ]


@pytest.mark.parametrize("door", _door_names())
def test_a_door_open_to_a_member_closes_when_the_group_leaves_the_network(people, former, door):
    method, url, data, who = _doors(people, former)[door]
    client = people.client(who)
    org_services.end_membership(people.group_a, acting_user=people.secretariat)
    response = getattr(client, method)(url, data)
    assert response.status_code in (403, 404), (door, response.status_code)


@pytest.mark.parametrize("door", _door_names())
def test_the_same_door_is_open_while_the_group_is_a_member(people, former, door):
    """The other half: the request itself is right (so the test above tests the group's status)."""
    doors = _doors(people, former)
    assert set(doors) == set(_door_names())
    method, url, data, who = doors[door]
    response = getattr(people.client(who), method)(url, data)
    assert response.status_code in (200, 302), (door, response.status_code)


def test_the_search_shows_a_former_groups_people_public_pages_only(people, former):
    make_page("Huurwaarborg voor iedereen", visibility="public")
    org_services.end_membership(people.group_a, acting_user=people.secretariat)
    kinds = {hit["kind"] for hit in people.client("volunteer").get("/api/v1/search?q=huurwaarborg").json()["results"]}
    assert kinds <= {"page", "term"}
    assert "Alleen voor leden" not in str(people.client("volunteer").get("/api/v1/search?q=leden").json())


def test_an_open_invitation_of_a_group_that_left_cannot_be_accepted(people, former):
    org_services.end_membership(people.group_a, acting_user=people.secretariat)
    invitation = Invitation.objects.get(pk=former["invitation"].pk)
    assert invitation.revoked_at is not None
