"""Benchmark the signals pages: 100,000 signals in 500 dossiers (issue 14).

    DATABASE_URL=sqlite:///$PWD/var/bench/signals.sqlite3 .venv/bin/python bench/run_signals.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_signals .venv/bin/python bench/run_signals.py

Uses the directory benchmark's generator for 500 member groups (bench/generate.py), then adds
6 themes, 500 dossiers and 100,000 signals (all in a dossier, filed over the last twelve
months, in the three regions, some co-signed). Each page is timed alternately with the bare
view of the same size (bench/run.py's method), as a member (the overview, the list) and as the
secretariat (the dossiers, one dossier), and as a visitor (a published dossier). The query
count of each page is taken at this size; signals/tests/test_signals.py checks that the
overview's stays constant between two small sizes.
Target (issue 14): the overview's median within 3x the bare view, query count constant.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate  # noqa: E402
from bench.run import bench_case, prepare_database, run_header  # noqa: E402

SIGNALS = 100_000
DOSSIERS = 500
THEMES = ["Woningnood", "Verblijfsrecht op 18", "Uitstroom OKAN", "Tolken", "Huurwaarborg", "Dublin"]
TARGET_RATIO = 3.0


def add_signals(seed: int = 14) -> bool:
    from django.db import transaction
    from django.utils import timezone

    from organisations.models import Organisation
    from places.models import Region
    from signals.models import CoSign, Dossier, Signal, SignalStatus, Theme, month_of

    if Signal.objects.count() >= SIGNALS:
        return False
    rng = random.Random(seed)
    now = timezone.now()
    groups = list(Organisation.objects.members().values_list("pk", flat=True))
    regions = list(Region.objects.values_list("pk", flat=True))
    with transaction.atomic():
        themes = [Theme.objects.get_or_create(name=name)[0] for name in THEMES]
        dossiers = Dossier.objects.bulk_create(
            Dossier(title=f"Dossier {i}", theme=themes[i % len(themes)], status="sent", summary="Samenvatting.")
            for i in range(DOSSIERS)
        )
        Dossier.objects.filter(pk=dossiers[0].pk).update(published_at=now)
        per = SIGNALS // DOSSIERS
        batch: list[Signal] = []
        for index in range(SIGNALS):
            dossier = dossiers[index // per]
            filed = now - timedelta(days=rng.randint(0, 360), minutes=rng.randint(0, 1440))
            batch.append(
                Signal(
                    organisation_id=rng.choice(groups),
                    theme_id=dossier.theme_id,
                    life_domain="housing",
                    region_id=rng.choice(regions),
                    description=f"Signaal {index}: gezinnen vinden geen woning.",
                    count=rng.randint(1, 40),
                    status=SignalStatus.IN_DOSSIER,
                    dossier=dossier,
                    created_at=filed,
                    filed_month=month_of(filed),
                )
            )
            if len(batch) == 5000:
                Signal.objects.bulk_create(batch)
                batch = []
        Signal.objects.bulk_create(batch)
        first = list(Signal.objects.filter(dossier=dossiers[0]).values_list("pk", "organisation_id")[:50])
        CoSign.objects.bulk_create(
            CoSign(signal_id=pk, organisation_id=groups[(groups.index(org) + 1) % len(groups)], count=3)
            for pk, org in first
        )
    return True


def cpu_medians(url: str, cold: bool, client, bare, iterations: int, warmup: int) -> tuple[float, float]:
    """Median CPU time (``time.process_time``, ms) of the page and of the bare view of the same
    size, alternated: steadier than wall time on a shared machine. In-process, so it holds
    SQLite's work but not the PostgreSQL server's."""
    import statistics
    import time

    from django.core.cache import cache

    size = len(client.get(url).content)
    bare_url = f"/bench/bare/?bytes={size}"
    page_ms: list[float] = []
    bare_ms: list[float] = []
    for i in range(warmup + iterations):
        if cold:
            cache.clear()
        started = time.process_time()
        client.get(url)
        page = (time.process_time() - started) * 1000
        started = time.process_time()
        bare.get(bare_url)
        bare_elapsed = (time.process_time() - started) * 1000
        if i >= warmup:
            page_ms.append(page)
            bare_ms.append(bare_elapsed)
    return statistics.median(page_ms), statistics.median(bare_ms)


def after_case(label: str, url: str, client, bare, iterations: int, warmup: int, refresh: bool) -> dict:
    """The page right after a confirmation, alternated with the bare view of the same size: wall
    and CPU time of the request only (``figures.changed`` runs before it, untimed)."""
    import os
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.run import percentile
    from signals import figures

    size = len(client.get(url).content)
    bare_url = f"/bench/bare/?bytes={size}"
    load_before = os.getloadavg()[0]
    wall: list[float] = []
    cpu: list[float] = []
    bare_wall: list[float] = []
    bare_cpu: list[float] = []
    for i in range(warmup + iterations):
        figures.changed(refresh=refresh)
        w, c = time.perf_counter(), time.process_time()
        response = client.get(url)
        page_wall, page_cpu = (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000
        assert response.status_code == 200
        w, c = time.perf_counter(), time.process_time()
        bare.get(bare_url)
        b_wall, b_cpu = (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000
        if i >= warmup:
            wall.append(page_wall)
            cpu.append(page_cpu)
            bare_wall.append(b_wall)
            bare_cpu.append(b_cpu)
    figures.changed(refresh=refresh)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    result = {
        "label": label,
        "url": url,
        "cold": False,
        "bytes": size,
        "queries": len(queries.captured_queries),
        "median_ms": statistics.median(wall),
        "p95_ms": percentile(wall, 95),
        "bare_median_ms": statistics.median(bare_wall),
        "bare_p95_ms": percentile(bare_wall, 95),
        "backend": connection.vendor,
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpu_median_ms": statistics.median(cpu),
        "cpu_bare_median_ms": statistics.median(bare_cpu),
    }
    result["ratio"] = result["median_ms"] / result["bare_median_ms"]
    result["cpu_ratio"] = result["cpu_median_ms"] / result["cpu_bare_median_ms"]
    return result


def run(url: str, iterations: int, warmup: int, only: str = "") -> dict:
    from django.test import Client

    from accounts.models import User
    from organisations.models import OrganisationMember
    from signals.models import Dossier

    db_version = prepare_database()
    member = Client()
    coordinator = OrganisationMember.objects.filter(role="coordinator").select_related("user").first()
    assert coordinator is not None
    member.force_login(coordinator.user)
    secretariat = Client()
    secretariat.force_login(User.objects.filter(is_secretariat=True).first())
    public, bare = Client(), Client()
    dossier = Dossier.objects.order_by("pk").first()
    assert dossier is not None

    cases = [
        ("Overview (members)", "/signalen/overzicht/", member, False),
        # A confirmation (or withdrawal, co-sign) makes the cached overview stale: recomputed from
        # the summary table. "Cache cleared" is harsher: the session and the filters too.
        ("Overview, cache cleared", "/signalen/overzicht/", member, True),
        ("Overview, one theme", f"/signalen/overzicht/?thema={dossier.theme_id}", member, False),
        ("Signals list (members)", "/signalen/", member, False),
        ("Dossiers (secretariat)", "/secretariaat/dossiers/", secretariat, False),
        ("One dossier, 200 signals (secretariat)", f"/secretariaat/dossiers/{dossier.pk}/", secretariat, False),
        ("Published dossier (public)", f"/beleid/dossiers/{dossier.pk}/", public, False),
    ]
    results = []
    for label, page, client, cold in cases:
        if only and only not in label:
            continue
        result = bench_case(label, page, cold, client, bare, iterations, warmup, False)
        result["target"] = "met" if result["ratio"] <= TARGET_RATIO else "missed"
        cpu, cpu_bare = cpu_medians(page, cold, client, bare, iterations, warmup)
        result.update(cpu_median_ms=cpu, cpu_bare_median_ms=cpu_bare, cpu_ratio=cpu / cpu_bare)
        results.append(result)
        print(
            f"{label}: {result['median_ms']:.2f} ms (bare {result['bare_median_ms']:.2f}), "
            f"{result['ratio']:.1f}x; CPU {cpu:.2f} ms (bare {cpu_bare:.2f}), {cpu / cpu_bare:.1f}x; "
            f"{result['queries']} queries, {result['bytes']} bytes"
        )
    # Right after a confirmation: before each timed request (not timed), what a confirmation's
    # commit does to the overview: a new version and, by default, the unfiltered overview
    # rendered again in each language ("refresh"); without it, the page recomputes it.

    for label, refresh in (
        ("Overview, right after a confirmation", True),
        ("Overview, right after a confirmation, without the refresh", False),
    ):
        if only and only not in label:
            continue
        result = after_case(label, "/signalen/overzicht/", member, bare, iterations, warmup, refresh)
        result["target"] = "met" if result["ratio"] <= TARGET_RATIO else "missed"
        results.append(result)
        print(
            f"{label}: {result['median_ms']:.2f} ms (bare {result['bare_median_ms']:.2f}), "
            f"{result['ratio']:.1f}x; CPU {result['cpu_median_ms']:.2f} ms (bare {result['cpu_bare_median_ms']:.2f}), "
            f"{result['cpu_ratio']:.1f}x; {result['queries']} queries, {result['bytes']} bytes"
        )
    return {
        **run_header(url, db_version, iterations, warmup),
        "signals": SIGNALS,
        "dossiers": DOSSIERS,
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--json")
    parser.add_argument("--only", default="", help="run only the pages whose label holds this text")
    args = parser.parse_args()
    url = generate.prepare(500, 0)
    if add_signals():
        print(f"added {SIGNALS} signals in {DOSSIERS} dossiers")
    from signals import summary
    from signals.models import SignalFigure

    if not SignalFigure.objects.exists():
        print(f"summary table rebuilt: {summary.rebuild()} cells")
    result = run(url, args.iterations, args.warmup, args.only)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
