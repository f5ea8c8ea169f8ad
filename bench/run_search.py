"""Benchmark the Toolkit search on one database: the page, the API and the raw query.

    DATABASE_URL=sqlite:///$PWD/var/bench/toolkit.sqlite3 .venv/bin/python bench/run_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_toolkit .venv/bin/python bench/run_search.py

Creates, migrates and fills the database first when needed (bench/generate_toolkit.py).
For each query it times, in-process with Django's test Client (settings bench.settings,
DEBUG off):

- the search page ``/toolkit/zoeken/?q=...`` and ``GET /api/v1/search?q=...``, each as an
  anonymous visitor (public pages and glossary terms) and as a logged-in member (also
  members-only pages, questions and answers);
- the raw search alone: ``core.search.find()``, the engine's ranking queries for the kinds
  the user may see, LIMIT 50 each (FTS5 MATCH ranked by bm25 with the visibility subquery
  on SQLite; the stored search_vector @@ to_tsquery ranked by ts_rank_cd on PostgreSQL;
  when nothing matches, the typo correction and the any-word query too), and once more with
  ``core.search.load()`` for the 20 best (rows and passages), for comparison. Since issue
  10 the raw search is the engine's function, not hand-written SQL: ratios are not
  comparable with runs before it.

The ratio is the page's (or the API's) median divided by the raw query's median for the
same user; target: at most 2.

    .venv/bin/python bench/run_search.py --report bench/results/search-sqlite.json bench/results/search-postgresql.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate_toolkit  # noqa: E402
from bench.run import percentile, prepare_database, run_header  # noqa: E402

QUERIES = ["huurwaarborg", "leefloon aanvraag", "inburgering", "huurwaarbrog"]
TARGET_RATIO = 2.0  # the page or the API within 2x the raw full-text query
MIN_TIMED = 20  # timed calls per case at least (--min-timed)


# ---------------------------------------------------------------- the raw search (the engine, without the page)

_READERS: dict[bool, object] = {}


def raw_search(query: str, member: bool, passage: bool) -> int:
    """The search engine's own work for one query, without the view, the template or the
    JSON: ``core.search.find()`` over the kinds the reader may see (the ranking queries: FTS5
    MATCH with bm25 on SQLite, the stored vector with ts_rank_cd on PostgreSQL; then, when
    nothing matched, the typo correction and the any-word query), and with ``passage`` also
    ``core.search.load()`` for the best 20 (the rows and their passages). Returns the
    number of ranked rows."""
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from core import search as engine
    from toolkit import search

    if member not in _READERS:  # looked up once, outside the timed calls that follow
        _READERS[member] = User.objects.get(email=generate_toolkit.MEMBER_EMAIL) if member else AnonymousUser()
    user = _READERS[member]
    parsed = engine.parse(query, search.thesaurus())
    wanted = search._wanted(user, "", "", "")
    found = engine.find(search.INDEX, parsed, search.sources(user, "", "", wanted), limit=search.MAX_RESULTS)
    if passage:
        rows = {k: search._hit_objects(k, user, "", "") for k in wanted}
        engine.load(search.INDEX, found, found.rows[:20], rows)
    return len(found.rows)


# ---------------------------------------------------------------- timing


def time_loop(call, iterations: int, warmup: int, budget_s: float) -> list[float]:
    """Milliseconds of `iterations` calls after `warmup` untimed ones. Slow cases stop early:
    the warm-up once it took `budget_s` / 4, the timed calls after MIN_TIMED once they took
    `budget_s` in all (column n of the table)."""
    warm_started = time.perf_counter()
    for _ in range(warmup):
        call()
        if time.perf_counter() - warm_started > budget_s / 4:
            break
    times: list[float] = []
    spent = 0.0
    for _ in range(iterations):
        started = time.perf_counter()
        call()
        elapsed = time.perf_counter() - started
        times.append(elapsed * 1000)
        spent += elapsed
        if spent > budget_s and len(times) >= MIN_TIMED:
            break
    return times


def summary(times: list[float]) -> dict:
    return {"median_ms": statistics.median(times), "p95_ms": percentile(times, 95), "n": len(times)}


def get_ok(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return response


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_ok(client, url)
    return len(captured)


def run(iterations: int, warmup: int, budget_s: float, queries: list[str]) -> dict:
    url = generate_toolkit.prepare()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from toolkit import search
    from toolkit.models import Answer, GlossaryTerm, Page, Question, Visibility

    db_version = prepare_database()

    anonymous = Client()
    member = Client()
    member_user = User.objects.get(email=generate_toolkit.MEMBER_EMAIL)
    member.force_login(member_user)
    clients = {"anonymous": (anonymous, False), "member": (member, True)}

    results = []
    for query in queries:
        raw = {}
        for who, (_client, is_member) in clients.items():
            raw[who] = summary(
                time_loop(lambda q=query, m=is_member: raw_search(q, m, False), iterations, warmup, budget_s)
            )
            raw[who]["rows"] = raw_search(query, is_member, False)
            raw[who]["with_passage"] = summary(
                time_loop(lambda q=query, m=is_member: raw_search(q, m, True), iterations, warmup, budget_s)
            )
            print(
                f"{connection.vendor:10} raw {query!r:22} {who:9} median {raw[who]['median_ms']:8.2f} ms  "
                f"p95 {raw[who]['p95_ms']:8.2f} ms  rows {raw[who]['rows']:4}  "
                f"with passage {raw[who]['with_passage']['median_ms']:8.2f} ms",
                flush=True,
            )
        for request, path in (("page", "/toolkit/zoeken/?q="), ("api", "/api/v1/search?q=")):
            for who, (client, is_member) in clients.items():
                case_url = path + quote(query)
                first = get_ok(client, case_url)
                hits = len(search.search(query, user=member_user if is_member else AnonymousUser()).hits)
                result = {
                    "query": query,
                    "request": request,
                    "who": who,
                    "url": case_url,
                    "bytes": len(first.content),
                    "hits": hits,
                    **summary(time_loop(lambda c=client, u=case_url: get_ok(c, u), iterations, warmup, budget_s)),
                    "queries": count_queries(client, case_url),
                    "raw": raw[who],
                }
                result["ratio"] = result["median_ms"] / raw[who]["median_ms"]
                results.append(result)
                print(
                    f"{connection.vendor:10} {request:4} {query!r:22} {who:9} median {result['median_ms']:8.2f} ms  "
                    f"p95 {result['p95_ms']:8.2f} ms  n {result['n']:3}  {hits:2} hits  {result['queries']:2} queries"
                    f"  raw {raw[who]['median_ms']:8.2f} ms  ratio {result['ratio']:5.1f}x",
                    flush=True,
                )
    return {
        **run_header(url, db_version, iterations, warmup),
        "budget_s": budget_s,
        "min_timed": MIN_TIMED,
        "data": {
            "pages": Page.objects.count(),
            "public_pages": Page.objects.filter(visibility=Visibility.PUBLIC).count(),
            "questions": Question.objects.count(),
            "answers": Answer.objects.count(),
            "glossary_terms": GlossaryTerm.objects.count(),
        },
        "load": os.getloadavg()[0],
        "results": results,
    }


def markdown(runs: list[dict]) -> str:
    lines = [
        "| Backend | Query | Request | User | Hits | Queries | Median ms | p95 ms | n "
        "| Raw FTS median ms | Raw p95 ms | Raw + passage median ms | Ratio | Target ≤2x |",
        "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for data in runs:
        backend = f"{data['backend']} {data['db_version']}"
        for r in data["results"]:
            raw = r["raw"]
            lines.append(
                f"| {backend} | `{r['query']}` | {r['request']} | {r['who']} | {r['hits']} | {r['queries']} "
                f"| {r['median_ms']:.2f} | {r['p95_ms']:.2f} | {r['n']} | {raw['median_ms']:.2f} | {raw['p95_ms']:.2f} "
                f"| {raw['with_passage']['median_ms']:.2f} | {r['ratio']:.1f}x "
                f"| {'met' if r['ratio'] <= TARGET_RATIO else '**missed**'} |"
            )
    first = runs[0]
    m, d = first["machine"], first["data"]
    lines += [
        "",
        f"{first['date']}; commit {first['commit']}; {m['cpus']} CPUs, {m['memory_gib']} GiB; Python {m['python']}, "
        f"Django {first['django']}; up to {first['iterations']} timed requests after {first['warmup']} warm-up "
        f"(fewer, at least {first.get('min_timed', 20)}, when they took over {first['budget_s']:g} s in all: "
        f"column n); data: {d['pages']:,} pages "
        f"({d['public_pages']:,} public), {d['questions']:,} questions, {d['answers']:,} answers, "
        f"{d['glossary_terms']} glossary terms. Load average after the run: "
        + ", ".join(f"{r['backend']} {r['load']:.1f}" for r in runs)
        + ".",
    ]
    return "\n".join(lines)


def main() -> None:
    global MIN_TIMED  # noqa: PLW0603 - set once from the command line
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100, help="timed requests per case (default 100)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first (default 10)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of timed requests per case (default 10)")
    parser.add_argument("--min-timed", type=int, default=MIN_TIMED, help="timed requests at least (default 20)")
    parser.add_argument("--query", action="append", help="search for this only (repeatable; default: all four)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON", help="print a table from saved results")
    args = parser.parse_args()
    if args.report:
        print(markdown([json.loads(p.read_text()) for p in args.report]))
        return
    MIN_TIMED = args.min_timed
    data = run(args.iterations, args.warmup, args.budget, args.query or QUERIES)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    print()
    print(markdown([data]))


if __name__ == "__main__":
    main()
