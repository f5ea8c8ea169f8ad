"""The Toolkit in a browser: a member searches, reads, prints and suggests a change; an
editor publishes it. axe-core finds nothing, and every page fits a 360 px phone."""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path

import pytest
from django.db import connection

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import OrganisationMember, Role

from .helpers import PHONE, describe_violations, log_in, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def toolkit(site):
    """The demo Toolkit. A flush empties the tags the migration loads and leaves the SQLite
    search table (not a model) behind: put both right first."""
    from django.core.management import call_command

    migration = importlib.import_module("toolkit.migrations.0002_tags_and_search")
    from django.apps import apps

    migration.create_tags(apps, None)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM toolkit_search")
    call_command("seed_toolkit", stdout=io.StringIO())
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    volunteer = UserFactory(full_name="Vera Vrijwilliger")
    OrganisationMember.objects.create(organisation=group, user=volunteer, role=Role.VOLUNTEER)
    editor = UserFactory(full_name="Eddy Editor", is_editor=True)
    return volunteer, editor


def test_a_member_suggests_a_change_and_an_editor_publishes_it_without_axe_violations(page, browser, site, toolkit):
    volunteer, editor = toolkit
    report = []

    def check(where):
        page.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(page)))

    page.goto("/toolkit/")
    check("toolkit index")
    page.fill("input[name=q]", "huurwaarborg")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert page.locator("ol.results mark").count() >= 1
    check("search results")
    with page.expect_navigation():
        page.click("ol.results a >> nth=0")
    assert "/toolkit/wonen-eigen-adres/" in page.url
    check("toolkit page")
    page.goto("/toolkit/woordenlijst/")
    check("glossary")

    log_in(page, volunteer.email)
    page.goto("/toolkit/wonen-eigen-adres/voorstellen/")
    check("suggest a change")
    body = page.input_value("textarea[name=body]")
    page.fill("textarea[name=body]", body + "\n\nVraag de verhuurder om een plaatsbeschrijving.\n")
    page.fill("input[name=message]", "Plaatsbeschrijving toegevoegd")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/toolkit/wonen-eigen-adres/" in page.url

    editor_page = new_page(browser, site, [])
    try:
        log_in(editor_page, editor.email)
        editor_page.goto("/toolkit/voorstellen/")
        with editor_page.expect_navigation():
            editor_page.click("main table a >> nth=0")
        assert editor_page.locator(".diff ins").count() >= 1
        editor_page.wait_for_load_state("load")
        report.append(describe_violations("review", run_axe(editor_page)))
        with editor_page.expect_navigation():
            editor_page.click("button[value=accept]")
        assert "plaatsbeschrijving" in editor_page.inner_text("main").lower()
    finally:
        editor_page.context.close()

    report = [r for r in report if r]
    assert not report, "axe found WCAG violations:\n" + "\n".join(report)


def test_toolkit_pages_fit_a_small_phone(browser, site, page_problems, toolkit, tmp_path):
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page = new_page(browser, site, page_problems, viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = []
    try:
        for name, path in [
            ("toolkit", "/toolkit/"),
            ("toolkit-page", "/toolkit/checklist-huiswerk/"),
            ("toolkit-print", "/toolkit/checklist-huiswerk/afdrukken/"),
            ("toolkit-search", "/toolkit/zoeken/?q=ocmw+leefloon&domain=finances"),
            ("toolkit-glossary", "/toolkit/woordenlijst/"),
        ]:
            page.goto(path)
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{name} ({path}) is {width}px wide")
            page.screenshot(path=str(folder / f"{name}-360.png"), full_page=True)
    finally:
        page.context.close()
    assert too_wide == []
    assert page_problems == [], "\n".join(page_problems)
