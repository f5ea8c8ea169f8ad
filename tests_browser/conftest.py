"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

Every test gets a transactional database that is flushed afterwards, which also wipes the
places and activities the migrations load; the ``site`` fixture loads them again.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from core.tests.factories import OrganisationFactory, UserFactory
from organisations.models import OrganisationMember, Role

from .helpers import CHROMIUM, CHROMIUM_ARGS, load_reference_data, new_page

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does this as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's base URL, with the reference data in place."""
    load_reference_data()
    return live_server.url


@pytest.fixture
def page_problems() -> list[str]:
    return []


@pytest.fixture
def page(browser, site, page_problems) -> Iterator:
    """A fresh desktop page with JavaScript on. Afterwards no request of ours may have
    failed, none may have gone out, and no script may have thrown."""
    page = new_page(browser, site, page_problems)
    yield page
    page.context.close()
    assert page_problems == [], "\n".join(page_problems)


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
