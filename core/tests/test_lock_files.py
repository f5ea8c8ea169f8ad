"""The lock files (requirements.lock, requirements-dev.lock) pin every package with hashes
and agree with the pins people edit (requirements.txt, requirements-dev.txt): a pin changed
without running ``bash scripts/lock`` fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """Name -> version of every ``name==version`` line (``-r`` includes followed)."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
    found.update({_name(name): version for name, version in PIN.findall(path.read_text())})
    return found


def entries(path: Path) -> list[str]:
    """The lock's entries: each ``name==version`` line with its indented continuation lines."""
    found: list[str] = []
    for line in path.read_text().splitlines():
        if PIN.match(line):
            found.append(line)
        elif line.startswith(" ") and found:
            found[-1] += "\n" + line
    return found


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_the_lock_pins_every_edited_pin_at_the_same_version(name):
    wanted, locked = pins(ROOT / f"{name}.txt"), pins(ROOT / f"{name}.lock")
    stale = {
        package: (version, locked.get(package)) for package, version in wanted.items() if locked.get(package) != version
    }
    assert not stale, f"{name}.lock is stale (pinned, locked): {stale}. Run: bash scripts/lock"


@pytest.mark.parametrize("name", ["requirements", "requirements-dev"])
def test_every_locked_package_has_a_hash(name):
    lock = ROOT / f"{name}.lock"
    without = [entry.split()[0] for entry in entries(lock) if "==" in entry and "--hash=sha256:" not in entry]
    assert not without, f"{lock.name}: no hash for {without}"


def test_the_development_lock_installs_the_runtime_packages_at_their_locked_versions():
    runtime, development = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    differ = {p: (v, development.get(p)) for p, v in runtime.items() if development.get(p) != v}
    assert not differ, f"requirements-dev.lock differs from requirements.lock: {differ}. Run: bash scripts/lock"


def test_a_changed_pin_is_found_stale(tmp_path):
    (tmp_path / "r.txt").write_text("Django==5.2.19\nnh3==0.3.8\n")
    (tmp_path / "r.lock").write_text("django==5.2.19 \\\n    --hash=sha256:00\nnh3==0.3.7 \\\n    --hash=sha256:11\n")
    assert pins(tmp_path / "r.txt") != pins(tmp_path / "r.lock")
    assert pins(tmp_path / "r.lock") == {"django": "5.2.19", "nh3": "0.3.7"}
