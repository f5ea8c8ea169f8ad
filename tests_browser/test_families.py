"""A coordinator opens a trajectory, assigns a volunteer and records the family's consent; the
volunteer fills the map with the family (two domains, three actors), adds two goals from the
Toolkit's checklist and ticks a step; the SVG map and the PDF show them; axe-core finds
nothing; no sideways scroll at 360 px."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from families.models import Step, Trajectory
from organisations.models import OrganisationMember, Role
from toolkit.models import Checklist, ChecklistItem, Deadline

from .helpers import describe_violations, log_in, log_out, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_family_from_opening_to_map_plan_and_pdf(page, browser, site, page_problems):
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    coordinator = UserFactory(full_name="Cora Coördinator", email="cora@example.org")
    volunteer = UserFactory(full_name="Vera Vrijwilliger", email="vera@example.org")
    OrganisationMember.objects.create(organisation=group, user=coordinator, role=Role.COORDINATOR)
    OrganisationMember.objects.create(organisation=group, user=volunteer, role=Role.VOLUNTEER)
    checklist = Checklist.objects.create(title="Huiswerk na erkenning", slug="huiswerk-na-erkenning")
    for text in ("Leefloon aanvragen bij het OCMW", "Inschrijven bij de huisarts"):
        ChecklistItem.objects.create(checklist=checklist, text=text, deadline=Deadline.WEEK)
    violations: list[str] = []

    def axe(where: str) -> None:
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    # The coordinator opens the trajectory.
    log_in(page, "cora@example.org")
    page.goto(f"/groepen/{group.slug}/gezinnen/")
    axe("families list")
    with page.expect_navigation():
        page.click("main a[href$='/gezinnen/nieuw/']")
    page.fill("#id_t-pseudonym", "Familie Noor")
    page.fill("#id_m-first_name", "Noor")
    page.select_option("#id_m-role", "parent")
    axe("open a trajectory")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    family = Trajectory.objects.get()
    # Assign the volunteer, record consent for the map and the plan.
    page.goto(f"/gezinnen/{family.pk}/team/")
    page.select_option("#id_a-user", str(volunteer.pk))
    page.select_option("#id_a-role", "helper")
    axe("team")
    with page.expect_navigation():
        page.click("main form:has(input[value=assign]) button[type=submit]")
    for part in ("map", "plan"):
        page.goto(f"/gezinnen/{family.pk}/toestemming/")
        page.select_option("#id_receiver", str(volunteer.pk))
        page.select_option("#id_part", part)
        page.select_option("#id_how", "interpreter")
        page.fill("#id_given_by", "Noor")
        with page.expect_navigation():
            page.click("main form:has(input[value=give]) button[type=submit]")
    axe("consent")
    log_out(page)

    # The volunteer fills in the map: two domains, three actors.
    log_in(page, "vera@example.org")
    page.goto("/account/gezinnen/")
    with page.expect_navigation():
        page.click("main a:has-text('Familie Noor')")
    for code, text, actors in (
        (
            "housing",
            "Twee kamers voor vijf",
            [("formal", "SVK Mechelen", "difficult"), ("informal", "Tante Leila", "good")],
        ),
        ("health", "Huisarts in de buurt", [("formal", "Dokter Peeters", "broken")]),
    ):
        page.goto(f"/gezinnen/{family.pk}/netwerkkaart/{code}/")
        page.fill("#id_help_needed", text)
        with page.expect_navigation():
            page.click("main form:has(input[value=save]) button[type=submit]")
        for kind, name, quality in actors:
            page.goto(f"/gezinnen/{family.pk}/netwerkkaart/{code}/")
            page.check(f"input[name=actor-kind][value={kind}]")
            page.fill("#id_actor-name", name)
            page.select_option("#id_actor-support", "advice")
            page.select_option("#id_actor-quality", quality)
            with page.expect_navigation():
                page.click("main form:has(input[value=actor]) button[type=submit]")
    axe("domain")
    page.goto(f"/gezinnen/{family.pk}/netwerkkaart/")
    axe("network map")
    svg = page.locator("svg.app-ecomap").inner_html()
    for name in ("SVK Mechelen", "Tante Leila", "Dokter Peeters"):
        assert name in svg
    assert page.locator(".app-map-list").inner_text().count("SVK Mechelen") == 1

    # Two goals from the checklist, a step ticked off.
    for item in ChecklistItem.objects.order_by("pk"):
        page.goto(f"/gezinnen/{family.pk}/handelingsplan/nieuw/?item={item.pk}")
        page.select_option("#id_domain", "finances")
        page.fill("#id_new_step", "Afspraak maken")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    page.goto(f"/gezinnen/{family.pk}/handelingsplan/")
    axe("action plan")
    with page.expect_navigation():
        page.locator("main form:has(input[value=step-done]) button").first.click()
    assert Step.objects.filter(done_at__isnull=False).count() == 1
    plan = page.inner_text("main")
    assert "Leefloon aanvragen bij het OCMW" in plan and "Inschrijven bij de huisarts" in plan

    pdf = page.request.get(f"/gezinnen/{family.pk}/kaart-en-plan.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # No sideways scroll at 360 px on the map and the plan.
    phone = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    log_in(phone, "vera@example.org")
    for path in ("netwerkkaart/", "handelingsplan/", ""):
        phone.goto(f"/gezinnen/{family.pk}/{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone.context.close()

    assert not [v for v in violations if v], "\n".join(v for v in violations if v)


def test_the_map_at_an_earlier_date_and_the_wish_for_a_woman(page, browser, site, page_problems):
    """The coordinator compares the map with an earlier day (the SVG and the list of changes)
    and notes that the family asks for a woman; axe finds nothing, no sideways scroll."""
    from datetime import timedelta

    from django.utils import timezone

    from families import services
    from families.models import Actor, MapSnapshot
    from families.tests.factories import make_family

    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    coordinator = UserFactory(full_name="Cora Coördinator", email="cora@example.org")
    OrganisationMember.objects.create(organisation=group, user=coordinator, role=Role.COORDINATOR)
    family = make_family(group, coordinator)
    services.save_domain(family, "work", acting_user=coordinator, goes_well="Zoekt werk")
    for snapshot in MapSnapshot.objects.filter(trajectory=family):
        MapSnapshot.objects.filter(pk=snapshot.pk).update(taken_at=snapshot.taken_at - timedelta(days=5))
    earlier = timezone.localdate() - timedelta(days=5)
    svk = next(a for a in Actor.objects.filter(trajectory=family) if a.name == "SVK")
    services.remove_actor(svk, acting_user=coordinator)
    services.add_actor(
        family,
        "work",
        acting_user=coordinator,
        kind="informal",
        name="Buurvrouw Els",
        support="company",
        quality="good",
    )
    violations: list[str] = []

    def axe(where: str) -> None:
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    log_in(page, "cora@example.org")
    page.goto(f"/gezinnen/{family.pk}/netwerkkaart/")
    page.select_option("#id_compare", earlier.isoformat())
    with page.expect_navigation():
        page.click("main form[method=get] button[type=submit]")
    assert f"compare={earlier.isoformat()}" in page.url
    axe("network map compared with an earlier day")
    assert page.locator("svg.app-ecomap").count() == 2
    changes = page.locator(".app-map-changes").inner_text()
    assert "SVK" in changes and "Buurvrouw Els" in changes

    page.goto(f"/gezinnen/{family.pk}/team/")
    page.select_option("#id_p-volunteer_gender", "woman")
    with page.expect_navigation():
        page.click("main form:has(input[value=preference]) button[type=submit]")
    axe("team with the wish for a woman")
    family.refresh_from_db()
    assert family.volunteer_gender == "woman"

    phone = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    log_in(phone, "cora@example.org")
    for path in (f"netwerkkaart/?compare={earlier.isoformat()}", "team/"):
        phone.goto(f"/gezinnen/{family.pk}/{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone.context.close()
    assert not [v for v in violations if v], "\n".join(v for v in violations if v)
