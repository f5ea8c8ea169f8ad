"""axe-core (WCAG 2.1 A and AA rules) finds nothing on the main public and secretariat pages."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory, make_document

from .helpers import describe_violations, log_in, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_main_pages_have_no_axe_violations(page):
    OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800", activities=["dutch-conversation", "buddy"])
    OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", website="https://example.org")
    make_document("statutes", "Statuten")
    make_document("rules", "Huishoudelijk reglement")
    secretariat = UserFactory(is_secretariat=True)
    report = []

    def check(where):
        page.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(page)))

    page.goto("/groepen/?near=2800&activity=buddy")  # a filter set: the folded filters are open
    assert page.locator("details.more-filters[open]").count() == 1
    check("directory")
    page.goto("/groepen/welcome-in-mechelen-wim/")
    check("group page")
    page.goto("/aansluiten/")
    check("application form")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("main .govuk-error-message").count() > 3
    check("application form with errors")
    page.goto("/account/inloggen/")
    check("login")
    log_in(page, secretariat.email)
    page.goto("/secretariaat/")
    page.locator("#map .leaflet-interactive").first.wait_for()  # the map loads its points
    check("secretariat dashboard")

    report = [r for r in report if r]
    assert not report, "axe found WCAG violations:\n" + "\n".join(report)
