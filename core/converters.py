"""URL converters. ``<id:pk>`` is Django's ``<int:pk>`` bounded to the ids a database can
hold: a longer number is "not found" (404), not an overflow in SQLite (which refuses
integers past 2**63 - 1) or a query for an id that cannot exist."""

from __future__ import annotations

from django.urls import register_converter

from .inputs import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 <= number <= MAX_ID:
            raise ValueError(value)  # the pattern does not match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
