"""The project's public, read-only JSON API (django-ninja), mounted at ``/api/v1/``.

One ``NinjaAPI`` object for the whole platform, with its error answers; each app adds its
own router (``<app>/api.py``). The OpenAPI description is at ``/api/v1/openapi.json``.
Nothing here carries personal data: the API shows what the public pages show (and, for a
logged-in member's session, what the Toolkit's search page shows them).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.errors import HttpError

from core import api_errors as core_api_errors
from core.access import declare_public

api = NinjaAPI(
    title="Gastvrij Netwerk API",
    version="1.0",
    description=(
        "Public, read-only: the directory of the network's member groups, the Toolkit's search, "
        "the volunteer matching and the social map (HSDS 3). No personal data."
    ),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


core_api_errors.install(api)  # translated validation errors and 404s, as JSON (core/api_errors.py)

api.add_router("/", "organisations.api.router")  # the directory: /api/v1/organisations...
api.add_router("/", "toolkit.api.router")  # the Toolkit's search: /api/v1/search
api.add_router("/", "volunteers.api.router")  # matching volunteers: /api/v1/match
api.add_router("/", "socialmap.api.router")  # the social map: /api/v1/hsds/..., /api/v1/services


def urls():
    """The API's URL patterns, each declared public for the access framework (core/access.py)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name == "openapi-json":  # django-ninja's view answers any method
            pattern.callback = require_GET(pattern.callback)
        declare_public(pattern.callback)
    return patterns, app_name, namespace
