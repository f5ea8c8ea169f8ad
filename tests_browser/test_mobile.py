"""At 360 px wide (a small phone) the directory and the application form fit without sideways scrolling.

Screenshots of each page at 360 and 1280 px are written to $BROWSER_SCREENSHOTS (default: the
test's temporary directory) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.tests.factories import OrganisationFactory, make_document

from .helpers import DESKTOP, PHONE, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_directory_and_application_form_fit_a_small_phone(browser, site, page_problems, screenshots):
    OrganisationFactory(
        name="Welcome in Mechelen (WiM)", postcode="2800", activities=["dutch-conversation", "housing", "buddy"]
    )
    OrganisationFactory(name="Vluchtelingenwerk Leuven", postcode="3000", activities=["homework-help"])
    OrganisationFactory(name="Samenlevingsopbouw Antwerpen", postcode="2000", activities=["sponsorship"])
    make_document("statutes", "Statuten")
    make_document("rules", "Huishoudelijk reglement")

    too_wide = []
    for label, viewport, options in [
        ("360", PHONE, {"is_mobile": True, "has_touch": True}),
        ("1280", DESKTOP, {}),
    ]:
        page = new_page(browser, site, page_problems, viewport=viewport, **options)
        try:
            for name, path, submit in [
                ("directory", "/groepen/?near=2800", False),
                ("directory-filters", "/groepen/?near=2800&activity=buddy", False),
                ("apply", "/aansluiten/", False),
                ("apply-errors", "/aansluiten/", True),
            ]:
                page.goto(path)
                if submit:
                    with page.expect_navigation():
                        page.click("main form button[type=submit]")
                page.wait_for_load_state("load")
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    too_wide.append(f"{name} ({path}) is {width}px wide at {viewport['width']}px")
                page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)
        finally:
            page.context.close()
    assert too_wide == []
    assert page_problems == [], "\n".join(page_problems)
