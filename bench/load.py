"""The public pages and the API under load: gunicorn, production settings, PostgreSQL, Redis.

    bash bench/load.sh                       # install wrk if needed, then this script
    .venv/bin/python bench/load.py --duration 10 --connections 50

What it does (see bench/README.md, "Load"):

1. Prepares its own PostgreSQL database (``LOAD_DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/gastvrij_bench_load``): migrate, then the demo data
   (``seed_demo``, ``seed_toolkit``, ``seed_volunteers``, all safe to repeat), and a
   ``VACUUM ANALYZE``. Collects the static files with the production storage
   (``CompressedManifestStaticFilesStorage``) into ``var/bench/load-static``.
2. Empties its Redis database (``LOAD_REDIS_URL``, default ``redis://127.0.0.1:6379/15``).
3. Starts gunicorn with the production settings (``bench.settings_load``: gastvrij.settings
   with debug off, plus the bare reference view at ``/bench/bare/``), 4 sync workers on
   127.0.0.1:8204, no access log.
4. Requests every URL once (each must answer 200), then per URL a short warm-up and a run
   of ``wrk`` with 50 connections, and one mixed run over all URLs (a Lua script that
   takes them in turn); the bare view runs first and last, so drift shows.
5. Prints a markdown table (requests/s, p50, p99, errors, the share of the bare view's
   requests/s: the mean of its first and last run) and saves it with the raw figures in
   bench/results/load-*.{json,md}. ``--no-page-cache`` runs every view (the visitors' page
   cache off, decision 0016), to see what rendering costs.

Target (issue 10): every public page and API at least a third of the bare view's
throughput, with no errors.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import machine  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TARGET_SHARE = 1 / 3
BARE_BYTES = 15_000  # about the size of a public page

# (label, path) of the public pages and the API, in the order they run.
CASES = [
    ("Home", "/"),
    ("Directory", "/groepen/"),
    ("Directory, filtered", "/groepen/?province=10000&activity=homework-help"),
    ("Directory, near 2800", "/groepen/?near=2800"),
    ("Group page", "/groepen/{group}/"),
    ("Vacancies", "/vacatures/"),
    ("Sign-up form", "/vrijwilligen/"),
    ("Toolkit index", "/toolkit/"),
    ("Toolkit page", "/toolkit/wonen-eigen-adres/"),
    ("Toolkit search", "/toolkit/zoeken/?q=huurwaarborg"),
    ("Glossary", "/toolkit/woordenlijst/"),
    ("API organisations", "/api/v1/organisations"),
    ("API nearest", "/api/v1/organisations/nearest?postcode=2800"),
    ("API organisation", "/api/v1/organisations/{group}"),
    ("API search", "/api/v1/search?q=kindergeld"),
    ("API match", "/api/v1/match?postcode=9000&activities=homework-help&languages=ar"),
    ("Social map, find help", "/sociale-kaart/?q=huisvesting&near=2800"),
    ("API services near", "/api/v1/services?near=2800&domain=housing"),
    ("API HSDS services", "/api/v1/hsds/services"),
    ("Published dossiers", "/beleid/dossiers/"),
]


def env(args) -> dict[str, str]:
    """The production environment of the run: debug off, PostgreSQL, Redis."""
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GASTVRIJ_", "DJANGO_"))}
    out.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings_load",
            "GASTVRIJ_DEBUG": "false",
            "GASTVRIJ_SECRET_KEY": "load-run-only-" + "x" * 40,
            # Production refuses the development keys (decision 0013): fixed keys for this run only.
            "GASTVRIJ_FIELD_KEYS": base64.urlsafe_b64encode(b"load-run-only-field-key-32-bytes").decode(),
            "GASTVRIJ_BLIND_INDEX_KEY": base64.urlsafe_b64encode(b"load-run-only-blind-index-key-32").decode(),
            "GASTVRIJ_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "GASTVRIJ_SITE_URL": f"http://127.0.0.1:{args.port}",
            "GASTVRIJ_SSL_REDIRECT": "false",  # plain HTTP on the loopback, as behind nginx
            "GASTVRIJ_LOG_LEVEL": "WARNING",
            "GASTVRIJ_STATIC_ROOT": str(ROOT / "var" / "bench" / "load-static"),
            "GASTVRIJ_VAR_DIR": str(ROOT / "var" / "bench" / "load"),
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            # --no-page-cache: every request runs its view (what the page cache saves).
            "GASTVRIJ_PAGE_CACHE_SECONDS": "0" if args.no_page_cache else "300",
        }
    )
    return out


def manage(environment: dict[str, str], *command: str) -> None:
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=environment, check=True)


def prepare(args, environment: dict[str, str]) -> None:
    import psycopg

    url = urlparse(args.database_url)
    name = url.path.lstrip("/")
    admin = psycopg.connect(
        host=url.hostname, port=url.port or 5432, user=url.username, password=url.password, dbname="postgres"
    )
    admin.autocommit = True
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        admin.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    Path(environment["GASTVRIJ_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    print("==> migrate and demo data", flush=True)
    manage(environment, "migrate", "--verbosity", "0")
    # The demo data refuses to load outside development (its password is published): it is
    # loaded with debug on, and only gunicorn serves with the production settings.
    seeding = {**environment, "GASTVRIJ_DEBUG": "true"}
    for command in ("seed_demo", "seed_toolkit", "seed_volunteers", "seed_socialmap", "seed_signals"):
        manage(seeding, command)
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print("==> collectstatic (CompressedManifestStaticFilesStorage)", flush=True)
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()


def group_slug(args) -> str:
    import psycopg

    with psycopg.connect(args.database_url) as conn:
        row = conn.execute(
            "SELECT slug FROM organisations_organisation WHERE status = 'member' ORDER BY name LIMIT 1"
        ).fetchone()
    return row[0]


def start_gunicorn(args, environment: dict[str, str]) -> subprocess.Popen:
    command = [GUNICORN, "gastvrij.wsgi:application", "--bind", f"127.0.0.1:{args.port}"]
    command += ["--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not answer /healthz")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def fetch(url: str) -> tuple[int, int]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, args, *, seconds: int, script: str | None = None) -> dict:
    """One wrk run; its requests/s, p50 and p99 in ms, and errors (non-2xx/3xx, socket)."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", script]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99_ms": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": (sum(int(n) for n in socket.groups()) if socket else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
        "raw": out,
    }


