"""The search quality test set: realistic queries, each with the result it must give first
(toolkit/tests/search_queries.csv). Used by test_search_quality.py (one test per query, on
the database under test) and by bench/search_quality.py (the share of first hits per
backend, for docs/benchmarks.md)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).with_name("search_queries.csv")


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # a page's slug, or "term:<slug>" for a glossary term
    reader: str  # "visitor" or "member"
    why: str
    known_miss: str = ""  # why the search does not give it first today (counted as a miss)


def cases() -> list[Case]:
    with QUERIES.open(newline="", encoding="utf-8") as f:
        return [
            Case(row["query"], row["expected"], row["reader"], row["why"], row["known_miss"])
            for row in csv.DictReader(f)
        ]


def first_result(case: Case, member) -> tuple[str, list[str]]:
    """What the search gives first for the case ("<slug>", "term:<slug>", or "" for nothing),
    and the first five results, to explain a miss."""
    from django.contrib.auth.models import AnonymousUser

    from toolkit import search

    reader = member if case.reader == "member" else AnonymousUser()
    hits = search.search(case.query, user=reader, limit=5).hits
    keys = [_key(hit) for hit in hits]
    return (keys[0] if keys else ""), keys


def _key(hit) -> str:
    if hit.kind == "page":
        return hit.url.rstrip("/").rsplit("/", 1)[-1]
    if hit.kind == "term":
        return "term:" + hit.url.rsplit("#", 1)[-1]
    return f"{hit.kind}:{hit.pk}"
