"""The interpreting rows of the access matrix, on their own (the whole matrix runs in
core/tests/test_access_matrix.py): every role, GET, HEAD and POST."""

from __future__ import annotations

import pytest

from core.tests.access_matrix import answer, matrix
from core.tests.roles import NO_OTP, ROLES
from interpreting.tests import matrix as interpreting_matrix

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(everybody, role, settings):
    if role == NO_OTP:
        settings.OTP_REQUIRED_ROLES = ["coordinator"]
    client = everybody.client(role)
    client.raise_request_exception = False
    wrong = {}
    for name, row in matrix(everybody, [interpreting_matrix]).items():
        for method in ("GET", "HEAD", "POST"):
            expected, got = row.expected(method, role), answer(client, method, row.url)
            if got != expected:
                wrong[f"{method} {name}"] = f"{row.url}: expected {expected}, got {got}"
    assert not wrong, "\n".join(f"{k}: {v}" for k, v in wrong.items())
