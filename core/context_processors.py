from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict:
    user = request.user
    coordinated = user.coordinated_organisation_ids() if user.is_authenticated else set()
    return {
        "SITE_URL": settings.SITE_URL,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "user_is_secretariat": bool(user.is_authenticated and user.is_secretariat),
        "user_coordinates_any": bool(coordinated),
    }
