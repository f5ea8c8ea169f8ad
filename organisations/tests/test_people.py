"""Coordinators edit their group and invite volunteers; people can belong to several groups."""

from __future__ import annotations

import re

from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from core.tests.factories import UserFactory
from organisations.models import Invitation, OrganisationMember, Role


def link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def profile_data(org, **overrides) -> dict:
    data = {
        "name": org.name,
        "legal_form": "fv",
        "postcode": "2800",
        "area": "Bonheiden; 2820",
        "activities": ["dutch-conversation", "homework-help"],
        "audiences": ["families"],
        "description": "Elke dinsdag conversatietafel.",
        "website": "https://wim.example.org",
        "public_email": "info@wim.example.org",
        "phone": "015 12 34 56",
    }
    data.update(overrides)
    return data


def test_coordinator_edits_the_profile(people):
    client = people.client("coordinator")
    org = people.group_a
    response = client.post(f"/groepen/{org.slug}/bewerken/", profile_data(org))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.description == "Elke dinsdag conversatietafel."
    assert sorted(a.code for a in org.activities.all()) == ["dutch-conversation", "homework-help"]
    assert [m.name_nl for m in org.area_served.all()] == ["Bonheiden"]
    assert org.latitude is not None


def test_profile_errors_keep_the_input(people):
    client = people.client("coordinator")
    org = people.group_a
    response = client.post(
        f"/groepen/{org.slug}/bewerken/",
        profile_data(org, name=people.group_b.name.upper(), postcode="0000", website="nope"),
    )
    assert response.status_code == 200
    assert {"name", "postcode", "website"} <= set(response.context["form"].errors)
    assert "Elke dinsdag conversatietafel." in response.content.decode()


def test_outsiders_cannot_edit_or_invite(people):
    org = people.group_a
    for role in ("volunteer", "outsider_coordinator"):
        client = people.client(role)
        assert client.post(f"/groepen/{org.slug}/bewerken/", profile_data(org, description="hacked")).status_code == 403
        assert (
            client.post(
                f"/groepen/{org.slug}/mensen/", {"email": "x@example.org", "role": "coordinator", "language": "nl"}
            ).status_code
            == 403
        )
    org.refresh_from_db()
    assert org.description != "hacked" and not Invitation.objects.exists()


def test_outsider_cannot_remove_people_or_revoke_invitations(people):
    member = OrganisationMember.objects.get(user=people.volunteer)
    client = people.client("outsider_coordinator")
    assert client.post(f"/groepen/{people.group_a.slug}/mensen/{member.pk}/verwijderen/").status_code == 403
    # Through their own group's URL the other group's member is simply not found.
    assert client.post(f"/groepen/{people.group_b.slug}/mensen/{member.pk}/verwijderen/").status_code == 404
    member.refresh_from_db()
    assert member.left_at is None


def test_invited_volunteer_accepts_and_joins(people, client, committed):
    coordinator = people.client("coordinator")
    with committed():
        response = coordinator.post(
            f"/groepen/{people.group_a.slug}/mensen/",
            {"full_name": "Nora Nieuw", "email": "Nora@Example.org", "role": "volunteer", "language": "fr"},
        )
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.to == ["nora@example.org"] and "Welcome in Mechelen" in email.subject
    with translation.override("en"):
        english = render_to_string("organisations/email/invitation_subject.txt", {"organisation": people.group_a})
    assert email.subject != english.strip()  # rendered in French, the chosen language
    response = client.post(
        link_from(email),
        {
            "full_name": "Nora Nieuw",
            "new_password1": "nog een lang wachtwoord",
            "new_password2": "nog een lang wachtwoord",
        },
    )
    assert response.status_code == 302
    member = OrganisationMember.objects.get(user__email="nora@example.org")
    assert member.organisation == people.group_a and member.role == Role.VOLUNTEER
    assert member.user.preferred_language == "fr"


