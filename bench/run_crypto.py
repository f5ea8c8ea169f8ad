"""What field encryption costs (core/crypto.py, core/fields.py), and the personal-data check.

    DATABASE_URL=sqlite:///$PWD/var/bench/crypto.sqlite3 .venv/bin/python bench/run_crypto.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gastvrij_bench_crypto .venv/bin/python bench/run_crypto.py
    .venv/bin/python bench/run_crypto.py --report bench/results/crypto-*.json   # one table

Settings ``bench.settings`` (the test settings with DEBUG off and the fixed test keys). Times,
in microseconds, the fastest run, the median and p95 over many repetitions (on a busy
shared machine the fastest run is the best guide to the cost itself):

- ``encrypt``/``decrypt`` of one value of 12, 300 and 3,000 characters (a first name, a
  note, a long note), and a decrypt of a value still under the old key during a rotation
  (the primary key is tried first);
- the field's own conversions (``get_prep_value`` on save, ``from_db_value`` on read);
- a page that reads or saves 50 encrypted fields;
- the blind index of a name;
- reading 50 rows' encrypted note through the ORM, against the same query returning the
  stored ciphertext without decrypting it (the difference is what decryption adds);
- one run of ``manage.py rotate_field_keys`` over 5,000 rows with two encrypted values
  each, from one key to another;
- ``find_personal_data`` over a 1,000-character text and over a 1 MB paste, once without
  personal data and once with five kinds of it in every 1,000 characters.

The ORM and rotation cases use the test-only model ``core/tests/privacy_app``, in a table
created for the run and dropped after it (or, in a migrated database, the existing table,
emptied after the run); on PostgreSQL the database is created when missing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import percentile, run_header  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROTATION_ROWS = 5000
NAME = "Amina Idriss"  # 12 characters
NOTE = ("Het gezin zoekt een woning met drie slaapkamers; het OCMW helpt met de huurwaarborg. " * 4)[:300]
LONG = (NOTE * 10)[:3000]
SIGNAL = (
    "Jongeren die OKAN verlaten vinden geen kot: in Mechelen staan 35 jongeren op de wachtlijst. "
    "Het OCMW vraagt een huurwaarborg van 1.250,00 euro, die ze niet hebben. Sinds 2024 weigeren "
    "verhuurders leefloners. Een voorbeeld: een jongen van 18 die na zijn erkenning binnen twee "
    "maanden de opvang moest verlaten, sliep drie weken bij vrienden. De buddy belde 12 verhuurders. "
)
SIGNAL = (SIGNAL * 3)[:1000]


def _ensure_postgres_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username, dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'crypto.sqlite3'}")
    os.environ["DATABASE_URL"] = url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    else:
        _ensure_postgres_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    return url


def timed(fn: Callable[[], object], iterations: int, warmup: int) -> dict:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000)
    return {
        "min_us": round(min(samples), 2),
        "median_us": round(statistics.median(samples), 2),
        "p95_us": round(percentile(samples, 95), 2),
    }


def run(iterations: int, warmup: int) -> dict:
    url = setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from django.test import override_settings

    from core import crypto
    from core.crypto import generate_key
    from core.pii import find_personal_data
    from core.tests.privacy_app.models import Record

    field = Record._meta.get_field("note")
    cases: list[dict] = []

    def case(label: str, fn: Callable[[], object], n: int = iterations) -> None:
        cases.append({"case": label, **timed(fn, n, max(1, warmup * n // iterations))})
        print(f"{label}: {cases[-1]}", file=sys.stderr)

    for size, text in (("12 chars", NAME), ("300 chars", NOTE), ("3,000 chars", LONG)):
        token = crypto.encrypt(text)
        case(f"encrypt, {size}", lambda text=text: crypto.encrypt(text))
        case(f"decrypt, {size}", lambda token=token: crypto.decrypt(token))
    old_key = generate_key()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old_key]):
        old_token = crypto.encrypt(NOTE)
    with override_settings(FIELD_ENCRYPTION_KEYS=[generate_key(), old_key]):
        case("decrypt, 300 chars, under the second key (during a rotation)", lambda: crypto.decrypt(old_token))

    token = field.get_prep_value(NOTE)
    case("field: get_prep_value (save), 300 chars", lambda: field.get_prep_value(NOTE))
    case("field: from_db_value (read), 300 chars", lambda: field.from_db_value(token, None, connection))
    tokens = [field.get_prep_value(NOTE) for _ in range(50)]
    page = max(1, iterations // 10)
    case(
        "page: read 50 encrypted fields, 300 chars each",
        lambda: [field.from_db_value(t, None, connection) for t in tokens],
        page,
    )
    case(
        "page: save 50 encrypted fields, 300 chars each", lambda: [field.get_prep_value(NOTE) for _ in range(50)], page
    )
    case("blind index of a name", lambda: crypto.blind_index(NAME, purpose="families.member.first_name"))

    # A migrated database (bench.settings installs the test-only app) already has the table:
    # use it and empty it afterwards; otherwise create it for the run and drop it after.
    existed = Record._meta.db_table in connection.introspection.table_names()
    if existed:
        Record.objects.all().delete()
    else:
        with connection.schema_editor() as editor:
            editor.create_model(Record)
    Record.objects.bulk_create([Record(label=f"r{i}", name=NAME, note=NOTE) for i in range(50)])
    decrypted = Record.objects.order_by("pk").values_list("note", flat=True)
    stored = Record.objects.order_by("pk").annotate(raw=Cast("note", TextField())).values_list("raw", flat=True)
    assert list(decrypted)[0] == NOTE and list(stored)[0] != NOTE
    case("ORM: 50 rows, encrypted note, decrypted", lambda: list(decrypted.all()), page)
    case("ORM: 50 rows, the same column, not decrypted", lambda: list(stored.all()), page)

    # One rotation of 5,000 rows with two encrypted values each, from a key A to a key B.
    Record.objects.all().delete()
    key_a, key_b = generate_key(), generate_key()
    with override_settings(FIELD_ENCRYPTION_KEYS=[key_a]):
        Record.objects.bulk_create(
            [Record(label=f"r{i}", name=NAME, note=NOTE) for i in range(ROTATION_ROWS)], batch_size=1000
        )
    with override_settings(FIELD_ENCRYPTION_KEYS=[key_b, key_a]):
        start = time.perf_counter_ns()
        call_command("rotate_field_keys", stdout=io.StringIO(), stderr=io.StringIO())
        took = (time.perf_counter_ns() - start) / 1000
        output = io.StringIO()
        call_command("rotate_field_keys", "--check", stdout=output, stderr=io.StringIO())
    assert f"privacy_app.Record: {ROTATION_ROWS} rows, 0 not under the primary key" in output.getvalue()
    label = f"rotate_field_keys, {ROTATION_ROWS:,} rows with 2 encrypted values each (one run)"
    cases.append({"case": label, "min_us": round(took, 2), "median_us": round(took, 2), "p95_us": round(took, 2)})
    print(f"{label}: {took / 1e6:.2f} s", file=sys.stderr)

    if existed:
        Record.objects.all().delete()
    else:
        with connection.schema_editor() as editor:
            editor.delete_model(Record)

    paste = (SIGNAL + " ") * 1000
    # The same megabyte with a name, a phone number, an e-mail address, a national number
    # and a birth date in every 1,000 characters: about 5,000 findings.
    personal = " Amina (0470 12 34 56, amina@example.be, 85.07.30-033.28, geboren 30/07/1985) "
    full = ((SIGNAL[: 1000 - len(personal)] + personal) * 1000)[:1_000_000]
    case("find_personal_data, 1,000 characters", lambda: find_personal_data(SIGNAL), page)
    case("find_personal_data, 1 MB paste, no personal data", lambda: find_personal_data(paste), 5)
    found = len(find_personal_data(full, names=["Amina"]))
    case(
        f"find_personal_data, 1 MB paste, {found:,} findings",
        lambda: find_personal_data(full, names=["Amina"]),
        3,
    )

    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        db_version = cursor.fetchone()[0].split()[0]
    load = os.getloadavg()[0]
    return {**run_header(url, db_version, iterations, warmup), "load": round(load, 2), "cases": cases}


def report(paths: list[str]) -> str:
    runs = [json.loads(Path(p).read_text()) for p in paths]
    lines = [
        "| Backend | Case | Min µs | Median µs | p95 µs |",
        "|---|---|--:|--:|--:|",
    ]
    for result in runs:
        backend = f"{result['backend']} {result['db_version']}"
        for row in result["cases"]:
            lines.append(
                f"| {backend} | {row['case']} | {row['min_us']:,.1f} | {row['median_us']:,.1f} | {row['p95_us']:,.1f} |"
            )
    header = ", ".join(f"{r['backend']}: {r['date']}, commit {r['commit']}, load {r['load']}" for r in runs)
    return header + "\n\n" + "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--json", help="save the results to this file")
    parser.add_argument("--report", nargs="+", help="print one table from saved results")
    args = parser.parse_args()
    if args.report:
        print(report(args.report))
        return
    result = run(args.iterations, args.warmup)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
