#!/usr/bin/env bash
# The Toolkit search benchmark on SQLite and on PostgreSQL, then one markdown table.
# Extra arguments go to bench/run_search.py on both backends, e.g. `--iterations 30`;
# BENCH_SQLITE_ARGS / BENCH_POSTGRES_ARGS add arguments for one backend only, e.g.
# BENCH_POSTGRES_ARGS="--min-timed 3 --query huurwaarborg". The databases (separate from
# the directory benchmark's) are created, migrated and filled on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

sqlite_url="${BENCH_SQLITE_URL:-sqlite:///$(pwd)/var/bench/toolkit.sqlite3}"
postgres_url="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/gastvrij_bench_toolkit}"
mkdir -p bench/results

echo "==> SQLite ($sqlite_url)"
# shellcheck disable=SC2086 # the extra arguments are meant to be split
DATABASE_URL="$sqlite_url" .venv/bin/python bench/run_search.py --json bench/results/search-sqlite.json \
  ${BENCH_SQLITE_ARGS:-} "$@"
echo
echo "==> PostgreSQL ($postgres_url)"
# shellcheck disable=SC2086
DATABASE_URL="$postgres_url" .venv/bin/python bench/run_search.py --json bench/results/search-postgresql.json \
  ${BENCH_POSTGRES_ARGS:-} "$@"
echo
echo "==> Both backends (also in bench/results/search-table.md)"
.venv/bin/python bench/run_search.py --report bench/results/search-sqlite.json bench/results/search-postgresql.json \
  | tee bench/results/search-table.md
