"""The main page of every role, at 360 px and 1280 px, in Dutch: no sideways scrolling, no
axe-core violation (WCAG 2.1 A and AA), no Content-Security-Policy violation (``watch`` in
helpers.py fails the test on any). A PNG of each is written to var/screenshots/ (a test
artefact for a person to look at; not committed). After a failed submit, focus is on the error
summary and the title starts with "Fout:"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from core.tests.factories import OrganisationFactory, UserFactory, make_document
from organisations.models import Activity, MembershipApplication, OrganisationMember, Role
from toolkit import services as toolkit_services
from toolkit.models import Page
from volunteers.models import Status
from volunteers.tests import factories_group, factories_sec
from volunteers.tests.factories import make_vacancy

from .helpers import DESKTOP, PHONE, describe_violations, log_in, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def build_network(toolkit_people) -> dict:
    """A small network with something on every page: groups, people in every role, leads at
    every step, vacancies, an application, a Toolkit suggestion and a question."""
    volunteer_user, editor = toolkit_people
    wim = volunteer_user.memberships.get().organisation  # Welcome in Mechelen (WiM)
    wim.description = "Elke dinsdag een conversatieavond, begeleiding naar werk of opleiding, infoavonden."
    wim.website, wim.public_email = "https://wim.example.org", "info@wim.example.org"
    wim.save()
    wim.activities.set(Activity.objects.filter(code__in=["dutch-conversation", "buddy", "homework-help", "housing"]))
    gent = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", activities=["home-visits"])
    OrganisationFactory(name="Merchtem Multicultureel", postcode="1785", activities=["homework-help"])
    OrganisationFactory(name="Gastvrij Boechout", postcode="2530", activities=["sewing", "housing"])
    coordinator: Any = UserFactory(full_name="Cora Claes", email="coordinator.wim@example.org")
    OrganisationMember.objects.create(organisation=wim, user=coordinator, role=Role.COORDINATOR)
    for name in ("Jan Janssens", "Fatima El Amrani", "Pieter De Smet"):
        person: Any = UserFactory(full_name=name)
        member = OrganisationMember.objects.create(organisation=wim, user=person, role=Role.VOLUNTEER)
    secretariat = UserFactory(full_name="Sara Secretariaat", is_secretariat=True)

    homework = Activity.objects.get(code="homework-help")
    vacancy = make_vacancy(wim, title="Huiswerkbegeleiding op woensdag", activity=homework, postcode="2800")
    make_vacancy(wim, title="Taalcafé: gesprekspartners gezocht", postcode="2800", languages=["ar", "prs"])
    make_vacancy(gent, title="Huisbezoeken in Gent", postcode="9000")
    lead = factories_group.make_engagement(
        wim,
        days_ago=9,
        vacancy=vacancy,
        full_name="Amal Haddad",
        languages={"ar": "fluent", "nl": "basic"},
        activities=["homework-help", "dutch-conversation"],
    )
    factories_group.make_engagement(wim, status=Status.INTAKE, days_ago=20, full_name="Bram Peeters")
    factories_group.make_engagement(wim, status=Status.ACTIVE, days_ago=90, full_name="Chloé Dubois")
    waiting = factories_sec.make_volunteer("Dawit Tesfaye", allow_pass_on=True)
    factories_sec.make_engagement(waiting, gent, created=16)
    MembershipApplication.objects.create(
        group_name="Welkom in Lier",
        legal_form="fv",
        municipality=wim.municipality,
        description="Wij oefenen Nederlands met nieuwkomers.",
        contact_name="Lotte Lier",
        contact_email="lotte@example.org",
        motivation="Samen staan we sterker.",
        submission_key="00000000-0000-0000-0000-000000000001",
        token_hash="x" * 64,
    )
    make_document("statutes", "Statuten")
    make_document("rules", "Huishoudelijk reglement")
    page = Page.objects.filter(visibility="public").order_by("pk").first()
    assert page is not None
    revision = page.current_revision()
    assert revision is not None
    toolkit_services.propose_edit(
        page,
        author=volunteer_user,
        base_revision_id=revision.pk,
        title=page.title,
        body=page.body + "\n\nVraag de verhuurder om een plaatsbeschrijving.\n",
        message="Plaatsbeschrijving toegevoegd",
    )
    return {
        "wim": wim,
        "member": member,
        "lead": lead,
        "page": page,
        "people": {
            "volunteer": volunteer_user,
            "coordinator": coordinator,
            "secretariat": secretariat,
            "editor": editor,
        },
    }


def main_pages(network) -> dict[str, list[tuple[str, str]]]:
    slug = network["wim"].slug
    return {
        "visitor": [
            ("home", "/"),
            ("directory", "/groepen/?near=2800"),
            ("group", f"/groepen/{slug}/"),
            ("signup", "/vrijwilligen/"),
            ("vacancies", "/vacatures/?near=2800"),
            ("toolkit", "/toolkit/"),
            ("toolkit-page", network["page"].get_absolute_url()),
            ("search", "/toolkit/zoeken/?q=huurwaarborg"),
            ("login", "/account/inloggen/"),
            ("apply", "/aansluiten/"),
            ("find-help", "/sociale-kaart/?postcode=2800"),
            ("policy-dossiers", "/beleid/dossiers/"),
        ],
        "volunteer": [
            ("home", "/"),
            ("account", "/account/"),
            ("volunteer-profile", "/account/vrijwilliger/"),
            ("questions", "/toolkit/vragen/"),
        ],
        "coordinator": [
            ("home", "/"),
            ("my-group", "/mijn-groep/"),
            ("group", f"/groepen/{slug}/"),
            ("people", f"/groepen/{slug}/mensen/"),
            ("leads", f"/groepen/{slug}/vrijwilligers/"),
            ("lead", f"/groepen/{slug}/vrijwilligers/{network['lead'].pk}/"),
            ("group-vacancies", f"/groepen/{slug}/vacatures/"),
            ("interpreters", f"/groepen/{slug}/tolken/"),
            ("group-figures", f"/groepen/{slug}/vrijwilligers/cijfers/"),
            ("remove-confirm", f"/groepen/{slug}/mensen/{network['member'].pk}/verwijderen/"),
            ("families", f"/groepen/{slug}/gezinnen/"),
            ("new-family", f"/groepen/{slug}/gezinnen/nieuw/"),
            ("signals", "/signalen/"),
            ("new-signal", "/signalen/nieuw/"),
            ("signals-overview", "/signalen/overzicht/"),
        ],
        "secretariat": [
            ("home", "/"),
            ("dashboard", "/secretariaat/"),
            ("applications", "/secretariaat/aanvragen/"),
            ("groups", "/secretariaat/groepen/"),
            ("funnel", "/secretariaat/vrijwilligers/"),
            ("waiting", "/secretariaat/vrijwilligers/wachtend/"),
            ("dossiers", "/secretariaat/dossiers/"),
            ("signal-themes", "/secretariaat/signalen/themas/"),
        ],
        "editor": [
            ("home", "/"),
            ("suggestions", "/toolkit/voorstellen/"),
            ("socialmap-review", "/sociale-kaart/nalezen/"),
        ],
    }


def test_the_main_page_of_every_role_fits_a_phone_and_a_desktop_in_dutch_without_axe_or_csp_problems(
    browser, site, page_problems, toolkit
):
    network = build_network(toolkit)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide, not_dutch, violations, seen = [], [], [], 0
    for width, viewport, options in [
        ("360", PHONE, {"is_mobile": True, "has_touch": True}),
        ("1280", DESKTOP, {}),
    ]:
        for role, pages in main_pages(network).items():
            page = new_page(browser, site, page_problems, viewport=viewport, **options)
            try:
                if role != "visitor":
                    log_in(page, network["people"][role].email)
                for name, url in pages:
                    page.goto(url)
                    page.wait_for_load_state("load")
                    if page.locator("#map").count():
                        page.locator("#map .leaflet-interactive").first.wait_for()  # the map has drawn
                    where = f"{role} {name} at {width}px ({url})"
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > viewport["width"]:
                        too_wide.append(f"{where}: {scroll_width}px wide")
                    if page.evaluate("document.documentElement.lang") != "nl":
                        not_dutch.append(where)
                    violations.append(describe_violations(where, run_axe(page)))
                    page.screenshot(path=str(SCREENSHOTS / f"{role}-{name}-{width}.png"), full_page=True)
                    seen += 1
            finally:
                page.context.close()
    assert seen == 2 * 42
    assert too_wide == []
    assert not_dutch == []
    violations = [v for v in violations if v]
    assert not violations, "axe found WCAG violations:\n" + "\n".join(violations)
    assert page_problems == [], "\n".join(page_problems)


def test_after_a_failed_submit_focus_is_on_the_error_summary_and_the_title_says_fout(page):
    make_document("statutes", "Statuten")
    page.goto("/aansluiten/")
    assert not page.title().startswith("Fout:")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # not wait_for_function: the CSP refuses eval
    assert page.title().startswith("Fout: ")
    summary = page.locator(".govuk-error-summary")
    assert "Er is een probleem" in summary.inner_text()
    # Each link in the summary moves to its field.
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    first_link.click()
    assert page.evaluate("document.activeElement.id") == target.lstrip("#")


def test_the_service_navigation_collapses_into_a_menu_button_on_a_phone(browser, site, page_problems):
    page = new_page(browser, site, page_problems, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page.goto("/")
        toggle = page.locator(".govuk-service-navigation__toggle")
        assert toggle.is_visible() and page.locator("#navigation").is_hidden()
        toggle.click()
        assert page.locator("#navigation a[href='/groepen/']").is_visible()
        page.goto("/groepen/")
        assert page.locator("#navigation a[aria-current=page]").get_attribute("href") == "/groepen/"
    finally:
        page.context.close()
    assert page_problems == []


def test_the_watch_catches_a_csp_violation(browser, site):
    """The CSP check is real: an inline style added to a page is refused and reported."""
    problems: list[str] = []
    page = new_page(browser, site, problems)
    try:
        page.goto("/")
        page.evaluate(
            "() => { const s = document.createElement('style'); s.textContent = 'p{}'; document.head.append(s); }"
        )
        page.wait_for_timeout(200)
    finally:
        page.context.close()
    assert any("Content Security Policy" in p and "style-src" in p for p in problems), problems


def test_members_do_not_see_join_and_help_in_the_menu(page):
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    member = UserFactory()
    OrganisationMember.objects.create(organisation=group, user=member, role=Role.VOLUNTEER)
    page.goto("/")
    assert page.locator("#navigation a[href='/aansluiten/']").count() == 1
    log_in(page, member.email)
    page.goto("/")
    assert page.locator("#navigation a[href='/aansluiten/']").count() == 0
    assert page.locator("#navigation a[href='/vrijwilligen/']").count() == 0


def test_a_coordinator_lands_on_their_home_and_reaches_the_leads_inbox_in_one_click(browser, site, page_problems):
    wim = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    coordinator: Any = UserFactory(full_name="Cora Claes")
    OrganisationMember.objects.create(organisation=wim, user=coordinator, role=Role.COORDINATOR)
    factories_group.make_engagement(wim, days_ago=9, full_name="Amal Haddad")
    factories_group.make_engagement(wim, days_ago=1, full_name="Bram Peeters")
    for viewport, options in [(PHONE, {"is_mobile": True, "has_touch": True}), (DESKTOP, {})]:
        page = new_page(browser, site, page_problems, viewport=viewport, **options)
        try:
            log_in(page, coordinator.email)
            assert page.url == site + "/"
            panel = page.locator("section.app-home-panel").first
            assert "Welcome in Mechelen (WiM)" in panel.inner_text()
            assert "2" in panel.locator(".govuk-task-list__status").first.inner_text()  # two new leads
            with page.expect_navigation():
                panel.locator("a.govuk-button").click()  # one click
            assert page.url == site + f"/groepen/{wim.slug}/vrijwilligers/"
            assert "Amal Haddad" in page.inner_text("main")
            # "Mijn groep" is the current item of the menu on the group's tools.
            current = page.locator("#navigation a[aria-current=page]")
            assert current.get_attribute("href") == "/mijn-groep/"
        finally:
            page.context.close()
    assert page_problems == [], "\n".join(page_problems)


def test_people_management_asks_to_confirm_a_removal_inline_with_htmx(page):
    wim = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    coordinator: Any = UserFactory(full_name="Cora Claes")
    OrganisationMember.objects.create(organisation=wim, user=coordinator, role=Role.COORDINATOR)
    person: Any = UserFactory(full_name="Jan Janssens")
    member = OrganisationMember.objects.create(organisation=wim, user=person, role=Role.VOLUNTEER)
    log_in(page, coordinator.email)
    page.goto(f"/groepen/{wim.slug}/mensen/")
    page.click(f"#actions-{member.pk} a.app-link-warning")
    confirm = page.locator(f"#actions-{member.pk} .app-confirm")
    confirm.wait_for()
    assert "Jan Janssens" in confirm.inner_text()
    assert confirm.locator("button.govuk-button--warning").count() == 1
    with page.expect_navigation():
        confirm.locator("button.govuk-button--warning").click()
    member.refresh_from_db()
    assert member.left_at is not None
