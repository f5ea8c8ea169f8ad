"""The network map drawn on the server as an accessible SVG ecomap: the family in the centre,
the life domains around it, the actors as small nodes beyond their domain, the line's style
by how the contact goes (solid: good, dashed: difficult, dotted with a cross: broken).

No JavaScript and no inline styles: classes from static/css/families.css. The same content
is on the page as a list, for screen readers and for print; the SVG carries a title and a
description and is hidden from assistive technology only through ``aria-hidden`` on
decorative parts."""

from __future__ import annotations

import math
from typing import Any

from django.template.loader import render_to_string

SIZE = 640
CENTRE = SIZE / 2
DOMAIN_RADIUS = 190
ACTOR_RADIUS = 280


def _wrap(text: str, width: int = 16, lines: int = 2) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


def _n(value: float) -> str:
    """A coordinate as SVG wants it, whatever the language: "297.3", never "297,3" (the
    template would localise a float)."""
    return f"{value:.1f}"


def layout(domains: list[dict]) -> list[dict]:
    """Positions of the domains and their actors (as strings, see ``_n``)."""
    count = max(len(domains), 1)
    placed = []
    for i, domain in enumerate(domains):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x, y = CENTRE + DOMAIN_RADIUS * math.cos(angle), CENTRE + DOMAIN_RADIUS * math.sin(angle)
        actors = []
        n = len(domain["actors"])
        spread = min(2 * math.pi / count * 0.8, 0.25 * max(n - 1, 0))
        for j, actor in enumerate(domain["actors"]):
            a = angle + (spread * (j / (n - 1) - 0.5) if n > 1 else 0)
            ax, ay = CENTRE + ACTOR_RADIUS * math.cos(a), CENTRE + ACTOR_RADIUS * math.sin(a)
            actors.append(
                {
                    "actor": actor,
                    "x": _n(ax),
                    "y": _n(ay),
                    "corner_x": _n(ax - 9),
                    "corner_y": _n(ay - 9),
                    "label": (_wrap(actor.name or str(actor.get_support_display()), 14, 1) or [""])[0],
                }
            )
        placed.append(
            {
                **domain,
                "x": _n(x),
                "y": _n(y),
                "lines": _wrap(str(domain["label"])),
                "placed_actors": actors,
            }
        )
    return placed


def render(trajectory: Any, domains: list[dict]) -> str:
    return render_to_string(
        "families/_ecomap.svg",
        {
            "trajectory": trajectory,
            "family_lines": _wrap(trajectory.pseudonym, 13),
            "domains": layout(domains),
            "size": str(SIZE),
            "centre": _n(CENTRE),
        },
    )
