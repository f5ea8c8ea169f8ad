"""A bare reference view: renders a template of a requested size and touches no database.

``GET /bench/bare/?bytes=N`` answers an HTML page of about N bytes (within a few bytes).
It goes through the same middleware as every other view, so the ratio
"page / bare" shows what the page's own queries and rendering cost.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from core.access import PUBLIC, access
from core.inputs import parse_int

TEMPLATE = "bench/bare.html"
TAGS = ["Dutch conversation practice", "Homework help", "Buddy and mentor work", "Info evenings"]

# Context per requested size, computed once (the calibration renders happen in the warm-up).
_contexts: dict[int, dict] = {}


def _items(count: int) -> list[dict]:
    """Cards that look like the directory's: a name, a link, a place and some tags."""
    return [
        {
            "name": f"Gastvrij Voorbeeldgemeente {i}",
            "url": f"/groepen/gastvrij-voorbeeldgemeente-{i}/",
            "place": "Mechelen · Antwerpen",
            "tags": TAGS[: 1 + i % 4],
        }
        for i in range(count)
    ]


def _context_for(size: int) -> dict:
    """Enough cards, plus padding, to make the rendered page ``size`` bytes long."""
    if size not in _contexts:
        empty = len(render_to_string(TEMPLATE, {"items": [], "padding": ""}).encode())
        ten = len(render_to_string(TEMPLATE, {"items": _items(10), "padding": ""}).encode())
        per_item = max(1, (ten - empty) // 10)
        items = _items(max(0, (size - empty) // per_item))
        # Re-measure with the real items: the numbers in names make item sizes vary a little.
        rendered = len(render_to_string(TEMPLATE, {"items": items, "padding": ""}).encode())
        while items and rendered > size:
            items.pop()
            rendered = len(render_to_string(TEMPLATE, {"items": items, "padding": ""}).encode())
        _contexts[size] = {"items": items, "padding": "x" * max(0, size - rendered)}
    return _contexts[size]


@access(PUBLIC)
@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    size = parse_int(request.GET.get("bytes"), minimum=0, maximum=5_000_000, default=10_000) or 0
    return render(request, TEMPLATE, _context_for(size))
