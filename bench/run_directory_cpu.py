"""CPU time per request of the uncached directory (list and nearest first) and the secretariat
dashboard, each against the bare view of the same size, alternately in one process.

    DATABASE_URL=sqlite:///$PWD/var/bench/bench.sqlite3 .venv/bin/python bench/run_directory_cpu.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench .venv/bin/python bench/run_directory_cpu.py

The machine is shared with other work, so wall-clock medians move with its load; the CPU
time this process spends on a request (``time.process_time``) does much less. On PostgreSQL
the server's own CPU time is not in it (another process): its wall time is given too. The
data set and the "cache cleared" meaning are those of ``bench/run.py`` (the cache is emptied
before each directory request, outside the timing). Issue 10's target: at most 3x the bare view.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402

CASES = [
    ("/groepen/ cache cleared", "/groepen/", False, True),
    ("/groepen/?near=2800 cache cleared", "/groepen/?near=2800", False, True),
    ("/groepen/?near=9000&page=3 cache cleared", "/groepen/?near=9000&page=3", False, True),
    ("/secretariaat/", "/secretariaat/", True, False),
]


def measure(client, url: str, cold: bool) -> tuple[float, float, int]:
    from django.core.cache import cache

    if cold:
        cache.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return cpu * 1000, wall * 1000, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=80)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    url = generate.prepare()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.run import prepare_database, run_header

    db_version = prepare_database()
    public, bare = Client(), Client()
    secretariat = Client()
    secretariat.force_login(User.objects.get(email=generate.SECRETARIAT_EMAIL))
    results = []
    for label, path, logged_in, cold in CASES:
        client = secretariat if logged_in else public
        _, _, size = measure(client, path, cold)
        bare_url = f"/bench/bare/?bytes={size}"
        page_cpu, page_wall, bare_cpu, bare_wall = [], [], [], []
        load = os.getloadavg()[0]
        for i in range(args.warmup + args.iterations):
            c, w, _ = measure(client, path, cold)
            bc, bw, _ = measure(bare, bare_url, False)
            if i >= args.warmup:
                page_cpu.append(c)
                page_wall.append(w)
                bare_cpu.append(bc)
                bare_wall.append(bw)
        if cold:
            from django.core.cache import cache

            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        row = {
            "label": label,
            "bytes": size,
            "queries": len(queries),
            "page_cpu_ms": round(statistics.median(page_cpu), 2),
            "bare_cpu_ms": round(statistics.median(bare_cpu), 2),
            "page_wall_ms": round(statistics.median(page_wall), 2),
            "bare_wall_ms": round(statistics.median(bare_wall), 2),
            "load": [round(load, 1), round(os.getloadavg()[0], 1)],
        }
        row["ratio_cpu"] = round(row["page_cpu_ms"] / row["bare_cpu_ms"], 2)
        row["ratio_wall"] = round(row["page_wall_ms"] / row["bare_wall_ms"], 2)
        results.append(row)
        print(json.dumps(row), flush=True)
    data = {**run_header(url, db_version, args.iterations, args.warmup), "results": results}
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
