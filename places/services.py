"""Postcode look-ups and distances."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.db.models import F, FloatField, Func, QuerySet
from django.utils.translation import gettext as _

from core.inputs import ascii_digits

from .models import Municipality, PostalCode

POSTCODE_RE = re.compile(r"^\s*(?:B-?)?\s*([0-9]{4})\s*$", re.IGNORECASE)
EARTH_RADIUS_KM = 6371.0088
# The longest name a municipality can have (its column): a longer value is unknown without
# asking the database, and never reaches SQLite's limit on LIKE patterns.
MAX_PLACE_NAME = 120


def match_postcode(raw: str | None) -> str | None:
    """The four digits of a Belgian postcode as typed ("2800", "B-2800", " ٢٨٠٠ "), or None.
    Decimal digits of any script count as their ASCII digit (core/inputs.py)."""
    if not raw or len(raw) > 20:
        return None
    match = POSTCODE_RE.match(ascii_digits(raw))
    return match.group(1) if match else None


class PlaceError(ValueError):
    """A postcode or municipality the user gave that we cannot use; the message is translated."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str


def find_postcode(raw: str) -> PostalCode:
    """A Belgian postcode with coordinates (and its municipality), or PlaceError with a message."""
    code = match_postcode(raw)
    if code is None:
        raise PlaceError(_("“%(value)s” is not a Belgian postcode: use four digits, such as 2800.") % {"value": raw})
    postcode = PostalCode.objects.filter(code=code, latitude__isnull=False).select_related("municipality").first()
    if postcode is None:
        raise PlaceError(_("We do not know the postcode %(code)s. Please check it.") % {"code": code})
    return postcode


# Postcodes are reference data, loaded by a migration (places/loader.py) and never edited by
# the platform: the ones asked for are kept in the process (about 1,200 exist in Belgium).
_LOCATED: dict[str, PostalCode] = {}


def locate_postcode(raw: str) -> Point:
    """The coordinates of a Belgian postcode, or PlaceError with a message for the user."""
    code = match_postcode(raw)
    postcode = _LOCATED.get(code) if code else None
    if postcode is None:
        postcode = find_postcode(raw)
        if len(_LOCATED) < 5000:
            _LOCATED[postcode.code] = postcode
    # The label in the language of the moment (the municipality's name follows it).
    return Point(postcode.latitude, postcode.longitude, f"{postcode.code} {postcode.municipality.name}")  # type: ignore[arg-type]


def find_municipality(raw: str) -> Municipality:
    """A municipality by NIS code or by its Dutch or French name (case-insensitive)."""
    value = (raw or "").strip()
    if not value:
        raise PlaceError(_("Please give a municipality."))
    if len(value) > MAX_PLACE_NAME:
        raise PlaceError(_("We do not know the municipality “%(value)s”.") % {"value": value[:40] + "…"})
    qs = Municipality.objects.select_related("province", "region")
    digits = ascii_digits(value)
    found = qs.filter(nis_code=digits).first() if re.fullmatch(r"[0-9]{5}", digits) else None
    found = found or qs.filter(name_nl__iexact=value).first() or qs.filter(name_fr__iexact=value).first()
    if found is None:
        raise PlaceError(_("We do not know the municipality “%(value)s”.") % {"value": value})
    return found


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class DistanceSq(Func):
    """The squared equirectangular distance (in degrees of latitude) of a row's ``latitude`` and
    ``longitude`` to a point: ``(lat - p)² + ((lon - q)·cos p)²``, NULL without coordinates.

    One SQL template over two column references: Django resolves two ``F()`` instead of a
    tree of a dozen combined expressions, which cost more CPU than the query itself on the
    nearest-first directory (docs/benchmarks.md, issue 10)."""

    output_field = FloatField()

    def __init__(self, point: Point) -> None:
        super().__init__(F("latitude"), F("longitude"))
        self.point = point

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]
        lat_sql, lat_params = compiler.compile(self.source_expressions[0])
        lon_sql, lon_params = compiler.compile(self.source_expressions[1])
        k2 = math.cos(math.radians(self.point.latitude)) ** 2
        lat, lon = float(self.point.latitude), float(self.point.longitude)
        sql = f"(({lat_sql} - %s) * ({lat_sql} - %s) + ({lon_sql} - %s) * ({lon_sql} - %s) * %s)"
        return sql, (*lat_params, lat, *lat_params, lat, *lon_params, lon, *lon_params, lon, k2)


def order_by_distance(qs: QuerySet, point: Point, *, then: str = "name") -> QuerySet:
    """Order rows with ``latitude``/``longitude`` by distance to ``point``, nearest first.

    Uses plain arithmetic (an equirectangular projection), so it runs in SQL on
    SQLite and PostgreSQL alike; at Belgian distances it orders exactly as the
    great-circle distance does. Rows without coordinates come last.
    """
    return qs.annotate(distance_sq=DistanceSq(point)).order_by(F("distance_sq").asc(nulls_last=True), then)


def distance_km(obj: object, point: Point) -> float | None:
    lat, lon = getattr(obj, "latitude", None), getattr(obj, "longitude", None)
    if lat is None or lon is None:
        return None
    return round(haversine_km(point.latitude, point.longitude, lat, lon), 1)
