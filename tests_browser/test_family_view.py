"""The family's own page on a small phone, in Arabic (right to left), Tigrinya (Ethiopic
script) and Somali: the code form with its error, the page and "who read your file". axe-core
finds nothing, nothing scrolls sideways at 360 px, no script runs and no web font is
downloaded where the web font does not cover the script. Set BROWSER_SCREENSHOTS=<folder>
to keep the screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from families import family_links, meetings, services
from organisations.models import OrganisationMember, Role

from .helpers import PHONE, describe_violations, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _family():
    from families.tests.factories import make_family, make_meeting

    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    coordinator = UserFactory(full_name="Cora Coördinator")
    volunteer = UserFactory(full_name="Vera Vrijwilliger")
    OrganisationMember.objects.create(organisation=group, user=coordinator, role=Role.COORDINATOR)
    OrganisationMember.objects.create(organisation=group, user=volunteer, role=Role.VOLUNTEER)
    family = make_family(group, coordinator, volunteer=volunteer)
    meeting = make_meeting(family, coordinator)
    item = meeting.items.get()
    meeting = meetings.save_report(
        meeting, acting_user=coordinator, version=0, texts={item.pk: {"said": "Lange wachtlijst", "decided": "Bellen"}}
    )
    meetings.share_report(meeting, acting_user=coordinator)
    services.record_read(family, volunteer, "map")
    services.record_read(family, coordinator, "plan")
    return family, coordinator


@pytest.mark.parametrize("language", ["ar", "ti", "so"])
def test_the_familys_page_on_a_small_phone(browser, site, page_problems, screenshots, language):
    family, coordinator = _family()
    _link, token, code = family_links.make_link(family, acting_user=coordinator, language=language)
    page = new_page(browser, site, page_problems, viewport=PHONE)
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    violations: list[str] = []

    def check(name: str) -> None:
        page.wait_for_load_state("load")
        if language in ("ar", "ti"):
            # The phone's own fonts: the platform's web font covers Latin only. (Which font
            # files a busy browser fetches is a race; which font the text is set in is not.)
            families = page.evaluate(
                """() => [...document.querySelectorAll('main *')]
                    .map(e => getComputedStyle(e).fontFamily).filter(f => !f.startsWith('system-ui'))"""
            )
            assert families == [], f"{name} ({language}) sets text in {set(families)}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} ({language}) is {width} px wide"
        page.screenshot(path=str(screenshots / f"family-{language}-{name}.png"), full_page=True)
        violations.append(describe_violations(f"{name} {language}", run_axe(page)))

    page.goto(f"/gezin/{token}/")
    page.fill("#code", "12345x")
    page.click("main form button[type=submit]")
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.input_value("#code") == "12345x"  # as typed
    check("code-error")
    page.fill("#code", code)
    page.click("main form button[type=submit]")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert "Een huis met drie slaapkamers" in page.inner_text("main")
    check("page")
    page.click("main nav a[href='?gelezen=1']")
    assert "Vera Vrijwilliger" in page.inner_text("main")
    check("who-read")
    page.context.close()
    assert scripts == []
    assert not [v for v in violations if v], "\n".join(violations)
    page_problems[:] = [p for p in page_problems if not p.startswith("400 ")]  # the wrong code, on purpose
    assert page_problems == [], "\n".join(page_problems)
