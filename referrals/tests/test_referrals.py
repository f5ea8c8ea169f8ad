"""Warm referrals end to end through the pages, and what reaches the service's link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from families import services as family_services
from families.models import Consent, Part
from families.tests.factories import make_family
from referrals import services
from referrals.models import ActorService, Referral, ReferralStatus, SharedField
from referrals.tests.factories import make_referral
from socialmap import services as socialmap_services
from socialmap.models import Service
from socialmap.tests.factories import make_service

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Vraag naar Jan aan de achterdeur"


def _family(people, parts=tuple(Part.values)):
    return make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=parts)


def test_refer_send_accept_done_shows_on_the_goal(people):
    family = _family(people)
    goal = family.goals.get()
    service = make_service("Woonwinkel Mechelen", no_papers_needed=True)
    make_service("Elders", place="Gent", domains=["housing"])
    volunteer = people.client("volunteer")
    url = f"/gezinnen/{family.pk}/handelingsplan/{goal.pk}/doorverwijzen/"
    # Find a service near the family that welcomes people without papers.
    page = volunteer.get(url, {"welcome": "no_papers"}).content.decode()
    assert "Woonwinkel Mechelen" in page and "Elders" not in page
    # Without the family's consent nothing is recorded.
    data = {
        "service": service.pk,
        "fields_shared": ["goal"],
        "introduction": "accompanied",
        "consent_how": "spoken",
        "consent_given_by": "Amal",
        "consent_given_on": timezone.localdate().isoformat(),
    }
    assert volunteer.post(url, data).status_code == 400
    assert not Referral.objects.exists()
    response = volunteer.post(url, {**data, "consent": "on"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.PROPOSED
    # The consent is recorded for the service's organisation, for the goal's domain.
    consent = Consent.objects.get(receiver__isnull=True)
    assert (consent.receiver_organisation, consent.part, consent.domain) == ("OCMW Mechelen", Part.PLAN, "housing")
    response = volunteer.post(response.url, {"action": "send"})
    assert response.status_code == 200
    link = response.context["link"]
    assert "/doorverwijzing/" in link
    path = link[link.index("/doorverwijzing/") :]
    anonymous = people.client(None)
    page = anonymous.get(path).content.decode()
    assert "Een huis met drie slaapkamers" in page
    assert anonymous.post(path, {"action": "answer", "decision": "accept"}).status_code == 302
    outcome = {"action": "outcome", "outcome": "Woning gevonden via de wachtlijst"}
    assert anonymous.post(path, outcome).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE
    plan = volunteer.get(f"/gezinnen/{family.pk}/handelingsplan/").content.decode()
    assert "Woning gevonden via de wachtlijst" in plan and "Woonwinkel Mechelen" in plan
    actions = set(AuditEvent.objects.filter(action__startswith="referral.").values_list("action", flat=True))
    assert {"referral.proposed", "referral.sent", "referral.accepted", "referral.done"} <= actions


def test_the_link_shows_only_what_the_family_consented_to(people):
    family = _family(people)
    service = make_service()
    socialmap_services.add_note(Service.objects.get(pk=service.pk), author=people.volunteer, text=SECRET_NOTE)
    family_services.save_domain(
        family, "housing", acting_user=people.coordinator, help_needed="Schulden bij de huisbaas"
    )
    referral, token = make_referral(family, people.coordinator, service, status="sent", fields=(SharedField.GOAL,))
    page = people.client(None).get(f"/doorverwijzing/{token}/").content.decode()
    assert "Een huis met drie slaapkamers" in page
    # Not shared: the steps, the map's text, the language, the members, contact notes,
    # the pseudonym, and never the social map's members' notes.
    for hidden in ("SVK bellen", "Schulden bij de huisbaas", "Eerste bezoek", "Familie Amal", SECRET_NOTE):
        assert hidden not in page
    assert services.shared_with_service(referral) == {"goal": "Een huis met drie slaapkamers"}
    # The family withdraws the consent: the goal is gone from the link at once.
    share = referral.shares.get()
    family_services.withdraw_consent(share.consent, acting_user=people.coordinator)
    page = people.client(None).get(f"/doorverwijzing/{token}/").content.decode()
    assert "Een huis met drie slaapkamers" not in page
    assert services.shared_with_service(referral) == {}


def test_a_volunteer_shares_only_parts_they_may_read(people):
    from core.errors import ServiceError

    family = _family(people, parts=(Part.PLAN,))
    service = make_service()
    volunteer = people.client("volunteer")
    goal = family.goals.get()
    page = volunteer.get(f"/gezinnen/{family.pk}/handelingsplan/{goal.pk}/doorverwijzen/?service={service.pk}")
    assert 'value="help_needed"' not in page.content.decode()
    with pytest.raises(ServiceError):
        make_referral(family, people.volunteer, service, fields=(SharedField.HELP_NEEDED,))


def test_expired_link_and_removed_service(people):
    family = _family(people)
    service = make_service()
    referral, token = make_referral(family, people.coordinator, service, status="sent")
    Referral.objects.filter(pk=referral.pk).update(link_expires_at=timezone.now() - timedelta(minutes=1))
    response = people.client(None).get(f"/doorverwijzing/{token}/")
    assert response.status_code == 404 and "This link no longer works" in response.content.decode()
    # A service removed meanwhile: a clear message, nothing saved.
    other = make_service("Verdwenen dienst")
    goal = family.goals.get()
    other_pk = other.pk
    Service.objects.filter(pk=other_pk).delete()
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/handelingsplan/{goal.pk}/doorverwijzen/"
    response = coordinator.post(
        url,
        {
            "service": other_pk,
            "fields_shared": ["goal"],
            "introduction": "letter",
            "consent": "on",
            "consent_how": "spoken",
            "consent_given_by": "Amal",
            "consent_given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "removed meanwhile" in response.content.decode()
    assert Referral.objects.count() == 1
    proposed, _token = make_referral(family, people.coordinator, make_service("Gaat weg"))
    Service.objects.filter(pk=proposed.service_id).delete()
    response = coordinator.post(f"/gezinnen/{family.pk}/doorverwijzingen/{proposed.pk}/", {"action": "send"})
    assert response.status_code == 400 and "removed meanwhile" in response.content.decode()


def test_refused_referral_turns_into_a_signal(people):
    from signals.models import Signal, SourceKind, Theme

    Theme.objects.create(name="Wachtlijst sociale huur")
    family = _family(people)
    referral, _token = make_referral(family, people.coordinator, make_service(), status="refused")
    volunteer = people.client("volunteer")
    url = f"/gezinnen/{family.pk}/doorverwijzingen/{referral.pk}/signaal/"
    form = volunteer.get(url).context["form"]
    assert form.initial["source_kind"] == SourceKind.REFERRAL
    assert form.initial["life_domain"] == "housing"
    assert form.initial["theme"] == Theme.objects.get().pk
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["description"] = "Een doorverwijzing naar de sociale huur werd geweigerd: wachtlijst van een jaar."
    response = volunteer.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    signal = Signal.objects.get()
    assert signal.source_kind == SourceKind.REFERRAL and signal.municipality is not None
    referral.refresh_from_db()
    assert referral.signal == signal
    # The personal-data check applies as usual.
    other, _token = make_referral(family, people.coordinator, make_service("Tweede"), status="refused")
    url = f"/gezinnen/{family.pk}/doorverwijzingen/{other.pk}/signaal/"
    data["description"] = "Bel Amal op 0470 12 34 56"
    assert volunteer.post(url, data).status_code == 400


def test_actor_picked_from_the_social_map_and_suggestions(people):
    family = _family(people)
    service = make_service("CAW Boom Mechelen Lier", domains=["health"])
    coordinator = people.client("coordinator")
    page = coordinator.get(f"/gezinnen/{family.pk}/netwerkkaart/health/").content.decode()
    assert "CAW Boom Mechelen Lier" in page  # an empty domain suggests services near the family
    url = f"/gezinnen/{family.pk}/netwerkkaart/health/sociale-kaart/"
    assert "CAW Boom Mechelen Lier" in coordinator.get(url).content.decode()
    response = coordinator.post(url, {"service": service.pk, "support": "advice", "quality": "good"})
    assert response.status_code == 302
    link = ActorService.objects.get()
    assert link.service_id == service.pk and link.actor.name == "CAW Boom Mechelen Lier"


def test_the_letter_to_take_along_shows_only_what_is_shared(people):
    family = _family(people)
    referral, _token = make_referral(family, people.coordinator, make_service(), message="Graag een afspraak")
    page = people.client("volunteer").get(f"/gezinnen/{family.pk}/doorverwijzingen/{referral.pk}/brief/")
    text = page.content.decode()
    assert page.status_code == 200 and "Een huis met drie slaapkamers" in text and "Graag een afspraak" in text
    assert "SVK bellen" not in text and "Familie Amal" not in text


def test_my_referrals_and_the_home_counts(people):
    family = _family(people)
    make_referral(family, people.volunteer, make_service(), status="refused")
    make_referral(family, people.volunteer, make_service("Tweede"), status="sent")
    volunteer = people.client("volunteer")
    page = volunteer.get("/account/doorverwijzingen/").content.decode()
    assert "Sociaal huis Mechelen" in page and "Tweede" in page
    assert services.waiting_counts(people.volunteer) == (1, 1)
    assert "/account/doorverwijzingen/" in volunteer.get("/").content.decode()
    # Unassigned: the family's referrals are gone from the list and the counts.
    family_services.unassign(family.assignments.get(), acting_user=people.coordinator)
    assert "Tweede" not in volunteer.get("/account/doorverwijzingen/").content.decode()
    assert services.waiting_counts(people.volunteer) == (0, 0)
