"""Search finds what people mean (issue 10): each query of the test set
(toolkit/tests/search_queries.csv: everyday words, questions, typos, plurals, accents,
French and English) gives the expected page or glossary term first, on the demo Toolkit,
on the database under test. bench/search_quality.py prints the share of first hits
(docs/benchmarks.md, "Search quality")."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from toolkit.tests.search_quality import cases, first_result


@pytest.fixture
def demo_toolkit(people, development):
    call_command("seed_toolkit", stdout=StringIO())


def _case(case):
    # A known miss is written down with its reason in the data file; strict: when the search
    # starts to get it right, the test says so and the reason is removed.
    marks = [pytest.mark.xfail(reason=case.known_miss, strict=True)] if case.known_miss else []
    return pytest.param(case, id=case.query, marks=marks)


@pytest.mark.parametrize("case", [_case(case) for case in cases()])
def test_the_first_result_is_what_people_mean(demo_toolkit, people, case):
    first, results = first_result(case, people.volunteer)
    assert first == case.expected, f"{case.query!r} ({case.why}) gave {results}"
