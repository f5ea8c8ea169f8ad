"""Benchmark settings: the test settings, with DEBUG off and the bench urlconf.

The database comes from DATABASE_URL, as everywhere else (bench/run.py always sets it).
"""

from gastvrij.settings_test import *  # noqa: F403
from gastvrij.settings_test import BASE_DIR, TEMPLATES

DEBUG = False
# gastvrij.urls plus the bare reference view (bench/urls.py).
ROOT_URLCONF = "bench.urls"
# The bare view's template lives in bench/templates.
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
# The sign-up's last step counts submissions per address (core/spam.py): the benchmark sends
# thousands from one address, which would otherwise time the "too many" message instead.
SPAM_MAX_PER_HOUR = 10**9
