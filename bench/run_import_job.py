"""Benchmark the editors' import as a job (socialmap/imports.py) against the bare import.

    DATABASE_URL=sqlite:///$PWD/var/bench/import.sqlite3 .venv/bin/python bench/run_import_job.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_import .venv/bin/python bench/run_import_job.py

Creates and migrates the database when needed (the places only; no other data). The package
is the JSON of 10,000 services (500 organisations, one municipality each, as
``bench/run_socialmap.py`` imports). In the same run it times:

- **job**: an ``ImportJob`` with the package's bytes, run by ``imports.run_import`` (what the
  task worker does: read the package, check every row with progress on the job's row, save
  all in one transaction with progress in the cache), while a second thread plays the
  browser: every 0.5 s it reads the progress as the job's page does (the job's row and the
  cache, on its own database connection) and records what it saw;
- **bare**: ``importer.import_rows`` on the same rows (what the command does, no progress).

Each import commits; the imported rows are deleted before the next one. Wall time and the
process's CPU time (``time.process_time``, both threads) are recorded; the ratio is job over
bare. ``--json`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'import.sqlite3'}")

from bench import generate  # noqa: E402

SERVICES = 10_000


def package(services: int) -> bytes:
    return json.dumps(
        [
            {
                "name": f"Geïmporteerde dienst {i}",
                "description": "Hulp bij wonen en geld.",
                "organization": {"id": f"o{i % 500}", "name": f"Bron {i % 500}"},
                "location": {"postal_code": "2800", "city": "Mechelen"},
                "languages": [{"code": "nl"}],
                "x_gastvrij": {"life_domains": ["housing"]},
            }
            for i in range(services)
        ]
    ).encode()


def clean() -> None:
    from django.db import connection

    from socialmap import search
    from socialmap.models import ImportJob, Location, Organization

    Organization.objects.all().delete()  # their services (and the services' areas) cascade
    Location.objects.all().delete()
    ImportJob.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {search.FTS_TABLE} WHERE kind = 'service'")  # noqa: S608


def timed(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def watch(job_id: int, seen: list, stop: threading.Event) -> None:
    """The browser's side: the progress as the job's page reads it, on its own connection."""
    from django.db import connection

    from socialmap import imports
    from socialmap.models import ImportJob

    started = time.perf_counter()
    try:
        while not stop.is_set():
            job = ImportJob.objects.defer("data", "report").get(pk=job_id)
            done = imports.saving_progress(job) if job.status == "saving" else job.rows_done
            seen.append((round(time.perf_counter() - started, 1), job.status, done))
            stop.wait(0.5)
    finally:
        connection.close()


def run(services: int, bare_first: bool = False) -> dict:
    url = generate.database_url()
    generate.ensure_database(url)
    generate.setup_django()
    generate.migrate()
    from bench.run import prepare_database, run_header
    from socialmap import importer, imports
    from socialmap.models import ImportJob, Service

    db_version = prepare_database()
    data = package(services)
    clean()

    def run_job() -> tuple[float, float, list]:
        job = ImportJob.objects.create(file_name="bench.json", data=data, rows_total=services, language="nl")
        seen: list = []
        stop = threading.Event()
        watcher = threading.Thread(target=watch, args=(job.pk, seen, stop))
        watcher.start()
        wall, cpu = timed(lambda: imports.run_import(job.pk))
        stop.set()
        watcher.join()
        job.refresh_from_db()
        assert job.status == "done" and job.saved == services, (job.status, job.error, job.report[:3])
        assert Service.objects.count() == services
        clean()
        return wall, cpu, seen

    def run_bare() -> tuple[float, float]:
        rows = importer.read_package("bench.json", data)
        wall, cpu = timed(lambda: importer.import_rows(rows))
        assert Service.objects.count() == services
        clean()
        return wall, cpu

    if bare_first:
        bare_wall, bare_cpu = run_bare()
        job_wall, job_cpu, seen = run_job()
    else:
        job_wall, job_cpu, seen = run_job()
        bare_wall, bare_cpu = run_bare()

    statuses = [s for _, s, _ in seen]
    return {
        **run_header(url, db_version, 1, 0),
        "services": services,
        "order": "bare, job" if bare_first else "job, bare",
        "load": os.getloadavg()[0],
        "job": {"wall_s": round(job_wall, 1), "cpu_s": round(job_cpu, 1)},
        "bare": {"wall_s": round(bare_wall, 1), "cpu_s": round(bare_cpu, 1)},
        "ratio_wall": round(job_wall / bare_wall, 2),
        "ratio_cpu": round(job_cpu / bare_cpu, 2),
        "progress_reads": len(seen),
        "progress_reads_validating": statuses.count("validating"),
        "progress_reads_saving": statuses.count("saving"),
        "progress_seen": seen[:: max(1, len(seen) // 20)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=SERVICES)
    parser.add_argument("--bare-first", action="store_true", help="Time the bare import first.")
    parser.add_argument("--json")
    args = parser.parse_args()
    data = run(args.services, args.bare_first)
    print(json.dumps(data, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
