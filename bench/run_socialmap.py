"""Benchmark the social map on one database: 50,000 services, find help by need and place.

    DATABASE_URL=sqlite:///$PWD/var/bench/socialmap.sqlite3 .venv/bin/python bench/run_socialmap.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_socialmap .venv/bin/python bench/run_socialmap.py

Creates, migrates and fills the database first when needed (5,000 organisations, 50,000
published services spread over every Belgian municipality, a third with an area of several
municipalities). For each case it times, in-process with Django's test Client (bench
settings, DEBUG off), the page ``/sociale-kaart/?...`` and ``GET /api/v1/services?...`` as a
visitor, and the raw query: ``socialmap.finder.find()`` (the engine's ranking with the
filters, or the filtered distance order, best 200) with its first 20 rows loaded
(``finder.load``). Ratio = page (or API) median
/ raw median; target: at most 2. Then it times the import of 10,000 services
(``socialmap.importer``: check every row, save all in one transaction), rolled back.

    .venv/bin/python bench/run_socialmap.py --report \
        bench/results/socialmap-sqlite.json bench/results/socialmap-postgresql.json
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
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402
from bench.run import percentile, prepare_database, run_header  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'socialmap.sqlite3'}"
SERVICES = 50_000
ORGANIZATIONS = 5_000
IMPORTED = 10_000
TARGET_RATIO = 2.0
CASES = [
    {"q": "huurwaarborg"},
    {"q": "juridisch advies", "near": "2800"},
    {"near": "9000", "domain": "health"},
    {"near": "1000", "language": "ar", "welcome": "no_papers"},
    {"q": "schuldbemiddeling", "near": "3000", "domain": "finances"},
]
KINDS = [
    (
        "Sociale dienst",
        "Leefloon, dringende medische hulp, huurwaarborg en budgetbegeleiding.",
        ["finances", "housing"],
    ),
    ("Onthaal", "Vrij onthaal voor vragen over wonen, geld, relaties en welzijn.", ["housing", "health"]),
    ("Juridisch advies", "Eerstelijns juridisch advies over verblijf, huur en werk.", ["integration", "finances"]),
    ("Huurdersbond", "Advies over huurcontract, waarborg en opzeg.", ["housing"]),
    ("Medisch centrum", "Consultaties voor wie geen toegang heeft tot de gewone zorg.", ["health"]),
    ("Taalcursus Nederlands", "Nederlands leren op je eigen tempo, met kinderopvang.", ["education", "integration"]),
    ("Schuldbemiddeling", "Hulp bij schulden, afbetalingsplannen en budgetbeheer.", ["finances"]),
    ("Sociale kruidenier", "Goedkope voeding en verzorging voor wie het krap heeft.", ["finances"]),
    ("Jobcoaching", "Begeleiding naar werk en opleiding.", ["work"]),
    ("Opvoedingswinkel", "Vragen over opvoeden en kinderen.", ["parenting"]),
]


def generate_services() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from places.models import Municipality
    from socialmap import search
    from socialmap.models import EntryStatus, Location, Organization, Service

    if Service.objects.count() >= SERVICES:
        return
    rng = random.Random(13)
    places = list(
        Municipality.objects.filter(latitude__isnull=False).values_list("pk", "name_nl", "latitude", "longitude")
    )
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        orgs = Organization.objects.bulk_create(
            [Organization(name=f"Organisatie {i}", is_demo=True) for i in range(ORGANIZATIONS)], batch_size=2000
        )
        locations, services = [], []
        for i in range(SERVICES):
            pk, name, lat, lon = rng.choice(places)
            org = orgs[i % ORGANIZATIONS]
            locations.append(Location(organization=org, municipality_id=pk, latitude=lat, longitude=lon))
            kind, text, domains = KINDS[i % len(KINDS)]
            langs = ["nl"] + rng.sample(["fr", "en", "ar", "fa", "ti", "uk"], rng.randint(0, 3))
            service = Service(
                organization=org,
                name=f"{kind} {name} {i}",
                description=text,
                status=EntryStatus.PUBLISHED,
                decided_at=now,
                verified_at=now,
                no_papers_needed=rng.random() < 0.3,
                anonymous_access=rng.random() < 0.2,
                latitude=lat,
                longitude=lon,
                is_demo=True,
                has_area=i % 3 == 0,
            )
            service.domain_codes = domains
            service.language_codes = langs
            services.append(service)
        Location.objects.bulk_create(locations, batch_size=2000)
        for service, location in zip(services, locations, strict=True):
            service.location = location
        Service.objects.bulk_create(services, batch_size=2000)
        through = Service.areas.through
        areas = []
        for service, location in zip(services, locations, strict=True):
            if service.has_area:
                nearby = {location.municipality_id} | {rng.choice(places)[0] for _ in range(4)}
                areas += [through(service_id=service.pk, municipality_id=m) for m in nearby]
        through.objects.bulk_create(areas, batch_size=5000)
        if connection.vendor == "postgresql":
            search.index_services(None)
        else:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {search.FTS_TABLE} (kind, ref, title, body) VALUES ('service', %s, %s, %s)",  # noqa: S608
                    [(s.pk, s.name, f"{s.organization.name} {s.description}") for s in services],
                )
    print(f"generated {SERVICES} services in {time.perf_counter() - started:.1f} s")


def prepare() -> str:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_SQLITE_URL)
    # Every request runs its view: the page cache (decision 0016) would time a cache hit.
    os.environ.setdefault("GASTVRIJ_PAGE_CACHE_SECONDS", "0")
    generate.ensure_database(url)
    generate.setup_django()
    generate.migrate()
    generate_services()
    return url


def raw(case: dict) -> int:
    from places.models import PostalCode
    from socialmap import finder

    near = (
        PostalCode.objects.filter(code=case["near"], latitude__isnull=False).select_related("municipality").first()
        if case.get("near")
        else None
    )
    criteria = finder.Criteria(
        q=case.get("q", ""),
        domain=case.get("domain", ""),
        near=near,
        language=case.get("language", ""),
        welcome=[case["welcome"]] if case.get("welcome") else [],
    )
    result = finder.find(criteria)
    rows = finder.with_distances(finder.load(result.ids[:20]), criteria.point)
    return len(rows)


def timed(call, iterations: int, warmup: int) -> dict:
    for _ in range(warmup):
        call()
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2)}


def import_timing() -> dict:
    from django.db import transaction

    from socialmap import importer

    rows = [
        {
            "name": f"Geïmporteerde dienst {i}",
            "description": "Hulp bij wonen en geld.",
            "organization": {"id": f"o{i % 500}", "name": f"Bron {i % 500}"},
            "location": {"postal_code": "2800", "city": "Mechelen"},
            "languages": [{"code": "nl"}],
            "x_gastvrij": {"life_domains": ["housing"]},
        }
        for i in range(IMPORTED)
    ]
    started = time.perf_counter()
    with transaction.atomic():
        report = importer.import_rows(rows)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    assert report.ok and report.saved == IMPORTED, report.failed[:3]
    return {"services": IMPORTED, "seconds": round(seconds, 1), "per_second": round(IMPORTED / seconds)}


def run(iterations: int, warmup: int) -> dict:
    url = prepare()
    from django.test import Client

    db_version = prepare_database()
    client = Client()
    results = []
    for case in CASES:
        query = urlencode(case)
        page = timed(lambda q=query: client.get(f"/sociale-kaart/?{q}"), iterations, warmup)
        api_query = urlencode({k: v for k, v in case.items() if k != "welcome"})
        api = timed(lambda q=api_query: client.get(f"/api/v1/services?{q}"), iterations, warmup)
        base = timed(lambda c=case: raw(c), iterations, warmup)
        assert client.get(f"/sociale-kaart/?{query}").status_code == 200
        assert client.get(f"/api/v1/services?{api_query}").status_code == 200
        results.append(
            {
                "case": query,
                "found": raw(case),
                "page": page,
                "api": api,
                "raw": base,
                "page_ratio": round(page["median_ms"] / base["median_ms"], 2),
                "api_ratio": round(api["median_ms"] / base["median_ms"], 2),
            }
        )
        print(json.dumps(results[-1]))
    return {**run_header(url, db_version, iterations, warmup), "cases": results, "import": import_timing()}


def report(paths: list[str]) -> str:
    lines = [
        "| backend | case | page ms (p95) | API ms (p95) | raw ms | page/raw | API/raw |",
        "|---|---|---|---|---|---|---|",
    ]
    imports = []
    for path in paths:
        data = json.loads(Path(path).read_text())
        for c in data["cases"]:
            lines.append(
                f"| {data['backend']} | `{c['case']}` | {c['page']['median_ms']} ({c['page']['p95_ms']}) | "
                f"{c['api']['median_ms']} ({c['api']['p95_ms']}) | {c['raw']['median_ms']} | "
                f"{c['page_ratio']} | {c['api_ratio']} |"
            )
        imp = data["import"]
        imports.append(
            f"- {data['backend']}: {imp['services']} services imported in {imp['seconds']} s ({imp['per_second']}/s)"
        )
    return "\n".join(lines + [""] + imports) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json")
    parser.add_argument("--report", nargs="+")
    args = parser.parse_args()
    if args.report:
        print(report(args.report), end="")
        return
    data = run(args.iterations, args.warmup)
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
