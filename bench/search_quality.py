"""The share of first hits of the search quality test set, on one database.

    DATABASE_URL=sqlite:///$PWD/var/bench/quality.sqlite3 .venv/bin/python bench/search_quality.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_quality .venv/bin/python bench/search_quality.py

Migrates the database and loads the demo Toolkit (``seed_toolkit``, safe to repeat), then
runs every query of toolkit/tests/search_queries.csv as its reader (a visitor, or a member
of a group for members-only pages) and prints each miss and the share of queries whose
first result is the expected one. The suite runs the same queries as one test each
(toolkit/tests/test_search_quality.py); this prints the share, for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="save the results to this file")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.run import run_header
    from organisations.models import Organisation, OrganisationMember, Role
    from toolkit.tests.search_quality import cases, first_result

    call_command("migrate", verbosity=0)
    call_command("seed_toolkit", stdout=StringIO())
    member = _member(Organisation, OrganisationMember, Role)
    rows = []
    for case in cases():
        first, results = first_result(case, member)
        rows.append({"query": case.query, "expected": case.expected, "first": first, "results": results})
        if first != case.expected:
            print(f"miss: {case.query!r} -> {results} (expected {case.expected}; {case.why})")
    hits = sum(r["first"] == r["expected"] for r in rows)
    share = hits / len(rows)
    import sqlite3

    version = connection.pg_version if connection.vendor == "postgresql" else sqlite3.sqlite_version
    print(f"{connection.vendor} {version}: {hits} of {len(rows)} first hits ({share:.0%})")
    if args.json:
        header = run_header(os.environ.get("DATABASE_URL", ""), str(version), 1, 0)
        Path(args.json).write_text(json.dumps({**header, "hits": hits, "queries": len(rows), "rows": rows}, indent=1))


def _member(Organisation, OrganisationMember, Role):
    """A volunteer of a member group, created once: the reader of the members-only cases."""
    from accounts.models import User
    from core.tests.factories import OrganisationFactory, UserFactory

    user = User.objects.filter(email="quality.member@bench.gastvrij.test").first()
    if user is None:
        user = UserFactory(email="quality.member@bench.gastvrij.test")
        group = OrganisationFactory(name="Quality test group")
        OrganisationMember.objects.create(organisation=group, user=user, role=Role.VOLUNTEER)
    return user


if __name__ == "__main__":
    main()
