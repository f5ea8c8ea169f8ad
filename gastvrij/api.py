"""The project's public, read-only JSON API (django-ninja), mounted at ``/api/v1/``.

One ``NinjaAPI`` object for the whole platform, with its error answers; each app adds its
own router (``<app>/api.py``). The OpenAPI description is at ``/api/v1/openapi.json``.
Nothing here carries personal data: the API shows what the public pages show (and, for a
logged-in member's session, what the Toolkit's search page shows them).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from core.access import declare_public

api = NinjaAPI(
    title="Gastvrij Netwerk API",
    version="1.0",
    description=(
        "Public, read-only: the directory of the network's member groups, the Toolkit's search "
        "and the volunteer matching. No personal data."
    ),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = str(error.get("loc", ["", "?"])[-1])
        errors.setdefault(field, []).append(str(error.get("msg", "invalid")))
    detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items())
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


api.add_router("/", "organisations.api.router")  # the directory: /api/v1/organisations...
api.add_router("/", "toolkit.api.router")  # the Toolkit's search: /api/v1/search
api.add_router("/", "volunteers.api.router")  # matching volunteers: /api/v1/match


def urls():
    """The API's URL patterns, each declared public for the access framework (core/access.py)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        declare_public(pattern.callback)
    return patterns, app_name, namespace
