"""The access matrix's tables and how it asks (core/tests/test_access_matrix.py uses them, and
so does the form fuzzing in core/tests/test_form_fuzz.py)."""

from __future__ import annotations

import copy

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from accounts.tests import matrix as accounts_matrix
from core.tests import matrix as core_matrix
from core.tests.roles import LOGIN, OTP, Row
from families.tests import matrix as families_matrix
from interpreting.tests import matrix as interpreting_matrix
from organisations.tests import matrix as organisations_matrix
from referrals.tests import matrix as referrals_matrix
from signals.tests import matrix as signals_matrix
from socialmap.tests import matrix as socialmap_matrix
from toolkit.tests import matrix as toolkit_matrix
from volunteers.tests import matrix as volunteers_matrix

# Every app's table. A new app adds its module here.
TABLES = [
    core_matrix,
    accounts_matrix,
    organisations_matrix,
    toolkit_matrix,
    volunteers_matrix,
    families_matrix,
    signals_matrix,
    socialmap_matrix,
    referrals_matrix,
    interpreting_matrix,
]


def matrix(people, tables=None) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for table in tables or TABLES:
        rows.update(table.urls(people))
    return rows


def send(client: Client, method: str, url: str, data=None):
    """``client``'s request in a savepoint that is rolled back (with the cookies it had), so
    it changes nothing for the next one; the response."""
    cookies = copy.deepcopy(client.cookies)
    cache.clear()
    with transaction.atomic():
        response = (
            getattr(client, method.lower())(url, data) if data is not None else getattr(client, method.lower())(url)
        )
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def answer(client: Client, method: str, url: str) -> int | str:
    """What ``client`` gets for ``method url``, in a savepoint that is rolled back; a
    redirect to the log-in or the second-factor page is named as such."""
    response = send(client, method, url)
    if method == "HEAD":
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == b"", f"HEAD {url} has a body"
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/account/inloggen/"):
            return LOGIN
        if location.startswith("/account/tweestap/"):
            return OTP
    return response.status_code
