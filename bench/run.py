"""Benchmark the directory, the API and the secretariat dashboard on one database.

    DATABASE_URL=sqlite:///$PWD/var/bench/bench.sqlite3 .venv/bin/python bench/run.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench .venv/bin/python bench/run.py

Creates and migrates the database and generates the data set (bench/generate.py) when
it is not there yet, then requests each page in-process with Django's test Client
(no network, settings bench.settings = gastvrij.settings_test with DEBUG off). Each
page is timed alternately with a bare view that renders a template of the same size
and makes no query, so both see the same machine noise.

    .venv/bin/python bench/run.py --report bench/results/sqlite.json bench/results/postgresql.json

prints one markdown table from saved results (bench/run_all.sh does all of this).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402

# (label, URL, logged in as the secretariat?, cache cleared before each request?)
# The figures on the dashboard and home page, and the rendered directory pages, are cached
# until a write; the "cache cleared" rows show what a request costs when nothing is cached
# (the first request for a query after a write, or after the cache expires).
CASES = [
    ("Directory, near 2800", "/groepen/?near=2800", False, False),
    ("Directory, near 2800, cache cleared", "/groepen/?near=2800", False, True),
    ("Directory", "/groepen/", False, False),
    ("Directory, cache cleared", "/groepen/", False, True),
    ("API nearest 2800", "/api/v1/organisations/nearest?postcode=2800", False, False),
    ("API list near 2800", "/api/v1/organisations?near=2800", False, False),
    ("Secretariat dashboard", "/secretariaat/", True, False),
    ("Secretariat dashboard, cache cleared", "/secretariaat/", True, True),
    # Not in the list, but public and on every visitor's path: it shares figures with the dashboard.
    ("Home page (extra)", "/", False, False),
    ("Home page, cache cleared (extra)", "/", False, True),
    # "I want to help" in five steps (issue 8): each step's page as the server answers it. The
    # first is a GET; the others answer the POST of the step before ("next"), which checks it.
    ("Sign-up 1 about you", "/vrijwilligen/", False, False),
    ("Sign-up 2 activities", "POST /vrijwilligen/ about", False, False),
    ("Sign-up 3 languages", "POST /vrijwilligen/ activities", False, False),
    ("Sign-up 3 add a language", "POST /vrijwilligen/ add_language", False, False),
    ("Sign-up 4 when", "POST /vrijwilligen/ languages", False, False),
    ("Sign-up 5 consent", "POST /vrijwilligen/ time", False, False),
    ("Sign-up matches", "POST /vrijwilligen/ consent", False, False),
]
# What a person sends on each step of the sign-up (the state comes from the first page).
SIGNUP_ANSWERS = {
    "about": {"full_name": "Amal Haddad", "email": "amal@example.org", "postcode": "2800"},
    "activities": {"activities": ["homework-help", "dutch-conversation"], "interests": "Rekenen en taal."},
    "languages": {"language_1": "ar", "level_1": "fluent", "language_2": "nl", "level_2": "good"},
    "add_language": {"language_1": "ar", "level_1": "fluent"},
    "time": {"days": ["wed", "sat"], "day_parts": ["afternoon"], "hours_per_month": "8"},
    "consent": {"consent": "on"},
}
NEAREST_URL = "/api/v1/organisations/nearest?postcode=2800"
TARGET_RATIO = 3.0  # each page within 3x the bare view
TARGET_NEAREST_MS = 10.0  # the nearest-groups answer


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (p95 of 200 values is the 190th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


_signup_posts: dict[str, dict] = {}


def signup_post(client, url: str) -> tuple[str, dict]:
    """``POST /vrijwilligen/ <step>``: the sign-up's URL and the data of that step, with the
    signed state of a fresh first page (made once, not timed)."""
    import re

    _post, path, step = url.split()
    if step not in _signup_posts:
        first = client.get(path).content.decode()
        state = re.search(r'name="state" value="([^"]+)"', first)
        assert state is not None
        data: dict = {"state": state.group(1), "nav": "next", "step": step, **SIGNUP_ANSWERS[step]}
        if step == "add_language":
            data.update(step="languages", nav="add_language")
        if step == "consent":
            consent_page = _consent_page(client, path, state.group(1))
            data["form_started"] = re.search(r'name="form_started" value="([^"]+)"', consent_page).group(1)
            data["state"] = re.search(r'name="state" value="([^"]+)"', consent_page).group(1)
        _signup_posts[step] = data
    return path, _signup_posts[step]


def _consent_page(client, path: str, state: str) -> str:
    """Walk the four steps before consent once, so the last step's state holds every answer."""
    import re

    page = ""
    for step in ("about", "activities", "languages", "time"):
        page = client.post(path, {"state": state, "nav": "next", "step": step, **SIGNUP_ANSWERS[step]}).content.decode()
        state = re.search(r'name="state" value="([^"]+)"', page).group(1)
    return page


