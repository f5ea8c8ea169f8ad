"""Numbers and text typed by people, read one way everywhere (docs/decisions/0017-bad-input.md).

- Where a number or a postcode is expected, every Unicode decimal digit counts as its ASCII
  digit: Arabic-Indic "٢٨٠٠", Persian "۲۸۰۰" and full-width "２８００" are read as 2800. Any
  other character, such as the superscript "²" that ``str.isdigit()`` accepts and ``int()``
  does not, is refused.
- A number read from a query string or a form is bounded, so it never overflows a database
  column (SQLite refuses integers above 2**63 - 1, PostgreSQL's ``integer`` stops at 2**31 - 1).
- Text longer than any column is cut short before it reaches a ``LIKE`` (SQLite refuses
  patterns over 50,000 bytes).
"""

from __future__ import annotations

import re
import unicodedata

# The largest id a URL or a form may name: PostgreSQL's bigint and SQLite's INTEGER.
MAX_ID = 2**63 - 1
# A page number, a count: more than enough, far from any overflow.
MAX_PAGE = 100_000

_ASCII_NUMBER = re.compile(r"[0-9]{1,19}")


def ascii_digits(value: str) -> str:
    """``value`` with every Unicode decimal digit replaced by its ASCII digit; any other
    character is kept as it is (so a caller can still refuse it)."""
    if value.isascii():
        return value
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in value)


def parse_int(value: object, *, minimum: int = 1, maximum: int = MAX_ID, default: int | None = None) -> int | None:
    """The whole number a person typed, or ``default`` when it is not one or is out of range.

    Digits only (any script's decimal digits, read as ASCII), surrounding spaces allowed;
    no sign, no "_", no superscripts, no fractions."""
    if value is None:
        return default
    text = ascii_digits(str(value).strip())
    if not _ASCII_NUMBER.fullmatch(text):
        return default
    number = int(text)
    return number if minimum <= number <= maximum else default


def parse_id(value: object) -> int | None:
    """A database id from a query string or a hidden field, or None."""
    return parse_int(value, minimum=1, maximum=MAX_ID)


def parse_page(value: object) -> int:
    """A page number from ``?page=``; 1 when missing or not a page number."""
    return parse_int(value, minimum=1, maximum=MAX_PAGE, default=1) or 1


def bounded(value: str, limit: int) -> str:
    """At most ``limit`` characters of ``value``: for look-ups (``iexact``, ``icontains``)
    of text longer than any stored value, which then simply finds nothing."""
    return value[: limit + 1]
