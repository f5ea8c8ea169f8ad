"""Template tags of referrals used on the families' pages."""

from __future__ import annotations

from typing import Any

from django import template

from socialmap import search

register = template.Library()

SUGGESTIONS = 3


@register.inclusion_tag("referrals/_suggestions.html")
def social_map_suggestions(trajectory: Any, code: str) -> dict:
    """For an empty domain of the network map: a few services of the social map for that
    domain near the family's municipality (the social map's own search by domain and place)."""
    from referrals import services

    try:
        found, near = services.services_near(trajectory, code, limit=SUGGESTIONS)
    except search.QueryError:
        found, near = [], None
    return {"found": found, "near": near, "trajectory": trajectory, "code": code}
