"""A volunteer files a signal by hand, the coordinator confirms it, another group co-signs it,
the secretariat bundles it into a dossier and sends it to a municipality, the municipality
answers through its link, and both reporters are notified and see the answer; axe-core finds
nothing on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import OrganisationMember, Role
from signals.models import Signal, Theme

from .helpers import describe_violations, log_in, log_out, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/\S+/)")


def test_signal_from_field_to_answer_and_back(page):
    mechelen = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    gent = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000")
    vera = UserFactory(full_name="Vera Vrijwilliger")
    cora = UserFactory(full_name="Cora Coördinator")
    greet = UserFactory(full_name="Greet Gent")
    sara = UserFactory(full_name="Sara Secretariaat", is_secretariat=True)
    OrganisationMember.objects.create(organisation=mechelen, user=vera, role=Role.VOLUNTEER)
    OrganisationMember.objects.create(organisation=mechelen, user=cora, role=Role.COORDINATOR)
    OrganisationMember.objects.create(organisation=gent, user=greet, role=Role.COORDINATOR)
    theme = Theme.objects.create(name="Woningnood")
    violations = []

    def axe(where):
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    # The volunteer files the signal by hand.
    log_in(page, vera.email)
    page.goto("/signalen/nieuw/")
    axe("signal form")
    page.select_option("#id_theme", str(theme.pk))
    page.fill("#id_description", "Erkende gezinnen vinden binnen de termijn geen huurwoning.")
    page.select_option("#id_life_domain", "housing")
    page.select_option("#id_region", label="Vlaams Gewest")
    page.fill("#id_postcode", "2800")
    page.fill("#id_count", "3")
    page.fill("#id_example", "Een gezin met drie kinderen zoekt al vier maanden.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    signal = Signal.objects.get()
    assert page.url.endswith(f"/signalen/{signal.pk}/")
    axe("signal page")
    log_out(page)

    # The coordinator confirms the wording.
    log_in(page, cora.email)
    page.goto(f"/signalen/{signal.pk}/bevestigen/")
    axe("confirm")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    log_out(page)

    # Another group co-signs it with its own count; the small count reads "<5".
    log_in(page, greet.email)
    page.goto(f"/signalen/{signal.pk}/")
    assert "<5" in page.inner_text("main")
    axe("co-sign")
    page.fill("#id_count", "6")
    with page.expect_navigation():
        page.click("main form[action$='/meetekenen/'] button[type=submit]")
    log_out(page)

    # The secretariat bundles it into a dossier and sends it to a municipality.
    log_in(page, sara.email)
    page.goto("/secretariaat/dossiers/nieuw/")
    page.fill("#id_title", "Geen woning na erkenning")
    page.select_option("#id_theme", str(theme.pk))
    page.fill("#id_ask", "Verleng de termijn in de opvang.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    dossier_url = page.url
    page.click("summary:has-text('Signalen toevoegen')")
    page.check(f"input[name='add-signals'][value='{signal.pk}']")
    with page.expect_navigation():
        page.click("form:has(input[value=add]) button[type=submit]")
    page.click("summary:has-text('Geadresseerde toevoegen')")
    page.select_option("#id_addressee-kind", "municipality")
    page.fill("#id_addressee-name", "Stad Mechelen")
    page.fill("#id_addressee-email", "welzijn@mechelen.example")
    with page.expect_navigation():
        page.click("form:has(input[value=addressee]) button[type=submit]")
    mail.outbox.clear()
    with page.expect_navigation():
        page.click("form:has(input[value=send]) button[type=submit]")
    assert page.url == dossier_url
    axe("dossier")
    log_out(page)

    # The municipality reads and answers through its link, once.
    sent = next(m for m in mail.outbox if m.to == ["welzijn@mechelen.example"])
    match = LINK.search(sent.body)
    assert match
    mail.outbox.clear()
    page.goto(match.group(1))
    axe("answer page")
    with page.expect_navigation():
        page.click("form:has(input[value=read]) button[type=submit]")
    page.fill("#id_answer", "We agenderen dit op de volgende gemeenteraad.")
    with page.expect_navigation():
        page.click("form:has(input[value=answer]) button[type=submit]")
    assert page.locator("#id_answer").count() == 0

    # Both reporters are told (a link, no content) and see the answer.
    told = {m.to[0] for m in mail.outbox}
    assert {vera.email, greet.email} <= told
    assert all("gemeenteraad" not in m.body for m in mail.outbox)
    for who in (vera, greet):
        log_in(page, who.email)
        page.goto(f"/signalen/{signal.pk}/")
        assert "gemeenteraad" in page.inner_text("main")
        log_out(page)
    axe("signal with answer")
    assert not any(violations), "\n".join(v for v in violations if v)


def test_a_policy_recipient_makes_its_account_and_answers_and_an_example_is_published(page):
    """The secretariat chooses "an account" for an addressee; the invitation makes it; the
    recipient reads and answers on its own pages (at 360 px too); a group records the consent
    to publish an example, and the secretariat shows it on the public page."""
    from signals import services
    from signals.models import Addressee, Dossier, SignalStatus

    mechelen = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    vera = UserFactory(full_name="Vera Vrijwilliger")
    sara = UserFactory(full_name="Sara Secretariaat", is_secretariat=True)
    OrganisationMember.objects.create(organisation=mechelen, user=vera, role=Role.VOLUNTEER)
    theme = Theme.objects.create(name="Woningnood")
    from places.models import Region

    signal = Signal.objects.create(
        organisation=mechelen,
        reporter=vera,
        theme=theme,
        life_domain="housing",
        region=Region.objects.get(nis_code="02000"),
        description="Erkende gezinnen vinden geen huurwoning.",
        example="Een gezin met drie kinderen zoekt al vier maanden.",
        count=6,
        status=SignalStatus.CONFIRMED,
    )
    dossier = services.save_dossier(Dossier(title="Geen woning na erkenning", theme=theme), acting_user=sara)
    services.add_signals(dossier, [signal], acting_user=sara)
    violations = []

    def axe(where):
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    # The secretariat adds the OCMW with an account and sends the dossier.
    log_in(page, sara.email)
    page.goto(f"/secretariaat/dossiers/{dossier.pk}/")
    page.click("summary:has-text('Geadresseerde toevoegen')")
    page.select_option("#id_addressee-kind", "ocmw")
    page.fill("#id_addressee-name", "OCMW Mechelen")
    page.fill("#id_addressee-email", "beleid@ocmw.example")
    page.check("input[name='addressee-channel'][value='account']")
    with page.expect_navigation():
        page.click("form:has(input[value=addressee]) button[type=submit]")
    with page.expect_navigation():
        page.click("form:has(input[value=send]) button[type=submit]")
    log_out(page)

    # The invitation makes the account (the second factor is off in the tests' settings).
    invitation = next(m for m in mail.outbox if "/beleid/uitnodiging/" in m.body)
    match = LINK.search(invitation.body)
    assert match
    page.goto(match.group(1))
    axe("invitation")
    page.fill("#id_full_name", "Olga OCMW")
    page.fill("#id_password1", "een lang wachtwoord voor beleid")
    page.fill("#id_password2", "een lang wachtwoord voor beleid")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/beleid/mijn-dossiers/")
    axe("my dossiers")

    # It reads and answers, at 360 px, without sideways scrolling.
    page.set_viewport_size({"width": 360, "height": 740})
    page.click(f"a[href='/beleid/mijn-dossiers/{dossier.pk}/']")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe("recipient's dossier")
    with page.expect_navigation():
        page.click("form:has(input[value=read]) button[type=submit]")
    page.fill("#id_answer", "We bekijken een huurwaarborg via het OCMW.")
    with page.expect_navigation():
        page.click("form:has(input[value=answer]) button[type=submit]")
    assert Addressee.objects.get(dossier=dossier).status == "answered"
    page.set_viewport_size({"width": 1280, "height": 800})
    log_out(page)

    # The group records the consent; the secretariat publishes the example.
    log_in(page, vera.email)
    page.goto(f"/signalen/{signal.pk}/toestemming/")
    axe("consent")
    page.check("#id_agreed")
    page.check("input[name=how][value=spoken]")
    page.fill("#id_on", "1/11/2026")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    log_out(page)
    log_in(page, sara.email)
    page.goto(f"/secretariaat/dossiers/{dossier.pk}/")
    page.click("summary:has-text('Voorbeelden op de publieke pagina')")
    page.check(f"input[name='examples-signals'][value='{signal.pk}']")
    with page.expect_navigation():
        page.click("form:has(input[value=examples]) button[type=submit]")
    with page.expect_navigation():
        page.click("form:has(input[value=publish]) button[type=submit]")
    log_out(page)
    page.goto(f"/beleid/dossiers/{dossier.pk}/")
    assert "drie kinderen" in page.inner_text("main")
    axe("public dossier with an example")
    assert not any(violations), "\n".join(v for v in violations if v)