MIXED_LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def run(args) -> dict:
    environment = env(args)
    if not args.skip_prepare:
        prepare(args, environment)
    group = group_slug(args)
    cases = [(label, path.format(group=group)) for label, path in CASES]
    base = f"http://127.0.0.1:{args.port}"
    bare = ("Bare Django view", f"/bench/bare/?bytes={BARE_BYTES}")
    server = start_gunicorn(args, environment)
    results = []
    try:
        for _label, path in [bare, *cases]:
            status, _size = fetch(base + path)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status}")
        order = [bare, *cases, ("Mixed (all pages and API in turn)", None), (bare[0] + ", again", bare[1])]
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(MIXED_LUA % ", ".join(json.dumps(path) for _label, path in cases))
        for label, path in order:
            url = base + (path or "/")
            script = None if path else lua.name
            wrk(url, args, seconds=args.warmup, script=script)  # warm-up: caches, connections
            result = wrk(url, args, seconds=args.duration, script=script)
            result.update(label=label, path=path or "mixed", load=round(os.getloadavg()[0], 2))
            result["bytes"] = fetch(url)[1] if path else None
            results.append(result)
            print(
                f"{label:38} {result['requests_per_s']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                f"p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}  load {result['load']}",
                flush=True,
            )
        os.unlink(lua.name)
    finally:
        stop(server)
    # The bare view ran first and last: the mean of both is the reference (the machine drifts).
    bare_rps = (results[0]["requests_per_s"] + results[-1]["requests_per_s"]) / 2
    for result in results:
        result["share_of_bare"] = result["requests_per_s"] / bare_rps
    from bench.run import git_commit

    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": git_commit(),
        "machine": machine(),
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "threads": args.threads,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "wrk": " ".join(subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split()[:2]),
            "page_cache": not args.no_page_cache,
        },
        "results": results,
    }


def table(report: dict) -> str:
    rows = [
        "| Page | Path | Bytes | Requests/s | p50 ms | p99 ms | Errors | Share of bare "
        "| Target ≥ 1/3, 0 errors | Load |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|--:|",
    ]
    for r in report["results"]:
        is_bare = r["label"].startswith("Bare")
        met = r["share_of_bare"] >= TARGET_SHARE and r["errors"] == 0
        verdict = "(reference)" if is_bare else ("met" if met else "**missed**")
        rows.append(
            f"| {r['label']} | `{r['path']}` | {r['bytes'] or ''} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.1f} "
            f"| {r['p99_ms']:.1f} | {r['errors']} | {r['share_of_bare']:.2f} | {verdict} | {r['load']} |"
        )
    s = report["settings"]
    rows.append("")
    rows.append(
        f"{report['date']}; commit {report['commit']}; {report['machine']['cpus']} CPUs; gunicorn "
        f"{s['workers']} sync workers; {s['wrk']}, {s['threads']} threads, {s['connections']} connections, "
        f"{s['warmup_s']} s warm-up then {s['duration_s']} s per row; page cache "
        f"{'on' if s.get('page_cache', True) else 'off'}; share of bare: of the mean of the two bare rows."
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gastvrij_bench_load"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8204")))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds per row")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per row")
    parser.add_argument("--skip-prepare", action="store_true", help="reuse the database and static files as they are")
    parser.add_argument("--label", default="postgresql", help="name of the result files")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="GASTVRIJ_PAGE_CACHE_SECONDS=0: every request runs its view"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (bench/load.sh does this as root)")
    report = run(args)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"load-{args.label}.json").write_text(json.dumps(report, indent=1))
    markdown = table(report)
    (out / f"load-{args.label}.md").write_text(markdown + "\n")
    print()
    print(markdown)


if __name__ == "__main__":
    main()
