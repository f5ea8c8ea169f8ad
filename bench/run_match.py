"""Benchmark the volunteer matching: 5,000 member groups and 20,000 open vacancies.

    bash bench/run_match.sh            # SQLite, then PostgreSQL, then one table

Uses the directory benchmark's data set (bench/generate.py: 5,000 groups at real
postcodes) in its own databases (var/bench/match.sqlite3, gastvrij_bench_match) and adds
20,000 open vacancies spread over those groups, with activities and 0–2 asked languages.
Times, per postcode:
- ``match()`` with a warm index (the normal case: the index is rebuilt only after a
  write to groups or vacancies), the function the sign-up page and the API call;
- the API request ``GET /api/v1/match`` in-process (Django's test Client, DEBUG off);
- the index rebuild after a write (once per write, paid by the next request).
PostgreSQL gets a ``VACUUM ANALYZE`` first (bench.run.prepare_database).
Target (decision 0010): the matching answers in under 20 ms, median.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402
from bench.run import prepare_database, run_header  # noqa: E402

VACANCIES = 20_000
POSTCODES = ["9000", "2800", "1000", "8000", "3500", "6700"]
QUERY = {"activities": ["homework-help", "dutch-conversation"], "languages": ["ar", "ti"]}
TARGET_MS = 20.0
LANGUAGE_POOL = ["ar", "fa", "prs", "ps", "ti", "so", "fr", "en", "uk", "ru"]


def add_vacancies(count: int, seed: int = 9000) -> bool:
    from django.db import transaction

    from organisations.models import Activity, Organisation
    from volunteers.models import Vacancy

    if Vacancy.objects.count() >= count:
        return False
    rng = random.Random(seed)
    activities = list(Activity.objects.all())
    groups = list(
        Organisation.objects.members().values_list("pk", "municipality_id", "postal_code_id", "latitude", "longitude")
    )
    rows = []
    for i in range(count):
        pk, municipality, postal_code, lat, lon = rng.choice(groups)
        rows.append(
            Vacancy(
                organisation_id=pk,
                title=f"Vacature {i}",
                activity=rng.choice(activities),
                description="Bench",
                municipality_id=municipality,
                postal_code_id=postal_code,
                latitude=lat,
                longitude=lon,
                languages=rng.sample(LANGUAGE_POOL, rng.randint(0, 2)),
            )
        )
    with transaction.atomic():
        Vacancy.objects.bulk_create(rows, batch_size=2000)
    return True


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def run(url: str, iterations: int, warmup: int) -> dict:
    from django.test import Client

    from places.services import locate_postcode
    from volunteers import matching
    from volunteers.models import Vacancy

    db_version = prepare_database()  # planner statistics after the bulk load, as autovacuum would give
    started = time.perf_counter()
    matching.invalidate()
    index = matching.index()
    build_ms = _ms(time.perf_counter() - started)
    rebuilds = []
    for _ in range(5):
        matching.invalidate()
        t = time.perf_counter()
        matching.index()
        rebuilds.append(time.perf_counter() - t)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    rows = []
    for postcode in POSTCODES:
        point = locate_postcode(postcode)
        url = (
            f"/api/v1/match?postcode={postcode}&activities={','.join(QUERY['activities'])}"
            f"&languages={','.join(QUERY['languages'])}"
        )
        for _ in range(warmup):
            matching.match(point, **QUERY)
            client.get(url)
        match_times, api_times = [], []
        for _ in range(iterations):
            t = time.perf_counter()
            result = matching.match(point, **QUERY)
            match_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            response = client.get(url)
            api_times.append(time.perf_counter() - t)
            assert response.status_code == 200, response.content
        near = sum(1 for _c in index.near(point, result.radius_km))
        rows.append(
            {
                "postcode": postcode,
                "radius_km": result.radius_km,
                "candidates": near,
                "match_median_ms": _ms(statistics.median(match_times)),
                "match_p95_ms": _ms(sorted(match_times)[int(0.95 * len(match_times)) - 1]),
                "api_median_ms": _ms(statistics.median(api_times)),
                "api_p95_ms": _ms(sorted(api_times)[int(0.95 * len(api_times)) - 1]),
            }
        )
    return {
        **run_header(url, db_version, iterations, warmup),
        "load": os.getloadavg()[0],
        "vacancies": Vacancy.objects.open().count(),
        "groups": index.size - Vacancy.objects.open().count(),
        "first_build_ms": build_ms,
        "rebuild_median_ms": _ms(statistics.median(rebuilds)),
        "rows": rows,
    }


def report(paths: list[str]) -> str:
    lines = [
        "| Backend | Postcode | Radius km | Candidates | match() median ms | p95 ms | API median ms | API p95 ms "
        "| Target <20 ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    notes = []
    for path in paths:
        data = json.loads(Path(path).read_text())
        for r in data["rows"]:
            met = "met" if r["match_median_ms"] < TARGET_MS else "**missed**"
            lines.append(
                f"| {data['backend']} | {r['postcode']} | {r['radius_km']:.0f} | {r['candidates']} | "
                f"{r['match_median_ms']} | {r['match_p95_ms']} | {r['api_median_ms']} | {r['api_p95_ms']} | {met} |"
            )
        notes.append(
            f"{data['backend']} {data['db_version']}: {data['date']}, commit {data['commit']}, "
            f"{data['machine']['cpus']} CPUs, Python {data['machine']['python']}, load {data['load']:.1f}; "
            f"{data['groups']} groups, {data['vacancies']} open vacancies; {data['iterations']} timed calls each; "
            f"index first build {data['first_build_ms']} ms, "
            f"rebuild after a write {data['rebuild_median_ms']} ms (median of 5)."
        )
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--json")
    parser.add_argument("--report", nargs="+")
    args = parser.parse_args()
    if args.report:
        print(report(args.report))
        return
    url = generate.prepare(5000, 0)
    if add_vacancies(VACANCIES):
        print(f"added {VACANCIES} vacancies")
    result = run(url, args.iterations, args.warmup)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
