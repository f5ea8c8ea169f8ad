"""The Toolkit in a browser: a member searches, reads, prints and suggests a change; an
editor publishes it. axe-core finds nothing, and every page fits a 360 px phone."""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

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
    with override_settings(DEBUG=True):  # the demo data runs in development only
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
    page.goto("/toolkit/checklists/huiswerk-na-erkenning/")
    check("checklist")
    page.goto("/toolkit/wonen-eigen-adres/geschiedenis/vergelijken/?van=1&naar=1")
    check("compare versions")

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
            ("toolkit-checklist", "/toolkit/checklists/huiswerk-na-erkenning/"),
            ("toolkit-compare", "/toolkit/wonen-eigen-adres/geschiedenis/vergelijken/?van=1&naar=1"),
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


def test_a_member_asks_another_answers_and_the_asker_marks_the_answer_without_axe_violations(
    page, browser, site, toolkit
):
    volunteer, _editor = toolkit
    other = UserFactory(full_name="Omar Antwoord")
    group = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000")
    OrganisationMember.objects.create(organisation=group, user=other, role=Role.VOLUNTEER)
    report = []

    def check(where, on=None):
        on = on or page
        on.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(on)))

    log_in(page, volunteer.email)
    page.goto("/toolkit/vragen/")
    check("questions")
    page.goto("/toolkit/vragen/nieuw/")
    check("ask a question")
    page.fill("input[name=title]", "Wie helpt met de huurwaarborg?")
    page.select_option("select[name=life_domain]", "housing")
    page.fill("textarea[name=body]", "Een gezin heeft een woning gevonden.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    question_url = page.url
    assert "/toolkit/vragen/" in question_url
    check("question")

    answerer = new_page(browser, site, [])
    try:
        log_in(answerer, other.email)
        answerer.goto(question_url)
        answerer.fill("textarea[name=body]", "Vraag een OCMW-waarborg aan.")
        with answerer.expect_navigation():
            answerer.click("main form[action$='/antwoorden/'] button[type=submit]")
        assert "Vraag een OCMW-waarborg aan." in answerer.inner_text("main")
    finally:
        answerer.context.close()

    page.goto(question_url)
    with page.expect_navigation():
        page.click("main form[action$='/geholpen/'] button[type=submit]")
    assert page.locator(".answer.accepted").count() == 1
    check("question with the answer that helped")

    report = [r for r in report if r]
    assert not report, "axe found WCAG violations:\n" + "\n".join(report)


def test_the_question_page_fits_a_small_phone(browser, site, page_problems, toolkit):
    from toolkit import services

    volunteer, _editor = toolkit
    question = services.ask_question(author=volunteer, title="Een vraag", body="Uitleg " * 40, life_domain="work")
    services.answer_question(question, author=volunteer, body="Antwoord " * 60)
    page = new_page(browser, site, page_problems, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        log_in(page, volunteer.email)
        for path in ["/toolkit/vragen/", question.get_absolute_url()]:
            page.goto(path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    finally:
        page.context.close()
