# Shared by scripts/start and scripts/test: make .venv and install the pinned requirements.
# Re-installs only when the requirements file changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
req="${1:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment (.venv)"
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(basename "$req")"
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  echo "==> Installing Python packages from $req"
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
if command -v msgfmt >/dev/null 2>&1 && [ -d locale ]; then
  .venv/bin/python manage.py compilemessages --verbosity 0 --ignore '.venv' >/dev/null
fi
