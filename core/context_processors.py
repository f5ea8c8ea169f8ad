from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .navigation import items_for


def platform(request: HttpRequest) -> dict:
    user: Any = getattr(request, "user", None) or AnonymousUser()  # absent when middleware did not run
    coordinated = user.coordinated_organisation_ids() if user.is_authenticated else set()
    return {
        "SITE_URL": settings.SITE_URL,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "user_is_secretariat": bool(user.is_authenticated and user.is_secretariat),
        "user_coordinates_any": bool(coordinated),
        "nav_items": items_for(request, user),
    }
