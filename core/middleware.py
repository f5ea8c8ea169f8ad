"""Middleware that answers bad requests the same way on every URL (docs/decisions/0017-bad-input.md).

- ``HttpMethodsMiddleware``: HEAD is answered as GET without the body, on every URL where GET
  works (monitoring uses HEAD); OPTIONS answers 200 with the ``Allow`` header the view gives.
- ``NulBytesMiddleware``: a NUL byte anywhere in the address, the query string or the
  fields of a form is refused with a 400 page (JSON on the API) before any view or form
  sees it. PostgreSQL cannot store NUL in text, and a NUL is never typed on a keyboard.
- ``ApiErrorsMiddleware``: the API answers its errors (400, 403, 404, 405, 413) as JSON in
  the caller's language, also where Django or django-ninja would answer with HTML.
- ``PermissionsPolicyMiddleware``: a ``Permissions-Policy`` header turning off the browser
  features the platform never uses (the Content-Security-Policy comes from django-csp).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


class HttpMethodsMiddleware:
    """HEAD runs the GET code path and drops the body; OPTIONS lists the allowed methods.

    Views keep declaring only GET (``require_GET``) or GET and POST: HEAD and OPTIONS are
    handled here, once, instead of in every decorator. OPTIONS goes through the view's access
    policy like any request, so it only tells the methods to someone who may use the view.
    """

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "HEAD":
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            return _without_body(response)
        response = self.get_response(request)
        if response.status_code != 405 or not response.has_header("Allow"):
            return response
        allowed = _allowed_methods(response)
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Content-Length"] = "0"
        response["Allow"] = ", ".join(allowed)
        return response


def _allowed_methods(response: HttpResponseBase) -> list[str]:
    """The view's ``Allow`` list with the methods this middleware adds: HEAD where GET is
    allowed, and OPTIONS."""
    allowed = [m.strip().upper() for m in response["Allow"].split(",") if m.strip()]
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")
    if "OPTIONS" not in allowed:
        allowed.append("OPTIONS")
    return allowed


def _without_body(response: HttpResponseBase) -> HttpResponseBase:
    if response.streaming:
        response.streaming_content = []  # type: ignore[attr-defined]  # the file or generator is closed with the response
    else:
        length = len(response.content)  # type: ignore[attr-defined]
        response.content = b""  # type: ignore[attr-defined]
        response["Content-Length"] = str(length)
    return response


def _fields_with_nul(request: HttpRequest) -> list[str]:
    """The names of the query or form fields that hold a NUL byte (the name itself counts)."""
    found = []
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                found.append(key.replace("\x00", "�"))
    if request.method == "POST" and request.content_type == "multipart/form-data":
        found += [key for key, upload in request.FILES.items() if "\x00" in (getattr(upload, "name", "") or "")]
    return found


class NulBytesMiddleware:
    """Refuse a NUL byte before anything reads it; say where it was and that nothing was saved."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path_info or "\x00" in request.path:
            return self._refuse(request, [])
        fields = _fields_with_nul(request)
        if fields:
            return self._refuse(request, fields)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest, fields: list[str]) -> HttpResponseBase:
        from .views import bad_request, nul_message

        return bad_request(request, nul_message(fields), fields=fields)


class ApiErrorsMiddleware:
    """JSON (``{"detail": ..., "errors": {}}``) for every API error that would be HTML."""

    STATUSES = frozenset({400, 403, 404, 405, 413})

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            is_api(request)
            and response.status_code in self.STATUSES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            from .views import api_error

            answer = api_error(response.status_code)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response


# Browser features the platform never uses are turned off for every page, and for anything a
# page might embed. (The Content-Security-Policy comes from django-csp: see settings.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
