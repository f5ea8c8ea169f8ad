"""The API's errors as JSON in the caller's language (docs/decisions/0017-bad-input.md).

django-ninja answers a parameter it cannot read with pydantic's English messages ("Input
should be a valid integer, unable to parse string as an integer"), and an object that is not
there with "Not Found". ``install(api)`` replaces both with translated messages, in the same
shape as every other error of the API: ``{"detail": "...", "errors": {"field": ["..."]}}``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from .views import api_error


def _message(error: dict[str, Any]) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        return _("Enter a whole number, such as 2.")
    if kind in {"float_parsing", "float_type"}:
        return _("Enter a number.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Enter a number of at least %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt"))}
    if kind in {"less_than_equal", "less_than"}:
        return _("Enter a number of at most %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt"))}
    if kind == "string_too_long":
        return _("Use at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind == "string_pattern_mismatch":
        return _("This value does not have the expected form.")
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in {"string_type", "list_type", "bool_parsing", "bool_type"}:
        return _("This value has the wrong type.")
    return _("This value is not valid.")


def validation_error(request: HttpRequest, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        field = location[-1] if location else "?"
        errors.setdefault(field, []).append(_message(error))
    detail = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
    return api_error(400, detail, errors)


def not_found(request: HttpRequest, exc: Exception):
    return api_error(404)


def install(api) -> None:
    """Answer validation errors and missing objects of ``api`` in the caller's language."""
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
