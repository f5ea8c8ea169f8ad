"""Guest professionals (decision 0024): the invitation (link only, one use, expiring), the
account with a second factor, reading only the consented parts of only their family, the
end of access (end date, revoke, closing) at once, the guest as bridge figure, bad input."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from core.models import AuditEvent
from families import guests, services
from families.guest_models import GuestAccess
from families.models import Part, TrajectoryStatus
from families.tests.factories import make_family, make_guest

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def _invite_data(**extra) -> dict:
    data = {
        "action": "invite",
        "name": "Sofie Maes",
        "email": "sofie.maes@ocmw.example",
        "profession": "Maatschappelijk werker, OCMW Mechelen",
        "language": "en",
        "ends_on": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "consent_parts": ["map"],
        "consent_how": "spoken",
        "consent_given_by": "Amal",
    }
    data.update(extra)
    return data


def _verified(user) -> Client:
    """A client logged in as ``user`` with its second factor given."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_invite_accept_and_second_factor(people, committed):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/gasten/"
    mail.outbox.clear()
    with committed():
        response = coordinator.post(url, _invite_data())
    assert response.status_code == 302, response.content
    access = GuestAccess.objects.get()
    assert access.user.email == "sofie.maes@ocmw.example" and not access.user.has_usable_password()
    assert access.accepted_at is None and access.token_hash and len(access.token_hash) == 64
    assert family.consents.filter(receiver=access.user, part=Part.MAP).exists()
    assert AuditEvent.objects.filter(action="family.guest.invite", object_id=family.pk).exists()
    (message,) = mail.outbox
    assert message.to == ["sofie.maes@ocmw.example"]
    assert family.pseudonym not in message.subject + message.body and "Amal" not in message.body
    link = re.search(r"http://[^\s]+/gast/([^/\s]+)/", message.body)
    assert link is not None
    path = f"/gast/{link.group(1)}/"

    # The professional opens the link: a password form; an empty or short password is refused.
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert visitor.get(path).status_code == 200
    response = visitor.post(path, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 400
    response = visitor.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == f"/gezinnen/{family.pk}/"
    access.refresh_from_db()
    assert access.accepted_at is not None
    assert AuditEvent.objects.filter(action="family.guest.accept", actor=access.user).exists()
    # The second factor comes first, though the test settings require it of nobody.
    response = visitor.get(f"/gezinnen/{family.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/account/tweestap/")
    # The link works once: a clear page after that.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = other.get(path)
    assert response.status_code == 410
    assert "already used" in response.content.decode()


def test_guest_needs_second_factor_with_the_setting_set(people, settings):
    settings.OTP_REQUIRED_ROLES = ["guest"]
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator, parts=("map",))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(access.user)
    response = client.get(f"/gezinnen/{family.pk}/netwerkkaart/")
    assert response.status_code == 302 and response["Location"].startswith("/account/tweestap/")


def test_guest_reads_only_consented_parts_of_only_their_family(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    b_family = make_family(people.group_b, people.outsider_coordinator, volunteer=people.outsider)
    access, _token = make_guest(family, people.coordinator, parts=("map", "plan"))
    guest = _verified(access.user)
    t = f"/gezinnen/{family.pk}"
    overview = guest.get(f"{t}/")
    assert overview.status_code == 200
    assert "Amal, " not in overview.content.decode()  # no family members on the guest's overview
    assert guest.get(f"{t}/netwerkkaart/").status_code == 200
    assert "Groter huis" in guest.get(f"{t}/netwerkkaart/").content.decode()
    assert guest.get(f"{t}/handelingsplan/").status_code == 200
    assert guest.get(f"{t}/contacten/").status_code == 404  # no consent for the contact notes
    assert guest.get(f"{t}/toestemming/").status_code == 403
    assert guest.get(f"/gezinnen/{b_family.pk}/").status_code == 404
    assert guest.get(f"/gezinnen/{b_family.pk}/netwerkkaart/").status_code == 404
    assert family.pseudonym in guest.get("/account/gezinnen/").content.decode()
    # Nothing else of the platform: not a member of any group.
    assert not access.user.member_organisation_ids()
    assert guest.get(f"/groepen/{people.group_a.slug}/gezinnen/").status_code == 403
    # A guest writes nothing in the record.
    assert guest.post(f"{t}/netwerkkaart/housing/", {"action": "save", "goes_well": "x"}).status_code == 403
    # Reads are audited like any read (the family's "who read my file").
    reads = AuditEvent.objects.filter(action="family.read", actor=access.user, object_id=family.pk)
    assert set(reads.values_list("part", flat=True)) >= {"overview", "map", "plan"}
    assert set(reads.values_list("actor_role", flat=True)) == {"guest"}
    # A withdrawn consent takes the part away at once.
    consent = family.consents.get(receiver=access.user, part=Part.MAP)
    services.withdraw_consent(consent, acting_user=people.coordinator)
    assert guest.get(f"{t}/netwerkkaart/").status_code == 404


@pytest.mark.parametrize("how", ["ended", "revoked", "closed"])
def test_access_ends_at_once(people, how):
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator, parts=("map",))
    guest = _verified(access.user)
    t = f"/gezinnen/{family.pk}"
    assert guest.get(f"{t}/netwerkkaart/").status_code == 200
    if how == "ended":
        GuestAccess.objects.filter(pk=access.pk).update(ends_on=timezone.localdate() - timedelta(days=1))
    elif how == "revoked":
        response = people.client("coordinator").post(f"{t}/gasten/", {"action": "revoke", "guest": access.pk})
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="family.guest.revoke").exists()
    else:
        services.change_status(family, TrajectoryStatus.CLOSED, acting_user=people.coordinator)
    assert guest.get(f"{t}/").status_code == 404
    assert guest.get(f"{t}/netwerkkaart/").status_code == 404
    assert guest.get("/account/gezinnen/").status_code == 200
    assert family.pseudonym not in guest.get("/account/gezinnen/").content.decode()


