"""Issue 12 in one flow: the bridge figure plans a network meeting, invites a guest
professional and the family, writes and shares the report; the professional opens the
invitation, sets a password and the second factor (TOTP) and sees only the parts the family
consented to; the family opens its page in Arabic (right to left) and in Tigrinya, reads the
report and "who read your file", and ticks off a step. axe-core finds nothing in either
direction; no sideways scroll at 360 px."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp

from core.tests.factories import OrganisationFactory, UserFactory
from families import services
from families.guest_models import GuestAccess
from families.models import Step
from families.tests.factories import make_family
from organisations.models import OrganisationMember, Role

from .helpers import describe_violations, log_in, log_out, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-lang-wachtwoord-42"


def test_meeting_guest_professional_and_family_view(page, browser, site, page_problems):
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    bridge = UserFactory(full_name="Bram Brugfiguur", email="bram@example.org")
    OrganisationMember.objects.create(organisation=group, user=bridge, role=Role.COORDINATOR)
    family = make_family(group, bridge, pseudonym="Familie Noor")
    services.set_bridge_figure(family, bridge, acting_user=bridge)
    t = f"/gezinnen/{family.pk}"
    violations: list[str] = []

    def axe(where: str, on=None) -> None:
        target = on or page
        target.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(target)))

    # The bridge figure plans a meeting about housing and invites the family.
    log_in(page, "bram@example.org")
    page.goto(f"{t}/overleg/")
    page.fill("#id_on", (timezone.localdate() + timedelta(days=5)).isoformat())
    page.fill("#id_at", "14:30")
    page.fill("#id_place", "Buurthuis De Kring")
    page.check("input[name=domains][value=housing]")
    page.check("#id_invite_family")
    page.fill("#id_family_email", "noor@example.org")
    axe("plan a meeting")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    meeting = family.meetings.get()
    m = f"{t}/overleg/{meeting.pk}/"
    assert page.url.endswith(m)

    # ... and invites a guest professional, with the family's consent for the map and the plan.
    page.goto(f"{t}/gasten/")
    page.fill("#id_name", "Sofie Maes")
    page.fill("#id_email", "sofie@ocmw.example")
    page.fill("#id_profession", "Maatschappelijk werker, OCMW Mechelen")
    page.select_option("#id_language", "nl")
    page.check("input[name=consent_parts][value=map]")
    page.check("input[name=consent_parts][value=plan]")
    page.select_option("#id_consent_how", "interpreter")
    page.fill("#id_consent_given_by", "Noor")
    axe("invite a professional")
    mail.outbox.clear()
    with page.expect_navigation():
        page.click("main form:has(input[value=invite]) button[type=submit]")
    guest = GuestAccess.objects.get().user
    invitation = next(message for message in mail.outbox if message.to == ["sofie@ocmw.example"])
    assert "Familie Noor" not in invitation.subject + invitation.body
    link = re.search(r"/gast/[^/\s]+/", invitation.body)
    assert link is not None
    axe("guests list")
    phone = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(f"{t}/gasten/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "guests list"
    phone.context.close()

    # The professional is invited to the meeting too; the invitations go out.
    page.goto(m)
    page.fill("#id_name", "Sofie Maes")
    page.fill("#id_email", "sofie@ocmw.example")
    with page.expect_navigation():
        page.click("main form:has(input[value=invite]) button[type=submit]")
    with page.expect_navigation():
        page.click("main form:has(input[value=send]) button")
    axe("meeting")

    # The report, with a decision that becomes a step; then shared.
    item = meeting.items.get()
    page.goto(f"{m}verslag/")
    page.fill(f"#id_said_{item.pk}", "De huur is te hoog voor vijf personen.")
    page.fill(f"#id_decided_{item.pk}", "Samen naar het SVK gaan.")
    page.fill(f"#id_step_{item.pk}", "Afspraak bij het SVK maken")
    page.fill(f"#id_owner_{item.pk}", "Sofie")
    axe("report")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    with page.expect_navigation():
        page.click("main form:has(input[value=share]) button")
    assert family.meetings.get().report_shared_at is not None

    # The family's link in Arabic.
    page.goto(f"{t}/gezinslink/")
    page.select_option("#language", "ar")
    with page.expect_navigation():
        page.click("main form:has(input[value=make]) button[type=submit]")
    panel = page.inner_text(".govuk-panel__body")
    arabic_url = re.search(r"/gezin/[^/\s]+/", panel).group(0)  # type: ignore[union-attr]
    arabic_code = re.search(r"\b\d{6}\b", panel).group(0)  # type: ignore[union-attr]
    log_out(page)

    # The professional opens the invitation, chooses a password, sets up the second factor.
    page.goto(link.group(0))
    axe("invitation")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/account/tweestap/" in page.url
    axe("second factor setup")
    key = base64.b32decode(page.inner_text("code.app-key") + "=" * (-len(page.inner_text("code.app-key")) % 8))
    page.fill("input[name=token]", f"{totp(key):06d}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"{t}/"), page.url
    assert GuestAccess.objects.get().accepted_at is not None
    # Only the consented parts: the map and the plan, not the contact notes or the members.
    nav = page.inner_text("nav.app-subnav")
    assert "Netwerkkaart" in nav and "Handelingsplan" in nav and "Contacten" not in nav
    assert "Gezinsleden" not in nav
    axe("guest: overview")
    page.goto(f"{t}/netwerkkaart/")
    assert "Groter huis" in page.inner_text("main")
    axe("guest: network map")
    page.goto(f"{t}/handelingsplan/")
    assert "Afspraak bij het SVK maken" in page.inner_text("main")
    page.goto(m)
    assert "De huur is te hoog" in page.inner_text("main")
    axe("guest: meeting")
    assert page.request.get(f"{t}/contacten/").status == 404
    assert page.request.get(f"{t}/gezinsleden/").status == 403
    assert page.request.get(f"/groepen/{group.slug}/gezinnen/").status == 403
    _guest_phone = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    _guest_phone.context.add_cookies(page.context.cookies())
    for path in ("", "netwerkkaart/", f"overleg/{meeting.pk}/"):
        _guest_phone.goto(f"{t}/{path}")
        assert _guest_phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    _guest_phone.context.close()

    # The family opens its page in Arabic: right to left, the report, who read its file.
    family_page = new_page(browser, site, page_problems)
    family_page.goto(arabic_url)
    family_page.fill("#code", arabic_code)
    with family_page.expect_navigation():
        family_page.click("main form button[type=submit]")
    assert family_page.get_attribute("html", "dir") == "rtl" and family_page.get_attribute("html", "lang") == "ar"
    text = family_page.inner_text("main")
    assert "De huur is te hoog" in text and "Samen naar het SVK gaan." in text
    axe("family view in Arabic", family_page)
    # "Who read your file" is a page of its own, linked from the page's contents.
    with family_page.expect_navigation():
        family_page.click("main a[href='?gelezen=1']")
    assert "Sofie Maes" in family_page.inner_text("main")  # the professional's reads are listed
    axe("who read the file, in Arabic", family_page)
    family_page.goto(arabic_url)
    step = Step.objects.get(meeting=meeting)
    with family_page.expect_navigation():
        family_page.click(f"main button[name=done][value='{step.pk}']")
    step.refresh_from_db()
    assert step.done_at is not None
    axe("family view in Arabic, step ticked", family_page)
    phone = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    phone.context.add_cookies(family_page.context.cookies())
    phone.goto(arabic_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "Arabic"
    phone.context.close()
    family_page.context.close()

    # And in Tigrinya (left to right): a new link and code from the bridge figure.
    bridge_page = new_page(browser, site, page_problems)
    log_in(bridge_page, "bram@example.org")
    bridge_page.goto(f"{t}/gezinslink/")
    bridge_page.select_option("#language", "ti")
    with bridge_page.expect_navigation():
        bridge_page.click("main form:has(input[value=make]) button[type=submit]")
    panel = bridge_page.inner_text(".govuk-panel__body")
    bridge_page.context.close()
    tigrinya_url = re.search(r"/gezin/[^/\s]+/", panel).group(0)  # type: ignore[union-attr]
    tigrinya_code = re.search(r"\b\d{6}\b", panel).group(0)  # type: ignore[union-attr]
    family_page = new_page(browser, site, page_problems, viewport={"width": 360, "height": 740}, is_mobile=True)
    family_page.goto(tigrinya_url)
    family_page.fill("#code", tigrinya_code)
    with family_page.expect_navigation():
        family_page.click("main form button[type=submit]")
    assert family_page.get_attribute("html", "dir") == "ltr" and family_page.get_attribute("html", "lang") == "ti"
    assert "Samen naar het SVK gaan." in family_page.inner_text("main")
    assert family_page.evaluate("document.documentElement.scrollWidth") <= 360, "Tigrinya"
    axe("family view in Tigrinya", family_page)
    with family_page.expect_navigation():
        family_page.click("main a[href='?gelezen=1']")
    assert "Sofie Maes" in family_page.inner_text("main")
    assert family_page.evaluate("document.documentElement.scrollWidth") <= 360, "Tigrinya, who read"
    axe("who read the file, in Tigrinya", family_page)
    family_page.context.close()

    assert guest.pk and not [v for v in violations if v], "\n".join(v for v in violations if v)
