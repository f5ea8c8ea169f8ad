"""A group applies, the secretariat approves, the contact person accepts and edits the profile."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from core.tests.factories import UserFactory, make_document
from organisations.models import MembershipApplication, Organisation

from .helpers import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVITATION_PATH = re.compile(r"https?://[^/\s]+(/uitnodiging/[^/\s]+/)")


def test_group_applies_is_approved_and_its_coordinator_edits_the_profile(page):
    make_document("statutes", "Statuten")
    make_document("rules", "Huishoudelijk reglement")
    secretariat = UserFactory(full_name="Sara Secretariaat", is_secretariat=True)

    # A visitor fills in the membership form.
    page.goto("/aansluiten/")
    assert page.locator("main a[href^='/documenten/']").count() == 2
    page.fill("#id_group_name", "Welkom in Lier")
    page.select_option("#id_legal_form", "fv")
    page.fill("#id_postcode", "2500")
    page.check("input[name=activities][value=dutch-conversation]")
    page.check("input[name=activities][value=buddy]")
    page.fill("#id_description", "Wij oefenen Nederlands met nieuwkomers.")
    page.fill("#id_contact_name", "Lotte Lier")
    page.fill("#id_contact_email", "lotte@example.org")
    page.fill("#id_motivation", "Samen staan we sterker.")
    page.check("#id_accept_statutes")
    page.check("#id_accept_rules")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/aansluiten/verstuurd/"), page.inner_text("main")
    application = MembershipApplication.objects.get(group_name="Welkom in Lier")
    assert application.accepted_documents.count() == 2

    # The secretariat logs in and approves it.
    log_in(page, secretariat.email)
    page.goto("/secretariaat/aanvragen/")
    with page.expect_navigation():
        page.click(f"main a[href='/secretariaat/aanvragen/{application.pk}/']")
    page.check("input[name=action][value=approve]")
    mail.outbox.clear()
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("a[href='/groepen/welkom-in-lier/']").count() == 1  # "Group page"
    invitation_mail = next(m for m in mail.outbox if m.to == ["lotte@example.org"])
    link = INVITATION_PATH.search(invitation_mail.body)
    assert link, invitation_mail.body
    log_out(page)

    # The contact person accepts the invitation and lands on the group page as coordinator.
    page.goto(link.group(1))
    assert page.input_value("#id_full_name") == "Lotte Lier"
    page.fill("#id_new_password1", "Fietsen-langs-de-Nete-25")
    page.fill("#id_new_password2", "Fietsen-langs-de-Nete-25")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/groepen/welkom-in-lier/"), page.inner_text("main")

    # ... and edits the profile.
    with page.expect_navigation():
        page.click("main a[href='/groepen/welkom-in-lier/bewerken/']")
    page.fill("#id_description", "Taalcafé elke woensdag in de bib van Lier.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/groepen/welkom-in-lier/"), page.inner_text("main")
    assert "Taalcafé elke woensdag in de bib van Lier." in page.inner_text("main")
    assert Organisation.objects.get(slug="welkom-in-lier").description.startswith("Taalcafé")
