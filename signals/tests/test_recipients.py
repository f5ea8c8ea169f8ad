"""Policy recipients with an account: the invitation (one-time link, hashed), one account for
every dossier sent to its address, reading and answering (again after a follow-up), each step
audited; the second factor; nothing else of the platform; bad input."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import User
from core.models import AuditEvent
from signals.models import Addressee, AddresseeChannel, AddresseeStatus, RecipientInvitation, SignalStatus
from signals.tests.factories import make_addressee, make_dossier, make_invitation, make_signal

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-voor-beleid"


def _add(client, dossier, email="beleid@mechelen.example", channel="account"):
    return client.post(
        dossier.get_absolute_url(),
        {
            "action": "addressee",
            "addressee-kind": "ocmw",
            "addressee-name": "OCMW Mechelen",
            "addressee-email": email,
            "addressee-channel": channel,
        },
    )


def _invitation_link(email: str) -> str:
    sent = [m for m in mail.outbox if m.to == [email]]
    found = re.search(r"http\S+(/beleid/uitnodiging/\S+/)", str(sent[-1].body))
    assert found
    return found.group(1)


def test_an_account_addressee_is_invited_makes_its_account_and_gets_every_dossier(people, committed):
    first = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    second = make_dossier(make_signal(people.group_b, status=SignalStatus.CONFIRMED), title="Tolken")
    secretariat = people.client("secretariat")
    with committed():
        assert _add(secretariat, first, email="Beleid@Mechelen.example").status_code == 302
    invitation = RecipientInvitation.objects.get()
    url = _invitation_link("beleid@mechelen.example")
    assert invitation.token_hash not in url  # only the hash is stored
    visitor = people.client(None)
    assert visitor.get(url).status_code == 200
    # Bad input: passwords that differ come back with the name kept.
    page = visitor.post(url, {"full_name": "An Beleid", "password1": PASSWORD, "password2": "iets anders"})
    assert page.status_code == 400 and "An Beleid" in page.content.decode()
    response = visitor.post(url, {"full_name": "An Beleid", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="beleid@mechelen.example")
    assert user.is_policy_recipient and user.roles() == {"policy_recipient"}
    assert Addressee.objects.get(dossier=first).recipient == user
    # The link works once.
    assert people.client(None).get(url).status_code == 410
    # The same address on another dossier: the existing account, no new invitation.
    mail.outbox.clear()
    with committed():
        assert _add(secretariat, second, email="beleid@mechelen.example").status_code == 302
    assert Addressee.objects.get(dossier=second).recipient == user
    assert RecipientInvitation.objects.count() == 1 and not mail.outbox
    assert AuditEvent.objects.filter(action="recipient.joined").exists()


def test_bad_addressees_are_refused_with_a_message(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    client = people.client("secretariat")
    assert _add(client, dossier, channel="link").status_code == 302
    again = _add(client, dossier, email="BELEID@mechelen.example")
    assert again.status_code == 400
    page = again.content.decode()
    assert "already an addressee" in page and "BELEID@mechelen.example" in page  # nothing typed lost
    assert Addressee.objects.count() == 1
    # The address of a volunteer's account cannot become a recipient's account.
    refused = _add(client, dossier, email=people.volunteer.email)
    assert Addressee.objects.count() == 1
    assert refused.status_code == 400 and "not a policy recipient" in refused.content.decode()
    # Hostile text in the name is kept as text.
    client.post(
        dossier.get_absolute_url(),
        {
            "action": "addressee",
            "addressee-kind": "ocmw",
            "addressee-name": "<script>alert(1)</script>",
            "addressee-email": "x@y.example",
        },
    )
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_expired_or_used_invitations_say_so(people):
    expired = make_invitation("oud@stad.example", days=-1)
    used = make_invitation("gebruikt@stad.example", used=True)
    client = people.client(None)
    for token in (expired, used):
        response = client.get(f"/beleid/uitnodiging/{token}/")
        assert response.status_code == 410 and "Ask the secretariat" in response.content.decode()
        posted = client.post(f"/beleid/uitnodiging/{token}/", {"full_name": "X", "password1": PASSWORD})
        assert posted.status_code == 410
    assert not User.objects.filter(email="oud@stad.example").exists()
    assert client.get("/beleid/uitnodiging/onbekend/").status_code == 404


def _recipient(people, dossier, email="beleid@stad.example"):
    user = User.objects.create_user(email, PASSWORD, full_name="Bea Beleid", is_policy_recipient=True)
    addressee, _token = make_addressee(dossier, email=email, recipient=user)
    return user, addressee


def test_the_recipient_reads_and_answers_again_after_a_follow_up_each_step_audited(people, committed):
    dossier = make_dossier(make_signal(people.group_a, people.volunteer, status=SignalStatus.CONFIRMED))
    other = make_dossier(make_signal(people.group_b, status=SignalStatus.CONFIRMED), title="Niet van u")
    make_addressee(other, email="iemand@elders.example")
    user, addressee = _recipient(people, dossier)
    client = people.client(None)
    client.force_login(user)
    home = client.get("/beleid/mijn-dossiers/").content.decode()
    assert dossier.title in home and "Niet van u" not in home
    assert client.get(f"/beleid/mijn-dossiers/{other.pk}/").status_code == 404
    url = f"/beleid/mijn-dossiers/{dossier.pk}/"
    assert client.post(url, {"action": "read"}).status_code == 302
    with committed():
        assert client.post(url, {"action": "answer", "answer": "<b>We</b> agenderen dit."}).status_code == 302
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.ANSWERED
    assert "&lt;b&gt;We" in client.get(url).content.decode()
    # Answering again before a follow-up is refused, nothing changes.
    assert client.post(url, {"action": "answer", "answer": "Nog iets."}).status_code == 400
    from signals import services

    with committed():
        services.ask_follow_up(addressee, acting_user=people.secretariat)
    follow_up = [m for m in mail.outbox if m.to == ["beleid@stad.example"]][-1]
    assert f"/beleid/mijn-dossiers/{dossier.pk}/" in follow_up.body and "/beleid/antwoord/" not in follow_up.body
    too_long = "x" * 5000
    response = client.post(url, {"action": "answer", "answer": too_long})
    assert response.status_code == 400 and too_long in response.content.decode()
    assert client.post(url, {"action": "answer", "answer": "Ook de OCMW-waarborg."}).status_code == 302
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.ANSWERED and "OCMW-waarborg" in addressee.answer
    moves = AuditEvent.objects.filter(action="addressee.status_changed", object_id=addressee.pk).order_by("pk")
    assert [m.details["new"] for m in moves] == ["read", "answered", "follow_up", "read", "answered"]
    assert {m.actor_role for m in moves if m.actor_id == user.pk} == {"policy_recipient"}


def test_sending_to_an_account_mails_a_log_in_link_not_a_token(people, committed):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    user = User.objects.create_user("kabinet@stad.example", PASSWORD, full_name="K", is_policy_recipient=True)
    from signals import services

    addressee = services.add_addressee(
        dossier,
        kind="minister",
        name="Kabinet",
        email=user.email,
        channel=AddresseeChannel.ACCOUNT,
        acting_user=people.secretariat,
    )
    with committed():
        services.send_dossier(dossier, acting_user=people.secretariat)
    body = [m for m in mail.outbox if m.to == [user.email]][-1].body
    assert f"/beleid/mijn-dossiers/{dossier.pk}/" in body and "/beleid/antwoord/" not in body
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.SENT and addressee.link_expires_at is None


def test_the_recipient_needs_a_second_factor_and_sees_nothing_else(people, settings):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    user, _addressee = _recipient(people, dossier)
    client = people.client(None)
    client.force_login(user)
    assert client.get("/signalen/").status_code == 403
    assert client.get("/signalen/overzicht/").status_code == 403
    assert client.get("/secretariaat/dossiers/").status_code == 403
    settings.OTP_REQUIRED_ROLES = ["policy_recipient"]
    response = client.get(f"/beleid/mijn-dossiers/{dossier.pk}/")
    assert response.status_code == 302 and "/account/tweestap/" in response["Location"]


def test_the_default_second_factor_roles_include_the_policy_recipient():
    from pathlib import Path

    settings_text = (Path(__file__).resolve().parents[2] / "gastvrij" / "settings.py").read_text()
    assert '"policy_recipient"]' in settings_text


def test_the_recipients_home_counts_dossiers_waiting(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    user, _addressee = _recipient(people, dossier)
    client = people.client(None)
    client.force_login(user)
    page = client.get("/start/").content.decode()
    assert "Dossiers waiting for your answer" in page and "/beleid/mijn-dossiers/" in page


def test_the_recipients_menu_has_its_dossiers_and_no_invitation_to_join(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    user, _addressee = _recipient(people, dossier)
    client = people.client(None)
    client.force_login(user)
    header = client.get("/beleid/mijn-dossiers/").content.decode()
    assert 'href="/beleid/mijn-dossiers/"' in header
    assert "/vrijwilligen/" not in header and "/aansluiten/" not in header
    page = people.client("secretariat").get(dossier.get_absolute_url()).content.decode()
    assert "Stad Mechelen" in page and "account" in page
