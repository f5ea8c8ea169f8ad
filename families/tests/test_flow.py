"""The flow end to end through the pages: a coordinator opens a trajectory and assigns a
volunteer; the volunteer fills the map, adds goals from the checklist, ticks a step, logs a
contact; the SVG map, the PDF and the export show them."""

from __future__ import annotations

import json

import pytest

from families.models import Actor, Consent, Contact, DomainEntry, Goal, GoalRevision, Step, Trajectory

pytestmark = pytest.mark.django_db


def _checklist_item():
    from toolkit.models import Checklist, ChecklistItem, Deadline

    checklist = Checklist.objects.create(title="Huiswerk na erkenning", slug="huiswerk")
    return ChecklistItem.objects.create(
        checklist=checklist, text="Leefloon aanvragen bij het OCMW", deadline=Deadline.WEEK
    )


def test_the_whole_flow(people):
    coordinator = people.client("coordinator")
    a = people.group_a.slug
    response = coordinator.post(
        f"/groepen/{a}/gezinnen/nieuw/",
        {"t-pseudonym": "Familie Noor", "t-contact_language": "ar", "m-first_name": "Noor", "m-role": "parent"},
    )
    assert response.status_code == 302
    family = Trajectory.objects.get()
    assert family.members.get().first_name == "Noor"
    t = f"/gezinnen/{family.pk}"
    assert (
        coordinator.post(f"{t}/gezinsleden/", {"action": "member", "m-role": "child", "m-age_band": "6-11"}).status_code
        == 302
    )
    response = coordinator.post(
        f"{t}/team/", {"action": "assign", "a-user": people.volunteer.pk, "a-role": "contact", "a-life_domain": ""}
    )
    assert response.status_code == 302
    # An outsider cannot be assigned: not a choice of the form.
    response = coordinator.post(f"{t}/team/", {"action": "assign", "a-user": people.outsider.pk, "a-role": "contact"})
    assert response.status_code == 400
    volunteer = people.client("volunteer")
    assert volunteer.get(f"{t}/netwerkkaart/").status_code == 404  # no consent yet
    for part in ("map", "plan", "contacts"):
        response = coordinator.post(
            f"{t}/toestemming/",
            {
                "action": "give",
                "receiver": people.volunteer.pk,
                "part": part,
                "how": "interpreter",
                "given_by": "Noor",
                "given_on": "2026-01-05",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    assert Consent.objects.count() == 3

    # The volunteer fills the map with the family: two domains, three actors.
    assert (
        volunteer.post(f"{t}/netwerkkaart/housing/", {"action": "save", "help_needed": "Te klein"}).status_code == 302
    )
    assert (
        volunteer.post(f"{t}/netwerkkaart/health/", {"action": "save", "goes_well": "Huisarts ok"}).status_code == 302
    )
    for code, kind, name, quality in (
        ("housing", "formal", "SVK Mechelen", "good"),
        ("housing", "informal", "Tante Leila", "difficult"),
        ("health", "formal", "Dr. Peeters", "broken"),
    ):
        response = volunteer.post(
            f"{t}/netwerkkaart/{code}/",
            {
                "action": "actor",
                "actor-kind": kind,
                "actor-name": name,
                "actor-support": "advice",
                "actor-quality": quality,
            },
        )
        assert response.status_code == 302
    # The same actor twice in a domain: refused with a message.
    response = volunteer.post(
        f"{t}/netwerkkaart/housing/",
        {
            "action": "actor",
            "actor-kind": "formal",
            "actor-name": "svk mechelen",
            "actor-support": "advice",
            "actor-quality": "good",
        },
    )
    assert response.status_code == 400 and "already on the map" in response.content.decode()
    assert DomainEntry.objects.count() == 2 and Actor.objects.count() == 3
    page = volunteer.get(f"{t}/netwerkkaart/").content.decode()
    assert "<svg" in page and "app-ecomap__link--broken" in page and "SVK Mechelen" in page and "Tante Leila" in page
    assert 'style="' not in page.split('<svg class="app-ecomap"', 1)[1].split("</svg>", 1)[0]

    # Two goals from the Toolkit's checklist, a step ticked off.
    item = _checklist_item()
    assert item.text in volunteer.get(f"{t}/handelingsplan/").content.decode()
    form = volunteer.get(f"{t}/handelingsplan/nieuw/?item={item.pk}").content.decode()
    assert "Leefloon aanvragen" in form
    for what in ("Leefloon aanvragen bij het OCMW", "Een grotere woning"):
        response = volunteer.post(
            f"{t}/handelingsplan/nieuw/",
            {"item": item.pk, "domain": "finances", "what": what, "by_term": "week", "new_step": "Afspraak maken"},
        )
        assert response.status_code == 302
    goal = Goal.objects.first()
    assert goal is not None and goal.checklist_item == item
    step = Step.objects.filter(goal=goal).get()
    assert volunteer.post(f"{t}/handelingsplan/{goal.pk}/", {"action": "step-done", "step": step.pk}).status_code == 302
    step.refresh_from_db()
    assert step.done_at is not None
    response = volunteer.post(
        f"{t}/handelingsplan/{goal.pk}/",
        {"action": "save", "domain": "finances", "what": "Leefloon", "by_date": "2020-01-01"},
        follow=True,
    )
    assert "in the past" in response.content.decode()
    assert GoalRevision.objects.filter(goal=goal).count() == 1
    assert volunteer.post(f"{t}/handelingsplan/{goal.pk}/", {"action": "reached"}).status_code == 302
    assert "1 goal reached" in volunteer.get(f"{t}/handelingsplan/").content.decode()

    response = volunteer.post(
        f"{t}/contacten/", {"on": "2026-01-06", "kind": "window", "note": "Kort", "goals": [goal.pk]}
    )
    assert response.status_code == 302
    assert list(Contact.objects.get().goals.all()) == [goal]

    pdf = volunteer.get(f"{t}/kaart-en-plan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    data = json.loads(coordinator.get(f"{t}/gegevens.json").content)
    assert data["trajectory"]["pseudonym"] == "Familie Noor"
    assert len(data["network_map"]) == 2 and len(data["action_plan"]) == 2
    assert volunteer.get(f"{t}/gegevens.json").status_code == 403

    # The family's log for its coordinator names the parts.
    log = coordinator.get(f"{t}/logboek/").content.decode()
    assert "Network map changed" in log and "Family record read" in log


def test_my_families_lists_only_assigned_families(people):
    from families.tests.factories import make_family

    mine = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, pseudonym="Familie Mijn")
    make_family(people.group_a, people.coordinator, pseudonym="Familie Ander")
    page = people.client("volunteer").get("/account/gezinnen/").content.decode()
    assert mine.pseudonym in page and "Familie Ander" not in page
    home = people.client("volunteer").get("/").content.decode()
    assert "My families" in home and "Familie Mijn" not in home


def test_skipping_a_domain_with_goals_asks_to_confirm_and_keeps_them(people):
    from families.tests.factories import make_family

    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/netwerkkaart/housing/"
    response = client.post(url, {"action": "save", "skipped": "on", "goes_well": "Een dak"})
    assert response.status_code == 400 and "Tick the box" in response.content.decode()
    assert 'value="Een dak"' in response.content.decode() or "Een dak" in response.content.decode()
    assert client.post(url, {"action": "save", "skipped": "on", "confirm": "yes"}).status_code == 302
    assert DomainEntry.objects.get(domain="housing").skipped and Goal.objects.filter(domain="housing").exists()


def test_a_coordinator_keeps_another_out_through_the_team_page(people):
    from core.tests.factories import UserFactory
    from families.tests.factories import make_family
    from organisations.models import OrganisationMember, Role

    other = UserFactory(full_name="Kees Coördinator")
    OrganisationMember.objects.create(organisation=people.group_a, user=other, role=Role.COORDINATOR)
    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    assert client.post(f"/gezinnen/{family.pk}/team/", {"action": "exclude", "excluded": [other.pk]}).status_code == 302
    assert list(family.excluded_coordinators.all()) == [other]
    assert not Trajectory.objects.visible_to(other).exists()


def test_a_double_submit_opens_one_trajectory_and_adds_one_goal(people):
    client = people.client("coordinator")
    data = {"t-pseudonym": "Familie Twee", "t-contact_language": ""}
    url = f"/groepen/{people.group_a.slug}/gezinnen/nieuw/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    family = Trajectory.objects.get()
    goal = {"domain": "housing", "what": "Een huis"}
    for _ in range(2):
        assert client.post(f"/gezinnen/{family.pk}/handelingsplan/nieuw/", goal).status_code == 302
    assert Goal.objects.count() == 1


def test_the_svg_coordinates_are_not_localised(people):
    """Dutch and French write 297,3: an SVG needs 297.3 whatever the language."""
    import re

    from families.tests.factories import make_family

    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    for language in ("nl", "fr"):
        page = client.get(f"/gezinnen/{family.pk}/netwerkkaart/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        svg = page.split('<svg class="app-ecomap"', 1)[1].split("</svg>", 1)[0]
        assert not re.search(r'(x|y|x1|y1|x2|y2|cx|cy)="\d+,\d', svg), language
        assert re.search(r'cx="\d+\.\d"', svg)


def test_suggestions_put_the_language_first_and_the_overloaded_last(people):
    from core.tests.factories import UserFactory
    from families import services
    from families.tests.factories import make_family
    from organisations.models import OrganisationMember, Role
    from volunteers.models import CheckIn, Volunteer, VolunteerLanguage

    family = make_family(people.group_a, people.coordinator)  # contact language: Arabic
    tired, arabic = UserFactory(full_name="Moe Moe"), UserFactory(full_name="Zaid Zaid")
    for user in (tired, arabic):
        OrganisationMember.objects.create(organisation=people.group_a, user=user, role=Role.VOLUNTEER)
    records = {}
    for user, name in ((arabic, "Zaid"), (tired, "Moe")):
        record = Volunteer(full_name=name, user=user)
        record.new_token()
        record.save()
        records[name] = record
    VolunteerLanguage.objects.create(volunteer=records["Zaid"], code="ar")
    CheckIn.objects.create(volunteer=records["Moe"], load=5)
    order = [row["user"] for row in services.suggestions(family, limit=10)]
    assert order[0] == arabic and order[-1] == tired
    page = people.client("coordinator").get(f"/gezinnen/{family.pk}/team/").content.decode()
    assert "Overloaded?" in page
