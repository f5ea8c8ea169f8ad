"""Every write of the organisations app leaves an audit row, and the membership and
application statuses move only along their declared tables."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import AuditEvent
from core.tests.factories import OrganisationFactory
from core.transitions import TransitionError
from organisations import services
from organisations.models import (
    ApplicationStatus,
    Invitation,
    MembershipApplication,
    MembershipEvent,
    MembershipStatus,
    OrganisationMember,
    Role,
)
from organisations.services.applications import APPLICATION
from organisations.services.groups import MEMBERSHIP


def _application(org, status=ApplicationStatus.SUBMITTED) -> MembershipApplication:
    application = MembershipApplication(
        group_name=f"Nieuwe groep {uuid.uuid4().hex[:6]}",
        legal_form="fv",
        municipality=org.municipality,
        description="x",
        contact_name="Iemand",
        contact_email="iemand@example.org",
        motivation="x",
        submission_key=uuid.uuid4(),
        status=status,
        decided_at=timezone.now() if status in ("approved", "declined") else None,
    )
    application.new_token()
    application.save()
    return application


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


# ---------------------------------------------------------------- transition tables


@pytest.mark.parametrize(("old", "new", "allowed"), list(MEMBERSHIP.moves()))
def test_membership_moves_along_its_table(people, old, new, allowed):
    org = OrganisationFactory(status=old)
    if allowed:
        services.set_membership(org, new, acting_user=people.secretariat)
        org.refresh_from_db()
        assert org.status == new
        assert MembershipEvent.objects.filter(organisation=org, status=new).exists()
        event = AuditEvent.objects.get(action="organisation.membership_changed")
        assert event.details == {"old": old, "new": new} and event.network
    else:
        with pytest.raises(TransitionError):
            services.set_membership(org, new, acting_user=people.secretariat)
        org.refresh_from_db()
        assert org.status == old and not AuditEvent.objects.exists()


@pytest.mark.parametrize(("old", "new", "allowed"), list(APPLICATION.moves()))
def test_applications_move_along_their_table(people, old, new, allowed):
    application = _application(people.group_a, status=old)
    if allowed:
        moved = services.move_application(application, new)
        assert MembershipApplication.objects.get(pk=application.pk).status == new == moved.status
        assert (moved.decided_at is not None) == (new in ("approved", "declined"))
    else:
        with pytest.raises(TransitionError):
            services.move_application(application, new)
        assert MembershipApplication.objects.get(pk=application.pk).status == old


def test_a_decided_application_says_so(people):
    application = _application(people.group_a, status=ApplicationStatus.DECLINED)
    with pytest.raises(TransitionError, match="already been decided"):
        services.approve_application(application, acting_user=people.secretariat)


# ---------------------------------------------------------------- audit rows


def test_the_review_of_an_application_is_recorded(people):
    application = _application(people.group_a)
    services.request_information(application, acting_user=people.secretariat, message="Wie komt naar de vergadering?")
    org = services.approve_application(application, acting_user=people.secretariat)
    assert _actions() == ["application.info_requested", "application.approved", "invitation.sent"]
    approved = AuditEvent.objects.get(action="application.approved")
    assert (approved.actor_id, approved.actor_role, approved.organisation_id) == (
        people.secretariat.pk,
        "secretariat",
        org.pk,
    )
    assert approved.details == {}  # the secretariat's message to the group is not copied


def test_people_changes_are_recorded_for_the_group(people, client):
    client.force_login(people.coordinator)
    a = people.group_a
    client.post(
        f"/groepen/{a.slug}/mensen/",
        {"email": "nieuw@example.org", "full_name": "Nieuw", "role": "volunteer", "language": "nl"},
    )
    invitation = Invitation.objects.get(email="nieuw@example.org")
    client.post(f"/groepen/{a.slug}/uitnodigingen/{invitation.pk}/intrekken/")
    member = OrganisationMember.objects.get(organisation=a, user=people.volunteer)
    client.post(f"/groepen/{a.slug}/mensen/{member.pk}/rol/", {"role": "coordinator"})
    client.post(f"/groepen/{a.slug}/mensen/{member.pk}/verwijderen/")
    assert _actions() == ["invitation.sent", "invitation.revoked", "member.role_changed", "member.removed"]
    rows = AuditEvent.objects.filter(organisation_id=a.pk, actor=people.coordinator, actor_role="coordinator")
    assert rows.count() == 4
    assert AuditEvent.objects.get(action="member.role_changed").details == {"old": "volunteer", "new": "coordinator"}
    assert "nieuw@example.org" not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_accepting_an_invitation_is_recorded(people):
    invitation = services.invite_person(people.group_a, email=people.outsider.email, acting_user=people.coordinator)
    services.accept_invitation(invitation, people.outsider)
    event = AuditEvent.objects.get(action="invitation.accepted")
    assert (event.actor_id, event.organisation_id, event.details) == (
        people.outsider.pk,
        people.group_a.pk,
        {"joined_as": "volunteer"},
    )


def test_profile_membership_documents_imports_and_exports_are_recorded(people, client):
    client.force_login(people.secretariat)
    a = people.group_a
    client.post(f"/groepen/{a.slug}/lidmaatschap/", {"action": "end", "note": ""})
    client.post(
        "/secretariaat/documenten/",
        {"kind": "statutes", "title": "Statuten 2026", "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    upload = SimpleUploadedFile("leden.csv", b"name,legal_form,postcode\nNieuw Leven,vzw,2800\n")
    client.post("/secretariaat/import/", {"file": upload})
    client.get("/secretariaat/export.csv")
    assert _actions() == [
        "organisation.membership_changed",
        "document.uploaded",
        "organisation.imported",
        "organisations.exported",
    ]
    assert AuditEvent.objects.filter(network=True).count() == 4


def test_a_group_that_left_cannot_invite_and_its_invitations_stop_working(people):
    invitation = services.invite_person(people.group_a, email="later@example.org", acting_user=people.coordinator)
    services.end_membership(people.group_a, acting_user=people.secretariat)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(services.invitations.ServiceError, match="not a member of the network"):
        services.invite_person(people.group_a, email="nog@example.org", acting_user=people.secretariat)


def test_the_last_coordinator_stays_and_nothing_is_recorded(people):
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.coordinator)
    with pytest.raises(services.groups.ServiceError, match="at least one coordinator"):
        services.change_role(member, Role.VOLUNTEER, acting_user=people.coordinator)
    assert not AuditEvent.objects.exists()
    assert MembershipStatus.MEMBER == people.group_a.status
