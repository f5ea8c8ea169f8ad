"""Invisible characters in text people type (docs/decisions/0017-bad-input.md).

Bidirectional controls (right-to-left override U+202E and its kin) and zero-width characters
can make a name read differently from what is stored ("evil.exe" shown as "exe.live"), or
make two addresses look the same. They are removed where they are never legitimate (names,
e-mail addresses), and user text is shown isolated (``<bdi>``, see core/templatetags/text.py)
so what one person typed never reorders the page around it.

The zero-width joiner and non-joiner (U+200D, U+200C) stay in names: Persian and Indic names
and emoji sequences need them. E-mail addresses keep nothing invisible.
"""

from __future__ import annotations

import re

# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI), the marks
# (LRM RLM ALM), zero-width space, word joiner, invisible operators, the byte-order mark
# and the Mongolian vowel separator.
_NEVER_IN_NAMES = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u180e"
_JOINERS = "\u200c\u200d"

_INVISIBLE_IN_NAMES = re.compile(f"[{_NEVER_IN_NAMES}]")
_INVISIBLE_ANYWHERE = re.compile(f"[{_NEVER_IN_NAMES}{_JOINERS}]")


def clean_name(value: str) -> str:
    """A person's or a group's name without the invisible controls that are never part of
    a name, and without surrounding spaces."""
    return _INVISIBLE_IN_NAMES.sub("", value or "").strip()


def clean_email(value: str) -> str:
    """An e-mail address without any invisible character, trimmed."""
    return _INVISIBLE_ANYWHERE.sub("", value or "").strip()


def has_invisible(value: str) -> bool:
    return bool(_INVISIBLE_ANYWHERE.search(value or ""))
