"""Access and privacy rules that concern volunteers (decision 0010), each through the test
client as the person, an attacker or the coordinator would meet it:

- a sign-up cannot take over a member's record: a new e-mail address counts only once
  confirmed from that mailbox, and a record joins an account only through the invitation
  the person accepts while logged in (never by matching addresses), which replaces the
  secret link;
- asking for the link never breaks the link a person has;
- the secretariat sees a waiting lead's details only when the person agreed to be
  passed on.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail

from organisations.models import Invitation
from volunteers.models import CheckIn, Engagement, Status, Volunteer
from volunteers.tests.factories_sec import make_engagement, make_volunteer

from .test_signup import FORM, _pick, _step_one


def _link(pattern: str, to: str) -> str:
    bodies = [str(m.body) for m in mail.outbox if m.to == [to]]
    found = [re.search(pattern, body) for body in bodies]
    links = [f.group(0) for f in found if f]
    assert links, (to, bodies)
    return links[-1]


@pytest.fixture
def attacker(client, people, committed):
    """Someone without an account signs up for group A with their own address and keeps
    the secret link from the e-mail."""
    with committed():
        _pick(client, _step_one(client, email="aanvaller@example.org", postcode="2800"), groups=[people.group_a.slug])
    return _link(r"/vrijwilligen/aanmelding/[^/\s]+/", "aanvaller@example.org")


def test_changing_the_address_to_a_members_cannot_take_over_their_record(client, people, attacker, committed):
    """The attack of item 1: change the sign-up's address to a member's, have the record
    made a volunteer, and read the member's private check-ins in the download."""
    member = people.volunteer
    with committed():
        client.post(attacker, {**FORM, "action": "save", "email": member.email, "postcode": "2800"})
    record = Volunteer.objects.get(email__in=["aanvaller@example.org", member.email])
    assert record.email == "aanvaller@example.org"  # not changed: waiting for the member's mailbox
    lead = Engagement.objects.get(volunteer=record)
    people.client("coordinator").post(
        f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/", {"action": "make_volunteer"}
    )
    people.client("volunteer").post("/account/vrijwilliger/checkin/", {"load": "5", "note": "Ik ben uitgeput"})
    download = client.get(attacker + "?download=json")
    assert "uitgeput" not in download.content.decode()
    record.refresh_from_db()
    assert record.user_id != member.pk
    assert CheckIn.objects.get(note="Ik ben uitgeput").volunteer.user_id == member.pk


def test_a_new_address_counts_only_after_the_link_sent_to_it_is_used(client, people, attacker, committed):
    with committed():
        response = client.post(attacker, {**FORM, "action": "save", "email": "nieuw@example.org"}, follow=True)
    assert "counts once you click the link" in response.content.decode()
    record = Volunteer.objects.get(email="aanvaller@example.org")
    assert record.pending_email == "nieuw@example.org"
    confirm = _link(r"/vrijwilligen/adres/[^/\s]+/", "nieuw@example.org")
    assert client.get(confirm).status_code == 200  # a GET changes nothing
    record.refresh_from_db()
    assert record.email == "aanvaller@example.org"
    assert client.post(confirm).status_code == 200
    record.refresh_from_db()
    assert (record.email, record.pending_email) == ("nieuw@example.org", "")
    assert client.post(confirm).status_code == 404  # used once


def test_a_confirmation_link_stops_working_when_the_address_changed_meanwhile(client, people, attacker, committed):
    with committed():
        client.post(attacker, {**FORM, "action": "save", "email": "eerste@example.org"})
    first = _link(r"/vrijwilligen/adres/[^/\s]+/", "eerste@example.org")
    with committed():
        client.post(attacker, {**FORM, "action": "save", "email": "tweede@example.org"})
    assert client.post(first).status_code == 404
    assert (
        Volunteer.objects.get(pk=Volunteer.objects.get(email="aanvaller@example.org").pk).email != "eerste@example.org"
    )


