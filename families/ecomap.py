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

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


def _dy(index: int, count: int) -> str:
    """The first line of a label sits a little higher when a second line follows."""
    if index:
        return "1em"
    return "-0.2em" if count > 1 else "0.35em"


def _text(x: str, y: str, lines: list[str], attrs: str = "") -> list[str]:
    return [
        f'<text{attrs} x="{x}" y="{y}" dy="{_dy(i, len(lines))}" text-anchor="middle">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]


def render(trajectory: Any, domains: list[dict], ids: str = "ecomap", on: str = "") -> str:
    """The SVG, written here rather than by a template: it is a few hundred short elements,
    and the template language spent more time on their variable lookups than the rest of
    the page (docs/benchmarks.md, issue 11). Every text is escaped. ``ids``: the prefix of
    the title's and description's ids (two maps on a page: today's and an earlier one);
    ``on``: the day of an earlier map, for its title."""
    placed = layout(domains)
    c = _n(CENTRE)
    size = str(SIZE)
    if on:
        title = _("Network map of %(name)s on %(date)s") % {"name": escape(trajectory.pseudonym), "date": escape(on)}
    else:
        title = _("Network map of %(name)s") % {"name": escape(trajectory.pseudonym)}
    desc = _(
        "The family in the centre, the life domains around it and the actors in each domain. "
        "The same content follows as a list."
    )
    out = [
        f'<svg class="app-ecomap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc">',
        f'<title id="{ids}-title">{title}</title>',
        f'<desc id="{ids}-desc">{desc}</desc>',
        '<g aria-hidden="true">',
    ]
    lines = []
    for d in placed:
        skipped = " app-ecomap__spoke--skipped" if d["skipped"] else ""
        line = f'<line class="app-ecomap__spoke{skipped}" x1="{c}" y1="{c}" x2="{d["x"]}" y2="{d["y"]}"/>\n'
        line += "".join(
            f'<line class="app-ecomap__link app-ecomap__link--{escape(a["actor"].quality)}" x1="{d["x"]}" '
            f'y1="{d["y"]}" x2="{a["x"]}" y2="{a["y"]}"/>'
            for a in d["placed_actors"]
        )
        lines.append(line)
    out.append("".join(lines))
    out.append(f'<circle class="app-ecomap__family" cx="{c}" cy="{c}" r="58"/>')
    groups = "".join(_text(c, c, _wrap(trajectory.pseudonym, 13), ' class="app-ecomap__family-label"'))
    for d in placed:
        state = " app-ecomap__domain--skipped" if d["skipped"] else " app-ecomap__domain--empty" if d["empty"] else ""
        groups += f'\n<g class="app-ecomap__domain{state}">\n<circle cx="{d["x"]}" cy="{d["y"]}" r="44"/>\n'
        groups += "".join(_text(d["x"], d["y"], d["lines"])) + "\n</g>\n"
        for a in d["placed_actors"]:
            kind = a["actor"].kind
            shape = (
                f'<rect x="{a["corner_x"]}" y="{a["corner_y"]}" width="18" height="18"/>'
                if kind == "formal"
                else f'<circle cx="{a["x"]}" cy="{a["y"]}" r="9"/>'
            )
            groups += (
                f'<g class="app-ecomap__actor app-ecomap__actor--{escape(kind)}">{shape}\n'
                f'<text x="{a["x"]}" y="{a["y"]}" dy="22" text-anchor="middle">{escape(a["label"])}</text></g>'
            )
    out.append(groups)
    out.append("\n</g>\n</svg>\n")
    return mark_safe("\n".join(out[:-1]) + "\n" + out[-1])  # noqa: S308  (every text above is escaped)
