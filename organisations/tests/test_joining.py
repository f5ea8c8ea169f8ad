"""The membership application (aansluitingsformulier) and its review by the secretariat."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core import mail

from core.tests.factories import OrganisationFactory, make_document
from organisations.models import (
    ApplicationStatus,
    Invitation,
    MembershipApplication,
    MembershipEvent,
    Organisation,
    OrganisationMember,
    Role,
)


def application_data(**overrides) -> dict:
    data = {
        "group_name": "Welkom in Leuven",
        "legal_form": "fv",
        "postcode": "3000",
        "area": "Herent, 3010",
        "activities": ["dutch-conversation", "buddy"],
        "audiences": ["newcomers"],
        "description": "Conversation tables every Tuesday.",
        "website": "",
        "contact_name": "Els Vandenberghe",
        "contact_email": "els@example.org",
        "contact_phone": "",
        "motivation": "We want to learn from other groups.",
        "accept_statutes": "on",
        "accept_rules": "on",
        "submission_key": str(uuid.uuid4()),
        "website_url": "",
    }
    data.update(overrides)
    return data


def start_form(client) -> str:
    """Open the form like a person and return its signed start time."""
    body = client.get("/aansluiten/").content.decode()
    match = re.search(r'name="form_started" value="([^"]+)"', body)
    assert match
    return match.group(1)


@pytest.fixture
def documents(db):
    return [make_document("statutes", "Statuten"), make_document("rules", "Huishoudelijk reglement")]


def submit(client, committed=None, **overrides):
    data = application_data(form_started=start_form(client), **overrides)
    if committed is None:
        return client.post("/aansluiten/", data)
    with committed():
        return client.post("/aansluiten/", data)


def link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_group_applies_and_receives_a_link(client, documents, committed):
    response = submit(client, committed)
    assert response.status_code == 302 and response["Location"] == "/aansluiten/verstuurd/"
    application = MembershipApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.municipality.name_nl == "Leuven"
    assert sorted(m.name_nl for m in application.area_served.all()) == ["Herent", "Leuven"]  # 3010 is Leuven
    assert set(application.accepted_documents.all()) == set(documents)
    to = sorted(m.to[0] for m in mail.outbox)
    assert "els@example.org" in to and len(mail.outbox) == 2  # the group and the secretariat
    receipt = next(m for m in mail.outbox if m.to == ["els@example.org"])
    assert client.get(link_from(receipt)).status_code == 200


def test_the_same_form_sent_twice_is_saved_once(client, documents):
    data = application_data(form_started=start_form(client))
    client.post("/aansluiten/", data)
    response = client.post("/aansluiten/", data, follow=True)
    assert MembershipApplication.objects.count() == 1
    assert "already received" in response.content.decode()


def test_statutes_and_rules_must_be_accepted(client, documents):
    response = submit(client, accept_statutes="", accept_rules="")
    assert response.status_code == 200
    assert {"accept_statutes", "accept_rules"} <= set(response.context["form"].errors)
    assert MembershipApplication.objects.count() == 0


def test_bad_input_keeps_what_was_typed(client, documents):
    response = submit(client, postcode="12", area="Atlantis", contact_email="not-an-email")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"postcode", "area", "contact_email"} <= set(errors)
    body = response.content.decode()
    assert "Conversation tables every Tuesday." in body and "We want to learn from other groups." in body
    # A summary at the top links to each field with a problem.
    assert "govuk-error-summary" in body and 'href="#id_postcode"' in body and 'href="#id_contact_email"' in body


def test_name_of_an_existing_group_is_refused_case_insensitively(client, documents):
    OrganisationFactory(name="Welkom in Leuven", postcode="3000")
    response = submit(client, group_name="WELKOM IN LEUVEN")
    assert "group_name" in response.context["form"].errors


def test_honeypot_and_tampered_timestamp_are_refused_without_losing_input(client, documents):
    response = submit(client, website_url="http://spam.example")
    assert response.status_code == 200 and MembershipApplication.objects.count() == 0
    response = client.post("/aansluiten/", application_data(form_started="forged"))
    assert response.status_code == 200 and MembershipApplication.objects.count() == 0
    assert "Conversation tables every Tuesday." in response.content.decode()


def test_too_fast_submission_is_refused(client, documents, settings):
    settings.SPAM_MIN_SECONDS = 60
    response = submit(client)
    assert response.status_code == 200 and MembershipApplication.objects.count() == 0


def test_bulk_submissions_from_one_address_are_limited(client, documents, settings):
    settings.SPAM_MAX_PER_HOUR = 2
    for i in range(2):
        assert submit(client, group_name=f"Groep {i}").status_code == 302
    response = submit(client, group_name="Groep 3")
    assert response.status_code == 200
    assert "Too many applications" in response.content.decode()
    assert MembershipApplication.objects.count() == 2


def test_script_in_text_fields_is_shown_escaped(client, documents, people):
    submit(client, description="<script>alert('x')</script>")
    client.force_login(people.secretariat)
    application = MembershipApplication.objects.get()
    body = client.get(f"/secretariaat/aanvragen/{application.pk}/").content.decode()
    assert "<script>alert('x')</script>" not in body and "&lt;script&gt;" in body


@pytest.fixture
def application(client, documents):
    submit(client)
    mail.outbox.clear()
    return MembershipApplication.objects.get()


def test_secretariat_approves_and_contact_person_becomes_coordinator(client, people, application, committed):
    client.force_login(people.secretariat)
    with committed():
        response = client.post(
            f"/secretariaat/aanvragen/{application.pk}/", {"action": "approve", "message": "Welkom!"}
        )
    assert response.status_code == 302
    org = Organisation.objects.get(name="Welkom in Leuven")
    assert [e.status for e in MembershipEvent.objects.filter(organisation=org)] == ["applied", "member"]
    assert org.latitude is not None and org.member_since is not None
    (email,) = mail.outbox
    assert email.to == ["els@example.org"] and "Welkom!" in email.body
    link = link_from(email)
    assert link.startswith("/uitnodiging/")

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link,
        {
            "full_name": "Els Vandenberghe",
            "new_password1": "een lang wachtwoord 42",
            "new_password2": "een lang wachtwoord 42",
        },
    )
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    member = OrganisationMember.objects.get(organisation=org)
    assert member.role == Role.COORDINATOR and member.user.email == "els@example.org"
    assert member.user.check_password("een lang wachtwoord 42")
    # The link works once.
    client.logout()
    assert client.get(link).status_code == 410


def test_ask_for_information_then_group_answers(client, people, application, committed):
    client.force_login(people.secretariat)
    with committed():
        client.post(
            f"/secretariaat/aanvragen/{application.pk}/",
            {"action": "info", "message": "Wie komt naar de vergaderingen?"},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    (email,) = mail.outbox
    assert "Wie komt naar de vergaderingen?" in email.body
    client.logout()
    link = link_from(email)
    data = application_data(description="Conversation tables and a buddy project.", reply="Els komt.")
    response = client.post(link, data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.description == "Conversation tables and a buddy project."
    assert [m.kind for m in application.messages.all()] == ["info", "applicant"]


def test_decline_needs_a_message_and_is_emailed(client, people, application, committed):
    client.force_login(people.secretariat)
    response = client.post(f"/secretariaat/aanvragen/{application.pk}/", {"action": "decline", "message": ""})
    assert response.status_code == 200 and "message" in response.context["form"].errors
    with committed():
        client.post(
            f"/secretariaat/aanvragen/{application.pk}/", {"action": "decline", "message": "Geen vrijwilligersgroep."}
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert "Geen vrijwilligersgroep." in mail.outbox[-1].body
    # A decided application cannot be decided again.
    response = client.post(f"/secretariaat/aanvragen/{application.pk}/", {"action": "approve", "message": ""})
    assert Organisation.objects.filter(name="Welkom in Leuven").count() == 0


def test_approving_a_name_that_became_taken_is_refused_without_changes(client, people, application):
    OrganisationFactory(name="welkom in leuven", postcode="3000")
    client.force_login(people.secretariat)
    response = client.post(f"/secretariaat/aanvragen/{application.pk}/", {"action": "approve", "message": ""})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and not Invitation.objects.exists()


def test_emails_are_in_the_applicants_language(client, documents, people):
    client.cookies["django_language"] = "fr"
    submit(client)
    application = MembershipApplication.objects.get()
    assert application.language == "fr"


def test_expired_or_reused_invitation_links_get_a_clear_page(client, people, committed):
    from datetime import timedelta

    from django.utils import timezone

    from organisations import services

    with committed():
        invitation = services.invite_person(people.group_a, email="nieuw@example.org", acting_user=people.coordinator)
    link = link_from(mail.outbox[-1])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = client.get(link)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert client.get("/uitnodiging/garbage/").status_code == 404


def test_membership_can_end_and_history_is_kept(client, people):
    client.force_login(people.secretariat)
    org = people.group_a
    client.post(f"/groepen/{org.slug}/lidmaatschap/", {"action": "end", "note": "Groep gestopt"})
    org.refresh_from_db()
    assert org.status == "former"
    assert MembershipEvent.objects.filter(organisation=org, status="former", note="Groep gestopt").exists()
    assert client.get(org.get_absolute_url()).status_code == 200  # the secretariat still sees it
    client.logout()
    assert client.get(org.get_absolute_url()).status_code == 404


def test_secretariat_uploads_documents_and_bad_files_are_refused(client, people, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.secretariat)
    fake = SimpleUploadedFile("statuten.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf")
    response = client.post("/secretariaat/documenten/", {"kind": "statutes", "title": "Statuten", "file": fake})
    assert response.status_code == 200 and "not a PDF" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("s.pdf", b"%PDF-" + b"x" * 200, content_type="application/pdf")
    response = client.post("/secretariaat/documenten/", {"kind": "statutes", "title": "Statuten", "file": big})
    assert "limit" in response.content.decode()
    settings.MAX_UPLOAD_BYTES = 10_000
    good = SimpleUploadedFile("s.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = client.post("/secretariaat/documenten/", {"kind": "statutes", "title": "Statuten 2026", "file": good})
    assert response.status_code == 302


def test_dashboard_shows_waiting_applications_and_counts(client, people, application):
    client.force_login(people.secretariat)
    response = client.get("/secretariaat/")
    figures = response.context["figures"]
    assert figures["waiting"] == 1 and figures["groups"] == 2 and figures["volunteers"] == 4
    assert "Welkom in Leuven" in response.content.decode()


def test_dashboard_figures_follow_new_members_at_once(people, client, committed):
    from organisations import services

    secretariat = people.client("secretariat")
    before = secretariat.get("/secretariaat/").context["figures"]["volunteers"]
    with committed():
        services.invite_person(people.group_a, email="nieuw@example.org", acting_user=people.coordinator)
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]
    with committed():
        client.post(
            link,
            {
                "full_name": "Nieuw",
                "new_password1": "een lang wachtwoord 42",
                "new_password2": "een lang wachtwoord 42",
            },
        )
    assert secretariat.get("/secretariaat/").context["figures"]["volunteers"] == before + 1
