"""No GET writes: every URL of the access matrix that a role may
open with GET is opened by that role, and the database is the same afterwards.

Two checks per request: no INSERT, UPDATE or DELETE statement ran, and the number of rows
of every table is unchanged. Two tables are allowed to change: the session (logging in
and messages live there) and the audit log, which records reads and downloads of personal
data (decision 0012): recording a read is the point, not a side effect.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tests.access_matrix import matrix
from core.tests.roles import NO_OTP, ROLES

ALLOWED_TABLES = {"django_session", "core_auditevent"}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _row_counts() -> dict[str, int]:
    tables = [t for t in connection.introspection.table_names() if t not in ALLOWED_TABLES]
    if connection.vendor == "sqlite":  # FTS5 shadow tables are written by the search index only
        tables = [t for t in tables if not t.startswith("toolkit_search")]
    quoted = [connection.ops.quote_name(t) for t in tables]
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {q})" for q in quoted)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


@pytest.mark.parametrize("role", [role for role in ROLES if role != NO_OTP])
def test_opening_any_page_writes_nothing(everybody, role):
    client = everybody.client(role)
    pages = {name: row.url for name, row in matrix(everybody).items() if row.expected("GET", role) == 200}
    assert len(pages) > 20
    writes: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    for name, url in pages.items():
        before = _row_counts()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        statements = [m.group(2) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))]
        wrote = sorted({table for table in statements if table not in ALLOWED_TABLES})
        if wrote:
            writes[name] = wrote
        after = _row_counts()
        if after != before:
            changed[name] = sorted(t for t in before if before[t] != after[t])
    assert writes == {} and changed == {}
