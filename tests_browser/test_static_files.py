"""Every asset the templates link with {% static %} can be found, so it is served and collected.

Without it every page silently loses its stylesheet and scripts, in the browser tests too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.browser

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


def referenced_assets() -> set[str]:
    base = Path(settings.BASE_DIR)
    templates = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    return {name for t in templates if ".venv" not in t.parts for name in STATIC_TAG.findall(t.read_text())}


def test_templates_link_only_static_files_that_exist():
    assets = referenced_assets()
    assert {"core/gastvrij.css", "core/init.js", "core/supported.js", "core/map.js"} <= assets
    missing = sorted(name for name in assets if finders.find(name) is None)
    assert missing == [], f"not found by the static finders (STATICFILES_DIRS = {settings.STATICFILES_DIRS}): {missing}"