def test_accepting_the_invitation_joins_the_record_and_replaces_the_secret_link(client, people, attacker, committed):
    lead = Engagement.objects.get(volunteer__email="aanvaller@example.org")
    with committed():
        people.client("coordinator").post(
            f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/", {"action": "make_volunteer"}
        )
    invitation_link = _link(r"/uitnodiging/[^/\s]+/", "aanvaller@example.org")
    response = client.post(
        invitation_link,
        {
            "full_name": "Amal Haddad",
            "new_password1": "een lang wachtwoord 42",
            "new_password2": "een lang wachtwoord 42",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == Status.ACTIVE and lead.volunteer.user is not None
    assert client.get(attacker).status_code == 404  # the secret link no longer opens the record


def test_a_record_is_never_joined_to_an_account_because_the_addresses_match(client, people, committed):
    """A sign-up made with a member's address (by anyone) stays separate until the member
    accepts an invitation while logged in."""
    lead = make_engagement(make_volunteer("Iemand", email=people.volunteer.email), people.group_a, created=1)
    people.client("coordinator").post(
        f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/", {"action": "make_volunteer"}
    )
    lead.refresh_from_db()
    lead.volunteer.refresh_from_db()
    assert lead.volunteer.user is None and lead.status == Status.INVITED
    assert Invitation.objects.filter(email=people.volunteer.email, accepted_at__isnull=True).exists()


# ---------------------------------------------------------------- 2: the link stays the person's


def test_asking_for_the_link_sends_the_same_link_and_breaks_nothing(client, people, attacker, committed):
    mail.outbox.clear()
    with committed():
        client.post("/vrijwilligen/link/", {"email": "aanvaller@example.org"})
        client.post("/vrijwilligen/link/", {"email": "AANVALLER@example.org"})
    assert [m.to for m in mail.outbox] == [["aanvaller@example.org"]] * 2
    assert all(attacker in m.body for m in mail.outbox)
    assert client.get(attacker).status_code == 200


def test_the_link_page_answers_the_same_for_a_known_and_an_unknown_address(client, people, attacker):
    known = client.post("/vrijwilligen/link/", {"email": "aanvaller@example.org"})
    unknown = client.post("/vrijwilligen/link/", {"email": "niemand@example.org"})
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())


# ---------------------------------------------------------------- 4: the secretariat sees figures


def test_the_waiting_page_names_only_people_who_agreed_to_be_passed_on(people):
    make_engagement(make_volunteer("Pieter Doorgeven", postcode="9000", allow_pass_on=True), people.group_a, created=20)
    make_engagement(make_volunteer("Nora Nee", postcode="9000"), people.group_a, created=15)
    html = people.client("secretariat").get("/secretariaat/vrijwilligers/wachtend/").content.decode()
    assert "Pieter Doorgeven" in html
    assert "Nora Nee" not in html and "did not agree that the secretariat sees their details" in html


def test_the_secretariat_cannot_open_a_lead_that_did_not_agree(people):
    lead = make_engagement(make_volunteer("Nora Nee", email="nora@example.org"), people.group_a, created=20)
    response = people.client("secretariat").get(f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/")
    assert response.status_code == 404
    export = people.client("secretariat").get("/secretariaat/vrijwilligers/export.csv")
    assert b"nora@example.org" not in b"".join(export.streaming_content)


def test_the_consent_text_says_who_sees_the_details(client, db):
    from volunteers.forms.public import ConsentStep

    html = str(ConsentStep())  # the sign-up's last step
    assert "and to nobody else." not in html
    assert "the network&#x27;s secretariat" in html or "the network's secretariat" in html


def test_the_downloaded_data_of_an_account_has_no_other_persons_data(people):
    data = json.loads(people.client("outsider").get("/account/vrijwilliger/gegevens.json").content)
    assert data["volunteer"] is None and data["account"]["email"] == people.outsider.email