def timed_get(client, url: str, cold: bool = False) -> tuple[float, object]:
    """One request; returns (milliseconds, response). Anything but 200 stops the run.

    With ``cold``, the cache is emptied first (not timed). ``POST <path> <step>`` posts that
    step of the sign-up (``signup_post``).
    """
    if cold:
        from django.core.cache import cache

        cache.clear()
    data = None
    if url.startswith("POST "):
        url, data = signup_post(client, url)
    started = time.perf_counter()
    response = client.post(url, data) if data is not None else client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{'POST' if data else 'GET'} {url} answered {response.status_code}")
    if data is not None and b"govuk-error-summary" in response.content:
        raise SystemExit(f"POST {url} {data.get('step')} was refused: {response.content[:2000]!r}")
    return elapsed, response


def count_queries(client, url: str, show: bool, cold: bool = False) -> tuple[int, list[dict]]:
    """The number of SQL queries of one request, and its three slowest queries.

    With ``show``, print every query with its time.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    timings: list[tuple[float, str]] = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - started) * 1000, sql))

    data = None
    if url.startswith("POST "):
        url, data = signup_post(client, url)
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        client.post(url, data) if data is not None else client.get(url)
    if show:
        print(f"\n  queries of {url}:")
        for ms, sql in timings:
            print(f"    {ms:7.2f} ms  {' '.join(sql.split())[:160]}")
    slowest = sorted(timings, reverse=True)[:3]
    return len(captured), [{"ms": round(ms, 2), "sql": " ".join(sql.split())[:300]} for ms, sql in slowest]


def bench_case(label: str, url: str, cold: bool, client, bare_client, iterations: int, warmup: int, show: bool) -> dict:
    from django.db import connection

    _, first = timed_get(client, url, cold)
    size = len(first.content)
    bare_url = f"/bench/bare/?bytes={size}"
    _, bare_first = timed_get(bare_client, bare_url)
    load_before = os.getloadavg()[0]
    page_ms: list[float] = []
    bare_ms: list[float] = []
    # Page and bare view alternate, so both see the same noise; the first `warmup` rounds are dropped.
    for i in range(warmup + iterations):
        page_elapsed, _ = timed_get(client, url, cold)
        bare_elapsed, _ = timed_get(bare_client, bare_url)
        if i >= warmup:
            page_ms.append(page_elapsed)
            bare_ms.append(bare_elapsed)
    queries, slowest = count_queries(client, url, show, cold)
    result = {
        "label": label,
        "url": url,
        "cold": cold,
        "bytes": size,
        "queries": queries,
        "slowest_queries": slowest,
        "median_ms": statistics.median(page_ms),
        "p95_ms": percentile(page_ms, 95),
        "bare_bytes": len(bare_first.content),
        "bare_queries": count_queries(bare_client, bare_url, False)[0],
        "bare_median_ms": statistics.median(bare_ms),
        "bare_p95_ms": percentile(bare_ms, 95),
        "backend": connection.vendor,
        # 1-minute load average before and after: other work on the machine shows up here.
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    result["ratio"] = result["median_ms"] / result["bare_median_ms"]
    return result


def connect_ms(samples: int = 100) -> float:
    """Median time to open a new database connection (what a request pays with CONN_MAX_AGE=0)."""
    from django.db import connection

    times = []
    for _ in range(samples):
        connection.close()
        started = time.perf_counter()
        connection.ensure_connection()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def git_commit() -> str:
    """The project's commit, with "+changes" when the working tree differs from it."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True)
    except OSError:
        return "unknown"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def machine() -> dict:
    mem_kib = 0
    try:
        with open("/proc/meminfo") as f:
            mem_kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def run_header(url: str, db_version: str, iterations: int, warmup: int) -> dict:
    """What every benchmark's results start with: when, which code, which database, which machine."""
    import django
    from django.db import connection

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "database_url": url,
        "backend": connection.vendor,
        "db_version": db_version,
        "django": django.get_version(),
        "machine": machine(),
        "iterations": iterations,
        "warmup": warmup,
    }


