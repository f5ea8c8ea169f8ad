"""A visitor looks for the nearest member group, with and without JavaScript."""

from __future__ import annotations

import re

import pytest

from core.tests.factories import OrganisationFactory

from .helpers import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUPS = [  # name, postcode; listed here from far to near Mechelen on purpose
    ("SOCK Brugge", "8000"),
    ("Werkgroep Vluchtelingen Gent", "9000"),
    ("Vluchtelingenwerk Leuven", "3000"),
    ("Samenlevingsopbouw Antwerpen", "2000"),
    ("Welcome in Mechelen (WiM)", "2800"),
]


@pytest.fixture
def groups(site):
    return [OrganisationFactory(name=name, postcode=postcode) for name, postcode in GROUPS]


def cards(page) -> list[tuple[str, float]]:
    """(name, km) of each result card, in page order."""
    result = []
    for card in page.locator("#results .app-card").all():
        name = card.locator("h3").inner_text().strip()
        km = re.search(r"(\d+(?:[.,]\d+)?)\s*km", card.locator(".app-distance").inner_text())
        assert km, f"no distance on the card of {name}"
        result.append((name, float(km.group(1).replace(",", "."))))
    return result


def assert_nearest_first(found: list[tuple[str, float]]) -> None:
    assert len(found) == len(GROUPS)
    assert found[0] == ("Welcome in Mechelen (WiM)", 0.0)
    distances = [km for _, km in found]
    assert distances == sorted(distances)
    assert found[-1][0] == "SOCK Brugge"


def test_visitor_finds_the_nearest_group_from_postcode_2800(page, groups):
    page.goto("/groepen/")
    page.fill("#id_near", "2800")
    with page.expect_navigation():
        page.click("form.app-filters button[type=submit]")
    assert "near=2800" in page.url
    assert_nearest_first(cards(page))
    assert "2800" in page.locator("#results h2").inner_text()
    page.locator("#map").wait_for(state="visible")  # the map enhances the list when JavaScript runs


def test_directory_works_without_javascript(browser, site, groups, page_problems):
    page = new_page(browser, site, page_problems, java_script_enabled=False)
    try:
        page.goto("/groepen/?near=2800")
        assert_nearest_first(cards(page))
        assert page.locator("#map").is_hidden()  # no empty map box without JavaScript
    finally:
        page.context.close()
    assert page_problems == [], "\n".join(page_problems)
