#!/usr/bin/env bash
# Run the benchmarks on SQLite and on PostgreSQL, then print one markdown table.
# Extra arguments go to bench/run.py, e.g. `bash bench/run_all.sh --iterations 50`.
# The databases are created, migrated and filled on the first run (about half a minute each).
set -euo pipefail
cd "$(dirname "$0")/.."

sqlite_url="${BENCH_SQLITE_URL:-sqlite:///$(pwd)/var/bench/bench.sqlite3}"
postgres_url="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/gastvrij_bench}"
mkdir -p bench/results

echo "==> SQLite ($sqlite_url)"
DATABASE_URL="$sqlite_url" .venv/bin/python bench/run.py --json bench/results/sqlite.json "$@"
echo
echo "==> PostgreSQL ($postgres_url)"
DATABASE_URL="$postgres_url" .venv/bin/python bench/run.py --json bench/results/postgresql.json "$@"
echo
echo "==> Both backends (also in bench/results/table.md)"
.venv/bin/python bench/run.py --report bench/results/sqlite.json bench/results/postgresql.json \
  | tee bench/results/table.md