def prepare_database() -> str:
    """Give PostgreSQL planner statistics and a visibility map, as autovacuum leaves them in
    production some time after a bulk load (Django runs in autocommit mode, so VACUUM is
    allowed). Returns the database server's version."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def run(iterations: int, warmup: int, show_queries: bool) -> dict:
    url = generate.prepare()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from organisations.models import Organisation, OrganisationMember

    db_version = prepare_database()

    public = Client()
    secretariat = Client()
    secretariat.force_login(User.objects.get(email=generate.SECRETARIAT_EMAIL))
    bare = Client()  # anonymous: no session, so the bare view makes no query at all

    results = []
    for label, case_url, logged_in, cold in CASES:
        client = secretariat if logged_in else public
        result = bench_case(label, case_url, cold, client, bare, iterations, warmup, show_queries)
        results.append(result)
        print(
            f"{connection.vendor:10} {label:24} median {result['median_ms']:7.2f} ms  p95 {result['p95_ms']:7.2f} ms"
            f"  {result['queries']:2} queries  {result['bytes']:6} B  bare {result['bare_median_ms']:5.2f} ms"
            f"  ratio {result['ratio']:5.1f}x  load {result['load'][0]:.1f}-{result['load'][1]:.1f}",
            flush=True,
        )
    return {
        **run_header(url, db_version, iterations, warmup),
        "data": {
            "member_groups": Organisation.objects.members().count(),
            "users": User.objects.count(),
            "memberships": OrganisationMember.objects.count(),
        },
        "connect_ms": connect_ms(),
        "results": results,
    }


def verdict(result: dict) -> str:
    notes = ["met" if result["ratio"] <= TARGET_RATIO else "**missed**"]
    if result["url"] == NEAREST_URL:
        notes.append(
            f"<{TARGET_NEAREST_MS:g} ms " + ("met" if result["median_ms"] < TARGET_NEAREST_MS else "**missed**")
        )
    return "; ".join(notes)


def markdown(runs: list[dict]) -> str:
    lines = [
        "| Backend | Request | Bytes | Queries | Median ms | p95 ms | Bare median ms | Ratio | Target | Load |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for data in runs:
        backend = f"{data['backend']} {data['db_version']}"
        for r in data["results"]:
            request = (f"`{r['url']}`" if not r["url"].startswith("POST") else r["label"]) + (
                " cache cleared" if r.get("cold") else ""
            )
            lines.append(
                f"| {backend} | {request} | {r['bytes']:,} | {r['queries']} | {r['median_ms']:.2f} "
                f"| {r['p95_ms']:.2f} | {r['bare_median_ms']:.2f} | {r['ratio']:.1f}x | {verdict(r)} "
                f"| {r['load'][0]:.1f}-{r['load'][1]:.1f} |"
            )
    first = runs[0]
    m = first["machine"]
    lines += [
        "",
        f"Targets: each page ≤{TARGET_RATIO:g}x the bare view's median; "
        f"nearest-groups answer <{TARGET_NEAREST_MS:g} ms. "
        "Bare: a no-query view rendering a template of the same byte count, timed alternately with the page. "
        "Load: the machine's 1-minute load average before and after the page's run.",
        "",
        f"{first['date']}; commit {first.get('commit', '?')}; {m['cpus']} CPUs, {m['memory_gib']} GiB; "
        f"Python {m['python']}, Django {first['django']}; "
        f"{first['iterations']} timed requests after {first['warmup']} warm-up per page; data: "
        f"{first['data']['member_groups']:,} member groups, {first['data']['users']:,} users, "
        f"{first['data']['memberships']:,} memberships.",
        "Opening a new database connection: "
        + ", ".join(f"{d['backend']} {d['connect_ms']:.2f} ms" for d in runs)
        + " (not in the figures: the test Client keeps the connection open).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200, help="timed requests per page (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first (default 20)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON", help="print a table from saved results")
    parser.add_argument("--only", default="", help="only the cases whose label contains this text (e.g. Sign-up)")
    args = parser.parse_args()
    if args.only:
        CASES[:] = [case for case in CASES if args.only.lower() in case[0].lower()]
    if args.report:
        print(markdown([json.loads(p.read_text()) for p in args.report]))
        return
    data = run(args.iterations, args.warmup, args.queries)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    print()
    print(markdown([data]))


if __name__ == "__main__":
    main()
