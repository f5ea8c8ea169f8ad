"""schemathesis against the API's own OpenAPI description (/api/v1/openapi.json): for every
operation, generated requests (valid and invalid by the description) never get a 5xx, and
every answer matches the description (status code, content type, body schema). Issue 9,
decision 0017.

``EXAMPLES`` requests an operation, derandomised, on SQLite and on PostgreSQL (scripts/test
runs both); it runs through WSGI in the test's transaction, so it needs no server.
``GASTVRIJ_FUZZ_EXAMPLES`` raises it for a heavier run by hand.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from toolkit.tests.factories import make_page

EXAMPLES = int(os.environ.get("GASTVRIJ_FUZZ_EXAMPLES", "40"))
SENT: dict[int, int] = {}  # requests sent, by status (printed with GASTVRIJ_FUZZ_REPORT=1)


def _schema():
    """The description the API serves, called through WSGI (no server)."""
    from gastvrij.api import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture
def api_data(people):
    """Two member groups (the fixed people's) and a Toolkit page to find. As Django's test
    client does, requests keep the test's database connection (and its transaction) open."""
    make_page("Huurwaarborg", "## Huurwaarborg\n\nHet OCMW helpt met de huurwaarborg.\n", visibility="public")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield people
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_description(case, api_data):
    # Every check but "schema-valid data is accepted": the API rightly answers 400 to values no
    # description can rule out (a postcode of four digits that does not exist, a page past the
    # last, a search without words), and documents that 400.
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    SENT[response.status_code] = SENT.get(response.status_code, 0) + 1
    if os.environ.get("GASTVRIJ_FUZZ_REPORT"):
        print(f"API: {sum(SENT.values())} requests, by status {dict(sorted(SENT.items()))}")
