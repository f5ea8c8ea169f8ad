# Shared by scripts/start and scripts/test: make .venv and install the locked requirements.
# requirements.txt and requirements-dev.txt are the pins people edit; requirements.lock and
# requirements-dev.lock (made from them by scripts/lock) pin every package with its hashes,
# so a fresh machine installs exactly what CI tested. Re-installs only when the lock changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
req="${1:-requirements.txt}"
lock="${req%.txt}.lock"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment (.venv)"
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(basename "$lock")"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  echo "==> Installing Python packages from $lock"
  .venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  touch "$stamp"
fi
if command -v msgfmt >/dev/null 2>&1 && [ -d locale ]; then
  .venv/bin/python manage.py compilemessages --verbosity 0 --ignore '.venv' >/dev/null
fi
