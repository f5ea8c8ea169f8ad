"""Settings of the load run (bench/load.py): the production settings (gastvrij.settings, with
the environment the script sets: debug off, PostgreSQL, Redis, hashed static files) plus
the bare reference view at /bench/bare/ (bench/urls.py)."""

from gastvrij.settings import *  # noqa: F403
from gastvrij.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