def test_already_invited_and_bad_dates_are_refused_clearly(people):
    family = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/gasten/"
    assert coordinator.post(url, _invite_data()).status_code == 302
    response = coordinator.post(url, _invite_data(email="Sofie.Maes@OCMW.example"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "already invited" in body and "Maatschappelijk werker, OCMW Mechelen" in body  # nothing typed lost
    assert GuestAccess.objects.count() == 1
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = coordinator.post(url, _invite_data(email="ander@ocmw.example", ends_on=past))
    assert response.status_code == 400 and "must be in the future" in response.content.decode()
    far = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = coordinator.post(url, _invite_data(email="ander@ocmw.example", ends_on=far))
    assert response.status_code == 400 and "at most 12 months" in response.content.decode()
    response = coordinator.post(url, _invite_data(email="ander@ocmw.example", ends_on="31-02-2026"))
    assert response.status_code == 400
    response = coordinator.post(url, _invite_data(email="ander@ocmw.example", consent_how=""))
    assert response.status_code == 400 and "how the family gave" in response.content.decode()
    # A group member of the family is not a guest.
    response = coordinator.post(url, _invite_data(email=people.coordinator.email))
    assert response.status_code == 400
    assert GuestAccess.objects.count() == 1


def test_hostile_text_is_kept_as_text(people):
    family = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/gasten/"
    hostile = "<script>alert(1)</script>\u202e"
    response = coordinator.post(url, _invite_data(profession=hostile, name="<b>Sofie</b>"))
    assert response.status_code == 302
    page = coordinator.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    response = coordinator.post(url, _invite_data(email="x@example.org", profession="p" * 201))
    assert response.status_code == 400


@pytest.mark.parametrize("state", ["expired", "revoked", "ended", "unknown"])
def test_links_that_no_longer_work(people, state):
    family = make_family(people.group_a, people.coordinator)
    access, token = make_guest(family, people.coordinator, accept=False)
    if state == "expired":
        GuestAccess.objects.filter(pk=access.pk).update(token_expires_at=timezone.now() - timedelta(minutes=1))
    elif state == "revoked":
        guests.revoke(access, acting_user=people.coordinator)
    elif state == "ended":
        services.change_status(family, TrajectoryStatus.CLOSED, acting_user=people.coordinator)
    else:
        token = "nope" + token[4:]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for response in (client.get(f"/gast/{token}/"), client.post(f"/gast/{token}/", {"new_password1": PASSWORD})):
        assert response.status_code == (404 if state == "unknown" else 410)
        assert "This invitation link does not work" in response.content.decode()
    assert GuestAccess.objects.get(pk=access.pk).accepted_at is None


def test_existing_account_logs_in_then_accepts(people):
    family = make_family(people.group_a, people.coordinator)
    existing = User.objects.create_user("clb@example.org", PASSWORD, full_name="Karel CLB")
    access, token = make_guest(family, people.coordinator, existing, accept=False)
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = visitor.get(f"/gast/{token}/")
    assert response.status_code == 200 and "Log in" in response.content.decode()
    assert visitor.post(f"/gast/{token}/").status_code == 400
    # Someone else logged in is told to log out first.
    assert people.client("volunteer").get(f"/gast/{token}/").status_code == 403
    client = _verified(existing)
    response = client.post(f"/gast/{token}/")
    assert response.status_code == 302
    assert GuestAccess.objects.get(pk=access.pk).accepted_at is not None


def test_revoked_guest_can_be_invited_again(people):
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator, parts=("map",))
    guests.revoke(access, acting_user=people.coordinator)
    again, token = make_guest(family, people.coordinator, access.user, accept=False)
    assert again.pk == access.pk and again.revoked_at is None and again.accepted_at is None


def test_guest_bridge_figure_plans_meetings(people):
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator, parts=("plan",))
    guest = _verified(access.user)
    t = f"/gezinnen/{family.pk}"
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"on": day, "at": "10:00", "place": "CLB"}
    assert guest.get(f"{t}/overleg/").status_code == 200
    assert guest.post(f"{t}/overleg/", data).status_code == 403
    coordinator = people.client("coordinator")
    assert coordinator.post(f"{t}/gasten/", {"action": "bridge", "guest": access.pk}).status_code == 302
    family.refresh_from_db()
    assert family.bridge_figure_id == access.user_id
    response = guest.post(f"{t}/overleg/", data)
    assert response.status_code == 302, response.content
    meeting = family.meetings.get()
    assert guest.get(f"{t}/overleg/{meeting.pk}/verslag/").status_code == 200
    # Still only this family, and no coordinators' pages.
    assert guest.get(f"{t}/team/").status_code == 403
    # Revoked: no longer the bridge figure, no longer in.
    guests.revoke(access, acting_user=people.coordinator)
    family.refresh_from_db()
    assert family.bridge_figure_id is None
    assert guest.get(f"{t}/overleg/").status_code == 404


