#!/usr/bin/env bash
# The load run (bench/load.py): gunicorn with the production settings, PostgreSQL, Redis,
# 4 workers, 50 connections of wrk. Installs Debian's wrk when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "==> Installing Debian's wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "!! wrk is missing: install it (apt-get install wrk) and run again." >&2
    exit 1
  fi
fi
if ! .venv/bin/python -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()" "${LOAD_REDIS_URL:-redis://127.0.0.1:6379/15}" 2>/dev/null; then
  echo "!! No Redis answers at ${LOAD_REDIS_URL:-redis://127.0.0.1:6379/15} (apt-get install redis-server)." >&2
  exit 1
fi
exec .venv/bin/python bench/load.py "$@"
