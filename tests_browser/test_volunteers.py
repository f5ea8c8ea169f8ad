"""A would-be volunteer signs up from 9000 with Arabic and homework help, picks a group; the
coordinator answers, records the intake, invites them, and is reminded of the follow-up."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import Activity, OrganisationMember, Role
from volunteers.models import Engagement, Status, Volunteer
from volunteers.tests.factories import make_vacancy

from .helpers import describe_violations, log_in, log_out, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/\S+/)")


def test_sign_up_match_intake_invitation_and_follow_up(page):
    gent = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", activities=["home-visits"])
    OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800", activities=["dutch-conversation"])
    coordinator = UserFactory(full_name="Greet Gent")
    OrganisationMember.objects.create(organisation=gent, user=coordinator, role=Role.COORDINATOR)
    make_vacancy(gent, title="Huiswerkhulp", activity=Activity.objects.get(code="homework-help"), languages=["ar"])
    violations = []

    def axe(where):
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    # The visitor fills in the public form (in Dutch, the default).
    page.goto("/")
    with page.expect_navigation():
        page.click("main a[href='/vrijwilligen/']")
    axe("sign-up form")
    # Five short steps, one topic each, with the step indicator.
    assert page.locator(".app-steps [aria-current=step]").inner_text() == "Over jou"
    page.fill("#id_full_name", "Amal Haddad")
    page.fill("#id_email", "amal@example.org")
    page.fill("#id_postcode", "9000")
    with page.expect_navigation():
        page.click("main button[value=next]")
    page.check("input[name=activities][value=homework-help]")
    assert page.locator("#id_activities_0-hint").count() == 1  # each activity has a hint
    with page.expect_navigation():
        page.click("main button[value=next]")
    axe("sign-up: languages")
    page.select_option("#id_language_1", "ar")
    page.select_option("#id_level_1", "fluent")
    # "Add another language" adds a row in place (htmx), keeping the first, focus in the new one.
    page.click("main button[value=add_language]")
    page.locator("#id_language_2").wait_for()
    # htmx settles the new row a moment after inserting it; then init.js moves focus there.
    # (A locator assertion, not wait_for_function: its string predicate is eval'd, which the CSP refuses.)
    expect(page.locator("#id_language_2")).to_be_focused()
    assert page.input_value("#id_language_1") == "ar"
    page.select_option("#id_language_2", "nl")
    page.select_option("#id_level_2", "good")
    page.check("#id_can_interpret")
    with page.expect_navigation():
        page.click("main button[value=next]")
    # "Back" keeps everything typed.
    with page.expect_navigation():
        page.click("main button[value=back]")
    assert page.input_value("#id_language_2") == "nl" and page.is_checked("#id_can_interpret")
    with page.expect_navigation():
        page.click("main button[value=next]")
    with page.expect_navigation():
        page.click("main button[value=next]")
    page.check("#id_consent")
    axe("sign-up: consent")
    with page.expect_navigation():
        page.click("main button[value=next]")
    # The matches, with their reasons: the Gent group first, asking for Arabic.
    first = page.locator("main ol.app-card-list").last.locator("li").first
    assert "Werkgroep Vluchtelingen Gent" in first.inner_text()
    assert "Arabisch" in first.inner_text() or "Arabic" in first.inner_text()
    assert Volunteer.objects.count() == 0  # nothing stored before the choice
    axe("matches")
    page.check(f"input[name=groups][value='{gent.slug}']")
    mail.outbox.clear()
    with page.expect_navigation():
        page.click("main form[action='/vrijwilligen/kiezen/'] button[type=submit]")
    assert page.url.endswith("/vrijwilligen/bedankt/"), page.inner_text("main")
    engagement = Engagement.objects.get()
    assert engagement.organisation == gent and engagement.status == Status.LEAD
    notice = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "Amal" not in notice.body

    # The coordinator follows the link in the e-mail to the inbox.
    log_in(page, coordinator.email)
    page.goto(LINK.search(notice.body).group(1))
    assert "Amal Haddad" in page.inner_text("main")
    axe("leads inbox")
    with page.expect_navigation():
        page.click(f"main a[href='/groepen/{gent.slug}/vrijwilligers/{engagement.pk}/']")
    axe("lead")
    # The next step is the primary action; with htmx it swaps in place, without a reload.
    page.click(".app-next-step form[action$='#contacted'] button[type=submit]")
    page.locator(".app-next-step form[action$='#intake']").wait_for()
    assert page.locator(".govuk-notification-banner--success").count() == 1
    # The intake, with a follow-up conversation today.
    page.fill("#id_intake-notes", "Kennismaking: wil op woensdag helpen.")
    page.fill("#id_intake-limits", "Geen administratie.")
    today = page.input_value("#id_intake-held_on")
    page.fill("#id_intake-follow_up_on", today)
    page.click(".app-next-step form[action$='#intake'] button[type=submit]")
    page.locator(".app-next-step form[action$='#make_volunteer']").wait_for()
    engagement.refresh_from_db()
    assert engagement.status == Status.INTAKE and engagement.contacted_at is not None
    page.click("a.govuk-tabs__tab[href='#history']")
    assert "Geen administratie." in page.inner_text("main")
    axe("lead after two steps")
    # The lead is invited to make an account (active once they accept it).
    mail.outbox.clear()
    page.click(".app-next-step form[action$='#make_volunteer'] button[type=submit]")
    page.locator("#lead .govuk-tag", has_text="Uitgenodigd").wait_for()
    engagement.refresh_from_db()
    assert engagement.status == Status.INVITED and engagement.invitation is not None
    invitation = next(m for m in mail.outbox if m.to == ["amal@example.org"])

    # The daily reminder tells the coordinator the follow-up is due (a link, no name).
    mail.outbox.clear()
    call_command("volunteer_reminders")
    reminder = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert f"/groepen/{gent.slug}/vrijwilligers/" in reminder.body and "Amal" not in reminder.body
    log_out(page)

    # Amal accepts the invitation: her account is linked to her sign-up.
    page.goto(LINK.search(invitation.body).group(1))
    page.fill("#id_new_password1", "Huiswerk-op-woensdag-9000")
    page.fill("#id_new_password2", "Huiswerk-op-woensdag-9000")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    volunteer = Volunteer.objects.get()
    assert volunteer.user is not None and volunteer.user.email == "amal@example.org"
    engagement.refresh_from_db()
    assert engagement.status == Status.ACTIVE

    violations = [v for v in violations if v]
    assert not violations, "axe found WCAG violations:\n" + "\n".join(violations)


def test_volunteer_pages_have_no_axe_violations(page):
    gent = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000", activities=["home-visits"])
    make_vacancy(gent, title="Huiswerkhulp", activity=Activity.objects.get(code="homework-help"), languages=["ar"])
    volunteer = UserFactory(full_name="Vera Vrijwilliger")
    OrganisationMember.objects.create(organisation=gent, user=volunteer, role=Role.VOLUNTEER)
    secretariat = UserFactory(is_secretariat=True)
    report = []

    def check(where):
        page.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(page)))

    page.goto("/vacatures/?near=9000")
    check("vacancies")
    with page.expect_navigation():
        page.click("main ol.app-card-list a[href^='/vacatures/']")
    check("vacancy")
    page.goto("/vrijwilligen/")
    with page.expect_navigation():
        page.click("main button[value=next]")
    assert page.locator("main .govuk-error-message").count() >= 2
    check("sign-up form with errors")
    log_in(page, volunteer.email)
    page.goto("/account/vrijwilliger/")
    check("my volunteer profile")
    log_out(page)
    log_in(page, secretariat.email)
    page.goto("/secretariaat/vrijwilligers/")
    check("volunteer funnel")
    page.goto("/secretariaat/vrijwilligers/wachtend/")
    check("waiting leads")

    report = [r for r in report if r]
    assert not report, "axe found WCAG violations:\n" + "\n".join(report)
