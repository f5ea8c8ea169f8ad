#!/usr/bin/env bash
# The volunteer matching benchmark on SQLite and PostgreSQL, then one markdown table.
# Extra arguments go to bench/run_match.py, e.g. `bash bench/run_match.sh --iterations 50`.
set -euo pipefail
cd "$(dirname "$0")/.."
sqlite_url="${BENCH_SQLITE_URL:-sqlite:///$(pwd)/var/bench/match.sqlite3}"
postgres_url="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/gastvrij_bench_match}"
mkdir -p bench/results
echo "==> SQLite ($sqlite_url)"
DATABASE_URL="$sqlite_url" .venv/bin/python bench/run_match.py --json bench/results/match-sqlite.json "$@" >/dev/null
echo "==> PostgreSQL ($postgres_url)"
DATABASE_URL="$postgres_url" .venv/bin/python bench/run_match.py --json bench/results/match-postgresql.json "$@" >/dev/null
.venv/bin/python bench/run_match.py --report bench/results/match-sqlite.json bench/results/match-postgresql.json \
  | tee bench/results/match-table.md
