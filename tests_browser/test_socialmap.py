"""The social map in a browser: a visitor finds a housing service near Mechelen that
welcomes people without papers and sees it on the map; a member opens it and adds a
practice note, which a visitor never sees. axe-core finds nothing; the pages fit 360 px."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import OrganisationMember, Role

from .helpers import PHONE, describe_violations, log_in, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Vraag naar de woonbegeleider, niet aan het onthaal."


def test_find_help_near_a_postcode_and_add_a_practice_note_without_axe_violations(page, browser, site):
    from socialmap.tests.factories import make_service

    make_service(
        "Onthaal CAW Mechelen",
        organization="CAW Boom Mechelen Lier",
        place="Mechelen",
        areas=["Mechelen", "Bonheiden"],
        domains=["housing", "finances"],
        no_papers_needed=True,
    )
    make_service("Huurdersbond Gent", organization="Huurdersbond Oost-Vlaanderen", place="Gent")
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    member = UserFactory(full_name="Vera Vrijwilliger")
    OrganisationMember.objects.create(organisation=group, user=member, role=Role.VOLUNTEER)
    report = []

    def check(where):
        page.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(page)))

    page.goto("/sociale-kaart/")
    check("find help")
    page.fill("input[name=near]", "2820")
    page.select_option("select[name=domain]", "housing")
    page.check("input[name=welcome][value=no_papers]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    results = page.locator("ol.app-card-list")
    assert "Onthaal CAW Mechelen" in results.inner_text() and "Huurdersbond Gent" not in results.inner_text()
    page.locator("#map").wait_for(state="visible")
    check("results")
    with page.expect_navigation():
        page.click("ol.app-card-list a >> nth=0")
    assert NOTE not in page.content()
    check("service")

    log_in(page, member.email)
    page.goto("/sociale-kaart/?near=2800")
    with page.expect_navigation():
        page.click("ol.app-card-list a >> text=Onthaal CAW Mechelen")
    page.fill("textarea[name=text]", NOTE)
    with page.expect_navigation():
        page.click("form[action$='/notities/'] button[type=submit]")
    assert NOTE in page.content()
    check("service with notes (member)")
    service_url = page.url

    visitor = new_page(browser, site, [])
    try:
        visitor.goto(service_url)
        assert "Onthaal CAW Mechelen" in visitor.content() and NOTE not in visitor.content()
    finally:
        visitor.context.close()

    phone = new_page(browser, site, [], viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.goto("/sociale-kaart/?near=2800")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the find help page is {width} px wide at 360 px"
    finally:
        phone.context.close()
    assert not any(report), "\n".join(r for r in report if r)