def test_existing_account_joins_a_second_group_after_logging_in(people, client, committed):
    outsider_coordinator = people.client("outsider_coordinator")
    with committed():
        outsider_coordinator.post(
            f"/groepen/{people.group_b.slug}/mensen/",
            {"email": people.volunteer.email, "role": "volunteer", "language": "nl"},
        )
    link = link_from(mail.outbox[-1])
    response = client.get(link)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    client.force_login(people.volunteer)
    assert client.post(link).status_code == 302
    assert set(people.volunteer.memberships.values_list("organisation__name", flat=True)) == {
        people.group_a.name,
        people.group_b.name,
    }


def test_inviting_someone_already_in_the_group_is_refused(people):
    response = people.client("coordinator").post(
        f"/groepen/{people.group_a.slug}/mensen/",
        {"email": people.volunteer.email, "role": "volunteer", "language": "nl"},
    )
    assert response.status_code == 200
    assert "already part of this group" in response.content.decode()


def test_a_new_invitation_replaces_the_open_one_and_revoked_links_stop_working(people, client, committed):
    coordinator = people.client("coordinator")
    url = f"/groepen/{people.group_a.slug}/mensen/"
    with committed():
        coordinator.post(url, {"email": "twee@example.org", "role": "volunteer", "language": "nl"})
        coordinator.post(url, {"email": "twee@example.org", "role": "coordinator", "language": "nl"})
    first, second = (link_from(m) for m in mail.outbox)
    assert client.get(first).status_code == 410
    invitation = Invitation.objects.get(revoked_at__isnull=True)
    coordinator.post(f"/groepen/{people.group_a.slug}/uitnodigingen/{invitation.pk}/intrekken/")
    assert client.get(second).status_code == 410


def test_the_last_coordinator_cannot_be_removed(people):
    client = people.client("coordinator")
    me = OrganisationMember.objects.get(user=people.coordinator)
    client.post(f"/groepen/{people.group_a.slug}/mensen/{me.pk}/verwijderen/")
    me.refresh_from_db()
    assert me.left_at is None
    volunteer = OrganisationMember.objects.get(user=people.volunteer)
    client.post(f"/groepen/{people.group_a.slug}/mensen/{volunteer.pk}/verwijderen/")
    volunteer.refresh_from_db()
    assert volunteer.left_at is not None


def test_people_page_lists_members_of_this_group_only(people):
    UserFactory()
    body = people.client("coordinator").get(f"/groepen/{people.group_a.slug}/mensen/").content.decode()
    assert people.volunteer.full_name in body and people.outsider.full_name not in body


def test_coordinator_makes_a_volunteer_coordinator_and_back(people):
    client = people.client("coordinator")
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.volunteer)
    url = f"/groepen/{people.group_a.slug}/mensen/{member.pk}/rol/"
    response = client.post(url, {"role": "coordinator"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.COORDINATOR
    # The new coordinator now manages the group's people.
    assert people.client("volunteer").get(f"/groepen/{people.group_a.slug}/mensen/").status_code == 200
    client.post(url, {"role": "volunteer"})
    member.refresh_from_db()
    assert member.role == Role.VOLUNTEER
    assert client.get(url).status_code == 405


def test_the_last_coordinator_cannot_become_a_volunteer(people):
    client = people.client("coordinator")
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.coordinator)
    response = client.post(
        f"/groepen/{people.group_a.slug}/mensen/{member.pk}/rol/", {"role": "volunteer"}, follow=True
    )
    assert "at least one coordinator" in response.content.decode()
    member.refresh_from_db()
    assert member.role == Role.COORDINATOR


def test_role_changes_are_refused_for_bad_input_and_other_groups(people):
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.volunteer)
    url = f"/groepen/{people.group_a.slug}/mensen/{member.pk}/rol/"
    bad = people.client("coordinator").post(url, {"role": "king"}, follow=True)
    assert "Choose coordinator or volunteer." in bad.content.decode()
    assert people.client("outsider_coordinator").post(url, {"role": "coordinator"}).status_code == 403
    assert people.client("volunteer").post(url, {"role": "coordinator"}).status_code == 403
    member.refresh_from_db()
    assert member.role == Role.VOLUNTEER