def test_consent_for_a_guest_through_the_consent_page(people):
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator)
    coordinator = people.client("coordinator")
    page = coordinator.get(f"/gezinnen/{family.pk}/toestemming/").content.decode()
    assert f'value="{access.user_id}"' in page
    response = coordinator.post(
        f"/gezinnen/{family.pk}/toestemming/",
        {
            "action": "give",
            "receiver": access.user_id,
            "part": "contacts",
            "how": "spoken",
            "given_by": "Amal",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert _verified(access.user).get(f"/gezinnen/{family.pk}/contacten/").status_code == 200


def test_a_member_of_another_group_as_guest(people):
    """A volunteer of group B invited as a professional to group A's family: both their own
    group's family (as assigned) and this one (as guest), nothing more."""
    family = make_family(people.group_a, people.coordinator)
    b_family = make_family(people.group_b, people.outsider_coordinator, volunteer=people.outsider)
    other_a = make_family(people.group_a, people.coordinator)
    make_guest(family, people.coordinator, people.outsider, parts=("plan",))
    from families.models import Trajectory

    assert set(Trajectory.objects.visible_to(people.outsider)) == {family, b_family}
    assert family.readable_parts(people.outsider) == {"plan"}
    assert other_a.readable_parts(people.outsider) == set()


def test_second_factor_for_a_member_who_is_also_a_guest(people, settings):
    from accounts.middleware import second_factor_required

    family = make_family(people.group_a, people.coordinator)
    make_guest(family, people.coordinator, people.outsider, parts=("plan",))
    settings.OTP_REQUIRED_ROLES = []
    assert not second_factor_required(User.objects.get(pk=people.outsider.pk))
    settings.OTP_REQUIRED_ROLES = ["guest"]
    assert second_factor_required(User.objects.get(pk=people.outsider.pk))


def test_a_guest_sees_no_controls_that_change_the_record(people):
    family = make_family(people.group_a, people.coordinator)
    access, _token = make_guest(family, people.coordinator, parts=("map", "plan", "contacts"))
    guest = _verified(access.user)
    t = f"/gezinnen/{family.pk}"

    def main(url: str) -> str:
        return guest.get(url).content.decode().split("<main", 1)[1]

    plan = main(f"{t}/handelingsplan/")
    assert "Een huis met drie slaapkamers" in plan and "SVK bellen" in plan
    assert 'method="post"' not in plan and f"{t}/handelingsplan/nieuw/" not in plan
    network = main(f"{t}/netwerkkaart/")
    assert "Groter huis" in network and 'method="post"' not in network and f"{t}/netwerkkaart/housing/" not in network
    contacts = main(f"{t}/contacten/")
    assert "Eerste bezoek" in contacts and 'method="post"' not in contacts
    # No referral made or moved by a guest.
    goal = family.goals.get()
    assert guest.post(f"{t}/handelingsplan/{goal.pk}/doorverwijzen/").status_code == 403
    # The coordinator still sees the controls.
    assert f"{t}/handelingsplan/nieuw/" in people.client("coordinator").get(f"{t}/handelingsplan/").content.decode()
