"""The privacy core: encryption at rest, who sees what, consent in the query, the audit of
every read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.fields import EncryptedTextField
from core.models import AuditEvent
from core.tests.test_crypto_fields import raw_database_text
from families import services
from families.meeting_models import Meeting
from families.models import (
    Actor,
    Consent,
    ConsentHow,
    Contact,
    DomainEntry,
    FamilyMember,
    Goal,
    GoalRevision,
    Part,
    Step,
    Trajectory,
)
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db


def _encrypted_fields() -> set[tuple[str, str]]:
    from django.apps import apps

    return {
        (model.__name__, field.name)
        for model in apps.get_app_config("families").get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    }


def test_no_planted_secret_is_in_the_raw_database(people, tmp_path):
    secret = {}

    def s(name: str) -> str:
        secret[name] = f"geheim-{name}-Q7xK{len(secret)}"
        return secret[name]

    coordinator = people.coordinator
    t = services.open_trajectory(
        people.group_a, acting_user=coordinator, pseudonym=s("pseudonym"), contact_language=s("contact_language")[:10]
    )
    secret["contact_language"] = t.contact_language
    services.add_member(
        t,
        acting_user=coordinator,
        first_name=s("first_name"),
        role="parent",
        languages=[s("languages")],
        residence_status=s("residence_status"),
    )
    services.assign(t, people.volunteer, acting_user=coordinator, role="helper")
    services.give_consent(
        t,
        acting_user=coordinator,
        receiver=people.volunteer,
        receiver_organisation=s("receiver_organisation"),
        part=Part.MAP,
        how=ConsentHow.WRITTEN,
        given_by=s("given_by"),
    )
    services.save_domain(
        t, "housing", acting_user=coordinator, goes_well=s("goes_well"), less_well=s("less_well"), help_needed=s("help")
    )
    services.add_own_domain(t, s("own_label"), acting_user=coordinator)
    services.add_actor(
        t, "housing", acting_user=coordinator, kind="formal", name=s("actor_name"), support="advice", quality="good"
    )
    goal = services.add_goal(
        t,
        acting_user=coordinator,
        domain="housing",
        what=s("what"),
        how=s("how"),
        supporters=s("supporters"),
        translation=s("translation"),
        steps=[s("step")],
    )
    services.change_goal(goal, acting_user=coordinator, what="Iets anders")  # the revision holds the old "what"
    services.log_contact(t, acting_user=coordinator, kind="visit", note=s("note"))
    from families import meetings

    meeting = meetings.plan_meeting(
        t,
        acting_user=coordinator,
        starts_at=timezone.now() + timedelta(days=2),
        place=s("place"),
        online_link=s("online_link"),
        domains=["housing"],
        family_email=s("family_email") + "@example.org",
    )
    meetings.add_invitee(
        meeting, acting_user=coordinator, email=s("invitee_email") + "@example.org", name=s("inv_name")
    )
    item = meeting.items.get()
    secret["title"] = item.title
    meetings.save_report(
        meeting,
        acting_user=coordinator,
        version=0,
        texts={item.pk: {"said": s("said"), "decided": s("decided")}},
        decisions=[{"item": item.pk, "step": s("decided_step"), "owner": s("owner")}],
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.report_shared_at = timezone.now()
    meeting.family_correction = s("family_correction")
    meeting.save(update_fields=["report_shared_at", "family_correction"])
    meetings.set_interpreting(meeting, acting_user=coordinator, interpreting="social", note=s("interp"), sensitive=True)
    from families.closing import record_closing

    record_closing(
        t, acting_user=coordinator, held_on=timezone.localdate(), reached={"housing": s("reached")}, advice=s("advice")
    )

    from families import guests as guest_services

    guest_services.invite(
        t,
        acting_user=coordinator,
        name="Gast",
        email="gast@example.org",
        profession=s("profession"),
        ends_on=timezone.localdate() + timedelta(days=30),
    )

    planted = {
        ("GuestAccess", "profession"),
        ("Trajectory", "pseudonym"),
        ("Trajectory", "contact_language"),
        ("FamilyMember", "first_name"),
        ("FamilyMember", "languages"),
        ("FamilyMember", "residence_status"),
        ("Consent", "receiver_organisation"),
        ("Consent", "given_by"),
        ("DomainEntry", "own_label"),
        ("DomainEntry", "goes_well"),
        ("DomainEntry", "less_well"),
        ("DomainEntry", "help_needed"),
        ("Actor", "name"),
        ("Goal", "what"),
        ("Goal", "how"),
        ("Goal", "supporters"),
        ("Goal", "translation"),
        ("Step", "text"),
        ("GoalRevision", "snapshot"),
        ("MapSnapshot", "payload"),  # the map's history holds the assessment and the actor's name
        ("Contact", "note"),
        ("Step", "owner"),
        ("Meeting", "place"),
        ("Meeting", "online_link"),
        ("Invitee", "name"),
        ("Invitee", "email"),
        ("AgendaItem", "title"),
        ("AgendaItem", "said"),
        ("AgendaItem", "decided"),
        ("Meeting", "interpreting_note"),
        ("Meeting", "family_correction"),
        ("ClosingConversation", "reached"),
        ("ClosingConversation", "advice"),
    }
    assert planted == _encrypted_fields(), "plant a secret in every encrypted field"
    assert GoalRevision.objects.get().snapshot["what"] == secret["what"]
    from families.models import MapSnapshot

    assert MapSnapshot.objects.filter(trajectory=t).latest("pk").payload["actors"][0]["name"] == secret["actor_name"]
    raw = raw_database_text(tmp_path)
    for name, value in secret.items():
        assert value not in raw, f"{name} is readable in the raw database"
    # Decrypted through the models, all there.
    assert Trajectory.objects.get().pseudonym == secret["pseudonym"]
    assert FamilyMember.objects.get().residence_status == secret["residence_status"]
    assert {DomainEntry, Actor, Goal, Step, Contact, Consent}


def test_the_secretariat_editors_and_other_groups_see_no_family(everybody):
    family = make_family(everybody.group_a, everybody.coordinator)
    for who in ("secretariat", "editor", "outsider_coordinator", "outsider", "former", "volunteer"):
        user = getattr(everybody, who)
        assert not Trajectory.objects.visible_to(user).exists(), who
        assert everybody.client(who).get(f"/gezinnen/{family.pk}/").status_code == 404, who


def test_an_unassigned_volunteer_gets_404_at_once(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    client = people.client("volunteer")
    assert client.get(f"/gezinnen/{family.pk}/netwerkkaart/").status_code == 200
    services.unassign(family.assignments.get(), acting_user=people.coordinator)
    assert client.get(f"/gezinnen/{family.pk}/netwerkkaart/").status_code == 404
    assert client.get(f"/gezinnen/{family.pk}/").status_code == 404


def test_withdrawing_consent_hides_the_part_on_the_next_request(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    client = people.client("volunteer")
    assert "Groter huis" in client.get(f"/gezinnen/{family.pk}/netwerkkaart/").content.decode()
    consent = family.consents.get(part=Part.MAP)
    services.withdraw_consent(consent, acting_user=people.coordinator)
    assert client.get(f"/gezinnen/{family.pk}/netwerkkaart/").status_code == 404
    assert client.get(f"/gezinnen/{family.pk}/netwerkkaart/housing/").status_code == 404
    assert client.get(f"/gezinnen/{family.pk}/handelingsplan/").status_code == 200  # other parts stand
    page = client.get(f"/gezinnen/{family.pk}/kaart-en-plan.pdf")
    assert page.status_code == 200


def test_consent_for_one_domain_filters_the_rows_in_the_query(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=())
    services.save_domain(family, "health", acting_user=people.coordinator, less_well="Slaapt slecht")
    services.give_consent(
        family,
        acting_user=people.coordinator,
        receiver=people.volunteer,
        part=Part.MAP,
        domain="housing",
        how=ConsentHow.SPOKEN,
        given_by="Amal",
    )
    rows = DomainEntry.objects.for_reader(people.volunteer, family)
    assert [e.domain for e in rows] == ["housing"]
    assert DomainEntry.objects.for_reader(people.coordinator, family).count() == 2
    client = people.client("volunteer")
    page = client.get(f"/gezinnen/{family.pk}/netwerkkaart/").content.decode()
    assert "Groter huis" in page and "Slaapt slecht" not in page
    assert client.get(f"/gezinnen/{family.pk}/netwerkkaart/health/").status_code == 404
    assert client.get(f"/gezinnen/{family.pk}/handelingsplan/").status_code == 404


def test_consent_only_for_people_bound_by_the_agreement(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=())
    services.give_consent(
        family,
        acting_user=people.coordinator,
        receiver=people.volunteer,
        part=Part.PLAN,
        bound_only=True,
        how=ConsentHow.WRITTEN,
        given_by="Amal",
    )
    client = people.client("volunteer")
    assert client.get(f"/gezinnen/{family.pk}/handelingsplan/").status_code == 404
    services.assign(
        family,
        people.volunteer,
        acting_user=people.coordinator,
        role="helper",
        confidentiality_signed_on=timezone.localdate(),
    )
    assert client.get(f"/gezinnen/{family.pk}/handelingsplan/").status_code == 200
    assert Goal.objects.for_reader(people.volunteer, family).count() == 1


def test_a_coordinator_kept_out_at_the_familys_request_gets_404(people):
    from core.tests.factories import UserFactory
    from organisations.models import OrganisationMember, Role

    other = UserFactory(full_name="Kees Coördinator")
    OrganisationMember.objects.create(organisation=people.group_a, user=other, role=Role.COORDINATOR)
    family = make_family(people.group_a, people.coordinator)
    services.set_excluded(family, [other], acting_user=people.coordinator)
    client = people.client(None)
    client.force_login(other)
    assert client.get(f"/gezinnen/{family.pk}/").status_code == 404
    assert family.pseudonym not in client.get(f"/groepen/{people.group_a.slug}/gezinnen/").content.decode()


PAGES = [
    ("", "overview"),
    ("gezinsleden/", "members"),
    ("team/", "team"),
    ("toestemming/", "consent"),
    ("logboek/", "log"),
    ("netwerkkaart/", "map"),
    ("netwerkkaart/housing/", "map"),
    ("handelingsplan/", "plan"),
    ("handelingsplan/nieuw/", "plan"),
    ("contacten/", "contacts"),
    ("kaart-en-plan.pdf", "pdf"),
    ("gegevens.json", "export"),
    ("wissen/", "erase"),
]


@pytest.mark.parametrize(("path", "part"), PAGES)
def test_every_page_read_writes_one_audit_row_naming_the_part(people, path, part):
    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    before = AuditEvent.objects.count()
    assert client.get(f"/gezinnen/{family.pk}/{path}").status_code == 200
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert len(rows) == 1
    assert rows[0].object_id == family.pk and rows[0].part == part
    assert rows[0].actor_id == people.coordinator.pk and rows[0].actor_role == "coordinator"


def test_script_in_any_field_is_shown_escaped(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    services.save_domain(family, "housing", acting_user=people.coordinator, goes_well="<script>alert(1)</script>")
    page = people.client("volunteer").get(f"/gezinnen/{family.pk}/netwerkkaart/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_a_huge_paste_is_refused_with_a_message_and_kept(people):
    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    response = client.post(
        f"/gezinnen/{family.pk}/netwerkkaart/housing/", {"action": "save", "goes_well": "x" * 1_000_000}
    )
    assert response.status_code == 400
    assert "at most 4000" in response.content.decode() or "4000" in response.content.decode()


def test_erasure_and_retention_leave_anonymous_counts_only(people):
    from django.core.management import call_command

    from families.models import PurgedCount, TrajectoryStatus

    kept = make_family(people.group_a, people.coordinator)
    old = make_family(people.group_a, people.coordinator)
    services.change_status(old, TrajectoryStatus.CLOSED, acting_user=people.coordinator)
    Trajectory.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=400))
    call_command("purge_closed_trajectories", verbosity=0)
    assert list(Trajectory.objects.values_list("pk", flat=True)) == [kept.pk]
    response = people.client("coordinator").post(f"/gezinnen/{kept.pk}/wissen/", {"confirm": "yes"})
    assert response.status_code == 302
    assert not Trajectory.objects.exists() and not Goal.objects.exists() and not Consent.objects.exists()
    assert sum(PurgedCount.objects.values_list("trajectories", flat=True)) == 2


def test_production_asks_an_assigned_volunteer_for_a_second_factor(people, settings):
    from accounts.middleware import second_factor_required

    settings.OTP_REQUIRED_ROLES = ["secretariat", "coordinator", "family"]
    assert not second_factor_required(people.volunteer)
    make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    assert second_factor_required(people.volunteer)
    assert second_factor_required(people.coordinator)


def test_a_volunteer_who_left_the_group_gets_404_at_once(people):
    from organisations.models import OrganisationMember

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    OrganisationMember.objects.filter(user=people.volunteer).update(left_at=timezone.now())
    assert people.client("volunteer").get(f"/gezinnen/{family.pk}/").status_code == 404
