"""Leads waiting 14 days or more: the secretariat's list, passing on (only with consent),
asking the person to choose another group."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tests.factories import OrganisationFactory
from organisations.models import MembershipStatus
from volunteers.models import Engagement, Status
from volunteers.tests.factories_sec import make_engagement, make_volunteer

WAITING = "/secretariaat/vrijwilligers/wachtend/"


def pass_on_url(engagement) -> str:
    return f"{WAITING}{engagement.pk}/doorgeven/"


def ask_url(engagement) -> str:
    return f"{WAITING}{engagement.pk}/vragen/"


@pytest.fixture
def leads(people):
    """In group A: a lead waiting 20 days who agreed to be passed on, one waiting 15 days
    who did not, one waiting 3 days, and one answered."""
    return {
        "consented": make_engagement(
            make_volunteer("Pieter Doorgeven", postcode="9000", allow_pass_on=True), people.group_a, created=20
        ),
        "no_consent": make_engagement(make_volunteer("Nora Nee"), people.group_a, created=15),
        "recent": make_engagement(make_volunteer("Rik Recent"), people.group_a, created=3),
        "answered": make_engagement(make_volunteer("Ann Antwoord"), people.group_a, created=30, contacted=25),
    }


def test_secretariat_sees_leads_waiting_fourteen_days(leads, people):
    response = people.client("secretariat").get(WAITING)
    assert response.status_code == 200
    shown = [item["lead"] for item in response.context["items"]]
    assert shown == [leads["consented"], leads["no_consent"]]  # longest waiting first
    assert [item["days"] for item in response.context["items"]] == [20, 15]
    html = response.content.decode()
    assert "Pieter Doorgeven" in html and "Welcome in Mechelen (WiM)" in html
    assert "Rik Recent" not in html and "Ann Antwoord" not in html


def test_pass_on_offered_only_with_consent(leads, people):
    html = people.client("secretariat").get(WAITING).content.decode()
    assert pass_on_url(leads["consented"]) in html
    assert pass_on_url(leads["no_consent"]) not in html
    assert ask_url(leads["no_consent"]) in html


def test_suggestions_are_the_nearest_other_groups(leads, people):
    response = people.client("secretariat").get(WAITING)
    suggestions = response.context["items"][0]["suggestions"]
    # The person lives in Ghent (9000): the Ghent group first; never the group they wait for.
    assert suggestions[0].organisation == people.group_b
    assert suggestions[0].distance_km is not None and suggestions[0].distance_km < 5
    assert people.group_a not in [s.organisation for s in suggestions]


def test_pass_on_creates_a_lead_for_the_new_group_and_tells_it(leads, people, committed):
    lead = leads["consented"]
    with committed():
        response = people.client("secretariat").post(pass_on_url(lead), {"organisation": people.group_b.slug})
    assert response.status_code == 302
    new = Engagement.objects.get(volunteer=lead.volunteer, organisation=people.group_b)
    assert new.status == Status.LEAD
    lead.refresh_from_db()
    assert lead.passed_on_to == new and lead.withdrawn_at is not None
    assert [m.to for m in mail.outbox] == [[people.outsider_coordinator.email]]
    assert "Pieter" not in mail.outbox[0].body  # a link, never details
    # The old group no longer sees the person; the new one does.
    assert not Engagement.objects.visible_to(people.coordinator).filter(volunteer=lead.volunteer).exists()
    assert Engagement.objects.visible_to(people.outsider_coordinator).filter(pk=new.pk).exists()
    # Nor is the lead waiting any more.
    assert lead not in people.client("secretariat").get(WAITING).context["page"].object_list


def test_pass_on_refused_without_consent(leads, people, committed):
    lead = leads["no_consent"]
    with committed():
        response = people.client("secretariat").post(
            pass_on_url(lead), {"organisation": people.group_b.slug}, follow=True
        )
    assert "did not agree to be passed on" in response.content.decode()
    assert not Engagement.objects.filter(volunteer=lead.volunteer, organisation=people.group_b).exists()
    lead.refresh_from_db()
    assert lead.withdrawn_at is None
    assert mail.outbox == []


@pytest.mark.parametrize(
    "slug, message",
    [
        ("bestaat-niet", "Choose a member group of the network."),
        ("", "Choose a member group of the network."),
        ("FORMER", "Choose a member group of the network."),
        ("SAME", "Choose another group than the one the person is waiting for."),
    ],
)
def test_pass_on_bad_group(leads, people, slug, message):
    former = OrganisationFactory(name="Vroeger lid", status=MembershipStatus.FORMER)
    slug = {"FORMER": former.slug, "SAME": people.group_a.slug}.get(slug, slug)
    lead = leads["consented"]
    response = people.client("secretariat").post(pass_on_url(lead), {"organisation": slug}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Engagement.objects.filter(volunteer=lead.volunteer).count() == 1


def test_pass_on_a_lead_that_no_longer_waits(leads, people):
    client = people.client("secretariat")
    for lead in (leads["recent"], leads["answered"]):
        response = client.post(pass_on_url(lead), {"organisation": people.group_b.slug}, follow=True)
        assert "no longer waiting" in response.content.decode()
    response = client.post(f"{WAITING}999999/doorgeven/", {"organisation": people.group_b.slug}, follow=True)
    assert response.status_code == 200
    # Passing on twice: the second time it is no longer waiting.
    client.post(pass_on_url(leads["consented"]), {"organisation": people.group_b.slug})
    response = client.post(pass_on_url(leads["consented"]), {"organisation": people.group_b.slug}, follow=True)
    assert "no longer waiting" in response.content.decode()


def test_ask_the_person_to_choose_sends_their_link_only(leads, people, committed):
    lead = leads["no_consent"]
    old_hash = lead.volunteer.token_hash
    with committed():
        response = people.client("secretariat").post(ask_url(lead))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]
    assert "/vrijwilligen/aanmelding/" in mail.outbox[0].body
    assert "Welcome in Mechelen" not in mail.outbox[0].body
    lead.volunteer.refresh_from_db()
    assert lead.volunteer.token_hash == old_hash  # the person's link keeps working


def test_ask_without_an_email_address(leads, people):
    lead = leads["no_consent"]
    lead.volunteer.email = ""
    lead.volunteer.save()
    response = people.client("secretariat").post(ask_url(lead), follow=True)
    assert "left no e-mail address" in response.content.decode()


def test_only_the_secretariat(leads, people):
    lead = leads["consented"]
    for role in ("coordinator", "outsider_coordinator", "volunteer"):
        client = people.client(role)
        assert client.get(WAITING).status_code == 403
        assert client.post(pass_on_url(lead), {"organisation": people.group_b.slug}).status_code == 403
        assert client.post(ask_url(lead)).status_code == 403
    assert people.client("secretariat").get(pass_on_url(lead)).status_code == 405
    assert not Engagement.objects.filter(organisation=people.group_b).exists()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(WAITING).status_code == 200
    return len(ctx.captured_queries)


def test_waiting_page_queries_do_not_grow(leads, people):
    client = people.client("secretariat")
    _queries(client)
    small = _queries(client)
    for i in range(10):
        org = OrganisationFactory(postcode="9000")
        make_engagement(make_volunteer(f"Wacht{i} Lang", allow_pass_on=bool(i % 2)), org, created=16 + i)
    assert _queries(client) == small
