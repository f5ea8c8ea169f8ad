"""The groups' rows of the access matrix (core/tests/roles.py explains the format).

Group A's pages are opened by everyone; the rows marked "[B's ... under A]" put group B's
object under group A's address: A's coordinators must not reach it that way (404)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from core.tests.factories import make_document
from core.tests.roles import (
    COORD,
    GROUP_A_MANAGERS,
    OUT,
    PUBLIC,
    SEC,
    SECRETARIAT_ONLY,
    everyone,
    logged_in,
    row,
)
from organisations.models import Invitation, MembershipApplication, OrganisationMember

# POST-only actions on group A's people: A's coordinators and the secretariat act (302 back to
# the list); B's coordinator passes the policy, so a GET is 405 and a POST is refused by the
# group check (403); everyone else is refused by the policy.
A_PEOPLE_ACTION_GET = {**logged_in(403), COORD: 405, OUT: 405, SEC: 405}
A_PEOPLE_ACTION_POST = {**logged_in(403), COORD: 302, SEC: 302}
# The same action on group B's person under group A's address: nobody finds it there.
B_UNDER_A_POST = {**A_PEOPLE_ACTION_POST, COORD: 404, SEC: 404}
# Removing a person asks to confirm first: the confirmation page for A's coordinators and the
# secretariat; B's coordinator passes the policy and is refused by the group check (403).
A_CONFIRM_GET = {**logged_in(403), COORD: 200, SEC: 200}
B_UNDER_A_CONFIRM_GET = {**A_CONFIRM_GET, COORD: 404, SEC: 404}
# The group's forms: an empty form comes back with its errors (200).
A_FORM_POST = GROUP_A_MANAGERS


def _invitation(org, email):
    invitation = Invitation(organisation=org, email=email, expires_at=timezone.now() + timedelta(days=14))
    invitation.new_token()
    invitation.save()
    return invitation


def urls(people) -> dict:
    a = people.group_a.slug
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.volunteer)
    b_member = OrganisationMember.objects.get(organisation=people.group_b, user=people.outsider)
    invitation = _invitation(people.group_a, "nieuw.a@example.org")
    b_invitation = _invitation(people.group_b, "nieuw.b@example.org")
    document = make_document()
    application = MembershipApplication.objects.create(
        group_name="Nieuwe groep",
        legal_form="fv",
        municipality=people.group_a.municipality,
        description="x",
        contact_name="Iemand",
        contact_email="iemand@example.org",
        motivation="x",
        submission_key="00000000-0000-0000-0000-000000000001",
        token_hash="x" * 64,
    )
    return {
        "api:list_organisations": row("/api/v1/organisations", PUBLIC),
        "api:nearest": row("/api/v1/organisations/nearest?postcode=2800", PUBLIC),
        "api:get_organisation": row(f"/api/v1/organisations/{a}", PUBLIC),
        "organisations:directory": row("/groepen/", PUBLIC),
        "organisations:map_data": row("/groepen/kaart.json", PUBLIC),
        "organisations:detail": row(f"/groepen/{a}/", PUBLIC),
        "organisations:edit": row(f"/groepen/{a}/bewerken/", GROUP_A_MANAGERS, A_FORM_POST),
        "organisations:people": row(f"/groepen/{a}/mensen/", GROUP_A_MANAGERS, A_FORM_POST),
        # A GET asks to confirm the removal (a page of its own); the POST removes.
        "organisations:remove_person": row(
            f"/groepen/{a}/mensen/{member.pk}/verwijderen/", A_CONFIRM_GET, A_PEOPLE_ACTION_POST
        ),
        "organisations:remove_person [B's member under A]": row(
            f"/groepen/{a}/mensen/{b_member.pk}/verwijderen/", B_UNDER_A_CONFIRM_GET, B_UNDER_A_POST
        ),
        # The group's audit log: its coordinators and the secretariat (network actions only).
        "core:group_log": row(f"/groepen/{a}/logboek/", GROUP_A_MANAGERS, A_PEOPLE_ACTION_GET),
        "organisations:change_role": row(
            f"/groepen/{a}/mensen/{member.pk}/rol/", A_PEOPLE_ACTION_GET, A_PEOPLE_ACTION_POST
        ),
        "organisations:change_role [B's member under A]": row(
            f"/groepen/{a}/mensen/{b_member.pk}/rol/", A_PEOPLE_ACTION_GET, B_UNDER_A_POST
        ),
        "organisations:revoke_invitation": row(
            f"/groepen/{a}/uitnodigingen/{invitation.pk}/intrekken/", A_PEOPLE_ACTION_GET, A_PEOPLE_ACTION_POST
        ),
        "organisations:revoke_invitation [B's invitation under A]": row(
            f"/groepen/{a}/uitnodigingen/{b_invitation.pk}/intrekken/", A_PEOPLE_ACTION_GET, B_UNDER_A_POST
        ),
        # The secretariat only; an empty form (no action) is refused with a message (400).
        "organisations:change_membership": row(
            f"/groepen/{a}/lidmaatschap/", {**logged_in(403), SEC: 405}, {**logged_in(403), SEC: 400}
        ),
        "organisations:apply": row("/aansluiten/", PUBLIC, PUBLIC),
        "organisations:apply_done": row("/aansluiten/verstuurd/", PUBLIC),
        "organisations:application_status": row("/aansluiten/aanvraag/not-a-token/", everyone(404), everyone(404)),
        "organisations:accept_invitation": row("/uitnodiging/not-a-token/", everyone(404), everyone(404)),
        "organisations:document_download": row(f"/documenten/{document.pk}/", PUBLIC),
        "organisations:dashboard": row("/secretariaat/", SECRETARIAT_ONLY),
        "organisations:groups": row("/secretariaat/groepen/", SECRETARIAT_ONLY),
        "organisations:applications": row("/secretariaat/aanvragen/", SECRETARIAT_ONLY),
        "organisations:review": row(f"/secretariaat/aanvragen/{application.pk}/", SECRETARIAT_ONLY, SECRETARIAT_ONLY),
        "organisations:documents": row("/secretariaat/documenten/", SECRETARIAT_ONLY, SECRETARIAT_ONLY),
        "organisations:import": row("/secretariaat/import/", SECRETARIAT_ONLY, SECRETARIAT_ONLY),
        "organisations:export": row("/secretariaat/export.csv", SECRETARIAT_ONLY),
    }
