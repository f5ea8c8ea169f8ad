"""The directory: proposing and reviewing entries, the status table, the audit log, finding
help by need and place, and the members' layer kept away from everyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.tests.factories import OrganisationFactory, UserFactory
from core.transitions import TransitionError
from organisations.models import MembershipStatus, OrganisationMember, Role
from socialmap import services
from socialmap.models import EntryStatus, Service, ServiceChange

from .factories import make_service

pytestmark = pytest.mark.django_db

NOTE = "Vraag naar Ann van de woonbegeleiding, niet aan het onthaal"


def test_the_entry_table_allows_publishing_or_declining_a_proposal_only():
    allowed = {(old, new) for old, new, ok in services.ENTRY.moves() if ok}
    assert allowed == {("proposed", "published"), ("proposed", "declined")}


def test_a_member_proposes_a_service_and_an_editor_publishes_it(people, client):
    client.force_login(people.volunteer)
    response = client.post(
        "/sociale-kaart/nieuw/",
        {
            "organization_name": "CAW Boom Mechelen Lier",
            "name": "Onthaal CAW",
            "description": "Vragen over wonen, geld en relaties.",
            "municipality": "Mechelen",
            "postcode": "2800",
            "areas": "Mechelen, Bonheiden",
            "domain_list": ["housing", "finances"],
            "language_list": ["nl", "fr"],
            "no_papers_needed": "on",
            "appointment": "drop_in",
            "cost": "free",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Onthaal CAW")
    assert service.status == EntryStatus.PROPOSED and service.domain_codes == ["housing", "finances"]
    assert service.latitude is not None and service.has_area
    # Not public yet.
    assert client.logout() is None
    assert client.get(service.get_absolute_url()).status_code == 404
    assert "Onthaal CAW" not in client.get("/sociale-kaart/?q=onthaal").content.decode()

    editor = people.secretariat
    client.force_login(editor)
    response = client.post(f"/sociale-kaart/nalezen/diensten/{service.pk}/", {"decision": "publish"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == EntryStatus.PUBLISHED and service.verified_at is not None
    with pytest.raises(TransitionError):
        services.decline_service(service, editor=editor)
    actions = list(AuditEvent.objects.filter(object_id=service.pk).values_list("action", flat=True))
    assert {"socialmap.service_proposed", "socialmap.service_published"} <= set(actions)


def test_a_bad_municipality_is_a_message_and_nothing_is_saved(people, client):
    client.force_login(people.volunteer)
    response = client.post(
        "/sociale-kaart/nieuw/",
        {
            "organization_name": "X",
            "name": "Y",
            "description": "Z",
            "municipality": "Atlantis",
            "domain_list": ["housing"],
        },
    )
    assert response.status_code == 200 and "We do not know the municipality" in response.content.decode()
    assert not Service.objects.exists()


def test_search_by_words_domain_place_language_and_welcome(client):
    make_service("Huurdersbond Antwerpen", organization="Huurdersbond", place="Antwerpen", domains=["housing"])
    make_service(
        "Juridisch advies",
        organization="Dokters van de Wereld",
        place="Mechelen",
        areas=["Mechelen", "Bonheiden"],
        domains=["health"],
        languages=["nl", "ar"],
        no_papers_needed=True,
    )
    page = client.get("/sociale-kaart/?q=huurdersbond").content.decode()
    assert "Huurdersbond Antwerpen" in page and "Juridisch advies" not in page
    # The area covers Bonheiden (2820): found there, not in Antwerp (2000).
    assert "Juridisch advies" in client.get("/sociale-kaart/?near=2820").content.decode()
    page = client.get("/sociale-kaart/?near=2000").content.decode()
    assert "Juridisch advies" not in page and "Huurdersbond Antwerpen" in page
    assert "Juridisch advies" in client.get("/sociale-kaart/?language=ar&welcome=no_papers").content.decode()
    assert "Huurdersbond" not in client.get("/sociale-kaart/?domain=health").content.decode()


def test_bad_search_input_is_a_message_not_a_500(client):
    response = client.get("/sociale-kaart/?near=abc&domain=nonsense&language=xx")
    assert response.status_code == 200
    assert "is not a Belgian postcode" in response.content.decode()


def test_practice_notes_and_contacts_are_for_members_only(people, client):
    service = make_service("Sociaal huis Mechelen")
    services.add_note(service, author=people.volunteer, text=NOTE)
    services.add_contact(service, added_by=people.volunteer, name="Ann Peeters", role="woonbegeleider")
    url = service.get_absolute_url()
    former = UserFactory(full_name="Frieda Vroeger")
    left = OrganisationFactory(name="Vroeger Lid", postcode="9000", status=MembershipStatus.FORMER)
    OrganisationMember.objects.create(organisation=left, user=former, role=Role.COORDINATOR)
    for who in (None, former):
        if who is not None:
            client.force_login(who)
        page = client.get(url).content.decode()
        assert "Sociaal huis Mechelen" in page
        assert NOTE not in page and "Ann Peeters" not in page
        assert "Sociaal huis Mechelen" not in client.get("/sociale-kaart/?q=woonbegeleiding").content.decode()
    client.force_login(people.outsider)
    page = client.get(url).content.decode()
    assert NOTE in page and "Ann Peeters" in page


def test_a_members_change_goes_to_review_and_is_applied_when_published(people, client):
    service = make_service("Sociaal huis Mechelen")
    client.force_login(people.volunteer)
    data = {
        "name": service.name,
        "description": service.description,
        "domain_list": ["housing"],
        "language_list": ["nl"],
        "hours": "Maandag 9-12 u. zonder afspraak",
        "appointment": "",
        "cost": "",
    }
    assert client.post(f"/sociale-kaart/{service.pk}/wijzigen/", data).status_code == 302
    change = ServiceChange.objects.get()
    assert change.data == {"hours": "Maandag 9-12 u. zonder afspraak"}
    service.refresh_from_db()
    assert service.hours == ""
    # Nothing changed: a message.
    response = client.post(f"/sociale-kaart/{service.pk}/wijzigen/", {**data, "hours": ""})
    assert "You have not changed anything yet." in response.content.decode()
    services.publish_change(change, editor=people.secretariat)
    service.refresh_from_db()
    assert service.hours == "Maandag 9-12 u. zonder afspraak"


def test_an_entry_not_verified_for_12_months_is_flagged(people, client):
    service = make_service("Sociaal huis Mechelen")
    Service.objects.filter(pk=service.pk).update(verified_at=timezone.now() - timedelta(days=400))
    assert "Not verified for 12 months" in client.get(service.get_absolute_url()).content.decode()
    client.force_login(people.secretariat)
    assert "Sociaal huis Mechelen" in client.get("/sociale-kaart/nalezen/").content.decode()
    services.mark_verified(Service.objects.get(pk=service.pk), editor=people.secretariat)
    client.logout()
    assert "Not verified for 12 months" not in client.get(service.get_absolute_url()).content.decode()


def test_a_note_with_a_phone_number_is_pointed_out_before_it_is_saved(people, client):
    service = make_service("Sociaal huis Mechelen")
    client.force_login(people.volunteer)
    url = f"/sociale-kaart/{service.pk}/notities/"
    response = client.post(url, {"text": "Bel Fatima op 0470 12 34 56"})
    assert response.status_code == 200 and not service.notes.exists()
    seen = response.context["note_form"].data["personal_data_seen"]
    response = client.post(
        url, {"text": "Bel Fatima op 0470 12 34 56", "personal_data_seen": seen, "personal_data_confirmed": "on"}
    )
    assert response.status_code == 302 and service.notes.count() == 1
