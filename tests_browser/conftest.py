"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

Every test gets a transactional database that is flushed afterwards, which also wipes the
places and activities the migrations load; the ``site`` fixture loads them again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
