"""The bytes a browser downloads for a page: the HTML and every stylesheet, script and font it
loads, each gzip-compressed as the server sends it (WhiteNoise serves pre-compressed files).

    .venv/bin/python bench/page_weight.py            # home, sign-up, directory with its map
    .venv/bin/python bench/page_weight.py /toolkit/ /aansluiten/

Requests each page in-process with Django's test Client on a fresh SQLite database in
var/bench/weight.sqlite3 (migrated on the first run: the places and activities load with it),
finds the <link rel="stylesheet">, <link rel="preload" as="font">, <script src> and
<script type="module"> of the HTML, follows ``import ... from "..."`` in module scripts and
``url(...)`` fonts in stylesheets, and reads the files through the static finders. Leaflet's
marker images are not counted (the map draws circle markers); map tiles come from the tile
server and are not counted either. Fonts are woff2 (already compressed) and counted as they
are: the latin subset in both weights, which every page uses (headings are bold); the
latin-ext files download only for a page with such letters. The browser caches all of it
after the first page.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench" / "weight.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

PAGES = ["/", "/vrijwilligen/", "/groepen/?near=2800"]
IMPORT = re.compile(r"""(?:import|from)\s*["']([^"']+\.js)["']""")
FONT_URL = re.compile(r"""url\(["']?(/static/[^"')]+\.woff2)["']?\)""")


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.modules: list[str] = []
        self.fonts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.css.append(a["href"])
        elif tag == "link" and a.get("rel") == "preload" and a.get("as") == "font":
            self.fonts.append(a["href"])
        elif tag == "script" and a.get("src"):
            (self.modules if a.get("type") == "module" else self.js).append(a["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def static_bytes(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    if not found or isinstance(found, list):
        raise SystemExit(f"not a static file: {url}")
    return Path(found).read_bytes()


def with_imports(modules: list[str]) -> list[str]:
    """Module scripts and every module they import (relative paths resolved), each once."""
    seen: list[str] = []
    todo = list(modules)
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.append(url)
        base = url.rsplit("/", 1)[0]
        for target in IMPORT.findall(static_bytes(url).decode("utf-8", "replace")):
            if not target.startswith("."):
                continue
            resolved: list[str] = []
            for part in (base + "/" + target).split("/"):
                if part == "..":
                    resolved.pop()
                elif part != ".":
                    resolved.append(part)
            todo.append("/".join(resolved))
    return seen


def measure(paths: list[str]) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    DB.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    client = Client()
    rows = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content
        assets = Assets()
        assets.feed(html.decode())
        css = {url: gz(static_bytes(url)) for url in assets.css}
        js = {url: gz(static_bytes(url)) for url in [*assets.js, *with_imports(assets.modules)]}
        fonts = set(assets.fonts)
        for url in assets.css:
            fonts.update(FONT_URL.findall(static_bytes(url).decode("utf-8", "replace")))
        used_fonts = {url: len(static_bytes(url)) for url in fonts if "-latin-ext-" not in url}
        rows.append(
            {
                "page": path,
                "html": gz(html),
                "css": sum(css.values()),
                "js": sum(js.values()),
                "fonts": sum(used_fonts.values()),
                "files": sorted([*css, *js]),
            }
        )
    return rows


def main() -> None:
    paths = sys.argv[1:] or PAGES
    rows = measure(paths)
    print("| page | HTML | CSS | JS | CSS+JS | fonts | total |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        total = r["html"] + r["css"] + r["js"] + r["fonts"]
        print(
            f"| `{r['page']}` | {r['html']:,} | {r['css']:,} | {r['js']:,} | {r['css'] + r['js']:,} "
            f"| {r['fonts']:,} | {total:,} |"
        )
    print()
    for r in rows:
        print(f"{r['page']}: " + ", ".join(r["files"]))


if __name__ == "__main__":
    main()
