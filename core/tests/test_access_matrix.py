"""Every URL declares an access policy, and every role gets exactly what it should, to GET,
HEAD and POST (docs/decisions/0002-access-model.md).

The rows live with their apps (``<app>/tests/matrix.py``, format in core/tests/roles.py); a
URL without a row fails ``test_matrix_covers_every_url``. A POST carries an empty body, so the
answer shows that the object checks run before the form is read: whoever may not touch an
object gets 403 or 404, never a re-rendered form (200) or a redirect after doing it (302).
Every request runs in a savepoint that is rolled back, so one row's POST never changes what
the next row finds.
"""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from core.access import EXEMPT_NAMESPACES, declared_policy
from core.tests.access_matrix import answer, matrix
from core.tests.roles import NO_OTP, ROLES


def _walk(patterns, namespaces=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, namespaces + ((p.namespace,) if p.namespace else ()))
        elif isinstance(p, URLPattern):
            yield namespaces, p


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def url_name(namespaces, pattern) -> str:
    return f"{':'.join(namespaces)}:{pattern.name}" if namespaces else pattern.name


def test_every_view_declares_an_access_policy():
    missing = [
        f"{':'.join(ns)}:{p.name} ({p.pattern})"
        for ns, p in all_patterns()
        if not EXEMPT_NAMESPACES.intersection(ns) and declared_policy(p.callback) is None
    ]
    assert missing == []


def test_every_number_in_an_address_is_a_bounded_id():
    """``<id:pk>``, never ``<int:pk>``: a number past any id is a 404, not an overflow."""
    unbounded = [
        str(p.pattern)
        for ns, p in all_patterns()
        if not EXEMPT_NAMESPACES.intersection(ns) and "<int:" in str(p.pattern)
    ]
    assert unbounded == []


def _undeclared(request):
    return HttpResponse("should never be served")


urlpatterns = [path("undeclared/", _undeclared)]


@override_settings(ROOT_URLCONF=__name__)
def test_view_without_policy_is_denied_by_default(client, db):
    assert client.get("/undeclared/").status_code == 403


def test_matrix_covers_every_url(everybody):
    names = {url_name(ns, p) for ns, p in all_patterns() if not EXEMPT_NAMESPACES.intersection(ns)}
    # "name [what this row tries]" rows try another object under the same address.
    covered = {re.sub(r" \[.*\]$", "", name) for name in matrix(everybody)}
    assert names == covered


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should(everybody, role, settings):
    if role == NO_OTP:
        settings.OTP_REQUIRED_ROLES = ["coordinator"]
    client = everybody.client(role)
    client.raise_request_exception = False
    wrong = {}
    for name, row in matrix(everybody).items():
        for method in ("GET", "HEAD", "POST"):
            expected, got = row.expected(method, role), answer(client, method, row.url)
            if got != expected:
                wrong[f"{method} {name}"] = f"{row.url}: expected {expected}, got {got}"
    assert not wrong, f"{len(wrong)} answers differ for {role}:\n" + "\n".join(f"{k}: {v}" for k, v in wrong.items())
