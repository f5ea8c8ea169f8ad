"""What the API's parameters accept, written into the OpenAPI description.

The handlers check their parameters themselves (so the messages are the platform's own,
translated); these helpers only *document* those checks in ``/api/v1/openapi.json``
(pattern, range, enumeration, length), so a client and a schema-driven test know the
rules without reading the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field

# A Belgian postcode as the API reads it: four digits, optionally after "B-".
POSTCODE_PATTERN = r"^\s*(?:[Bb]-?)?\s*[0-9]{4}\s*$"


def documented(default: Any = ..., *, description: str = "", **schema: Any) -> Any:
    """A pydantic field whose JSON schema carries ``schema`` (pattern, minimum, maximum,
    maxLength, enum), without pydantic enforcing it a second time."""
    return Field(default, description=description or None, json_schema_extra=schema)


def one_of(values: Iterable[str], *, empty: bool = True) -> list[str]:
    """The values of an enumeration, with "" (no filter) first when the parameter may be empty."""
    return ([""] if empty else []) + list(values)
