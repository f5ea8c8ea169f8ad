"""Matching a would-be volunteer with groups and open vacancies.

The score (0–100) adds three parts, each with the reason shown to the person:
- distance: 40 points at the same place, halved at ``HALF_DISTANCE_KM`` (10 km: 20 points,
  30 km: 10 points), so nearby counts most and no distance is ever worth nothing;
- activities: 40 points times the share of the person's wished activities the group does
  (its own activities and those of its open vacancies; a vacancy: 40 when its activity is
  one of them); 20 for everyone when they chose none;
- languages: 20 points when the group or vacancy asks for a language the person speaks.

Candidates come from an in-memory grid of every member group and open vacancy, built once
per process and rebuilt when a group or vacancy changes (a version number in the cache)
or the day changes (so a vacancy past its end date drops out without any write),
so a match reads about 50 grid cells instead of the database. Groups ask for the languages
of their open vacancies.
"""

from __future__ import annotations

import heapq
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import ACTIVITY_LABELS, Organisation
from organisations.services.figures import DIRECTORY_VERSION_KEY
from places.services import Point

from .languages import language_label
from .models import Vacancy

RADIUS_KM = 25.0
HALF_DISTANCE_KM = 10.0
WIDE_RADIUS_KM = 100.0  # used when fewer than MIN_GROUPS groups lie within RADIUS_KM
MIN_GROUPS = 3
CELL_LAT = 0.1  # degrees: about 11 km
CELL_LON = 0.15  # degrees: about 10.5 km at Belgium's latitude
VERSION_KEY = "volunteers:match-version"

DISTANCE_POINTS, ACTIVITY_POINTS, LANGUAGE_POINTS = 40, 40, 20


@dataclass(frozen=True)
class Candidate:
    kind: str  # "group" or "vacancy"
    pk: int
    organisation_id: int
    latitude: float
    longitude: float
    activities: int  # bit masks over the index's activity and language codes
    languages: int


@dataclass
class Match:
    kind: str
    pk: int
    score: int
    distance_km: float
    activities: list[str]
    languages: list[str]
    obj: Any = None  # the Organisation or Vacancy, loaded for the shown matches only

    @property
    def reasons(self) -> list[str]:
        """Why it fits, in plain words: "4 km from your postcode", "does what you chose:
        Homework help", "looks for people who speak Arabic". Labels keep their capitals
        (a language's name is written as each language wants it)."""
        reasons = [_distance_reason(self.distance_km)]
        if self.activities:
            labels = ", ".join(str(ACTIVITY_LABELS.get(code, code)) for code in self.activities)
            reasons.append(_("does what you chose: %(activities)s") % {"activities": labels})
        if self.languages:
            names = _join(language_label(code) for code in self.languages)
            reasons.append(_("looks for people who speak %(languages)s") % {"languages": names})
        return reasons


@dataclass
class Result:
    groups: list[Match] = field(default_factory=list)
    vacancies: list[Match] = field(default_factory=list)
    radius_km: float = RADIUS_KM


def _distance_reason(km: float) -> str:
    if km < 1:
        return _("less than 1 km from your postcode")
    rounded = round(km)
    return ngettext("%(km)d km from your postcode", "%(km)d km from your postcode", rounded) % {"km": rounded}


def _join(names) -> str:
    """ "Arabic", "Arabic or Dari", "Arabic, Dari or Tigrinya"."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


# ---------------------------------------------------------------- the index

KM_PER_DEGREE = 111.195  # along a meridian; along a parallel times cos(latitude)


class _Index:
    """Candidates in grid cells, with activities and languages as bit masks, so scoring a
    few thousand candidates is integer arithmetic."""

    def __init__(self, candidates: list[Candidate], activity_bits: dict[str, int], language_bits: dict[str, int]):
        self.size = len(candidates)
        self.activity_bits, self.language_bits = activity_bits, language_bits
        self.cells: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        for c in candidates:
            self.cells[_cell(c.latitude, c.longitude)].append(c)

    def mask(self, bits: dict[str, int], codes) -> int:
        mask = 0
        for code in codes:
            mask |= bits.get(code, 0)
        return mask

    def codes(self, bits: dict[str, int], mask: int) -> list[str]:
        return sorted(code for code, bit in bits.items() if mask & bit)

    def near(self, point: Point, radius_km: float):
        """(candidate, km) within ``radius_km``: an equirectangular distance, which at these
        distances differs from the great circle by far less than the 1 km shown."""
        ci, cj = _cell(point.latitude, point.longitude)
        ky, kx = KM_PER_DEGREE, KM_PER_DEGREE * math.cos(math.radians(point.latitude))
        di, dj = math.ceil(radius_km / (CELL_LAT * ky)), math.ceil(radius_km / (CELL_LON * kx))
        lat0, lon0, r2 = point.latitude, point.longitude, radius_km * radius_km
        cells = self.cells
        for i in range(ci - di, ci + di + 1):
            for j in range(cj - dj, cj + dj + 1):
                for c in cells.get((i, j), ()):
                    dy, dx = (c.latitude - lat0) * ky, (c.longitude - lon0) * kx
                    d2 = dx * dx + dy * dy
                    if d2 <= r2:
                        yield c, math.sqrt(d2)


def _km(point: Point, c: Candidate) -> float:
    ky, kx = KM_PER_DEGREE, KM_PER_DEGREE * math.cos(math.radians(point.latitude))
    return math.hypot((c.latitude - point.latitude) * ky, (c.longitude - point.longitude) * kx)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON))


def _build() -> _Index:
    activity_bits: dict[str, int] = {}
    language_bits: dict[str, int] = {}

    def bit(bits: dict[str, int], code: str) -> int:
        return bits.setdefault(code, 1 << len(bits))

    group_activities: dict[int, int] = defaultdict(int)
    through = Organisation.activities.through
    for org_id, code in through.objects.filter(organisation__status="member").values_list(
        "organisation_id", "activity__code"
    ):
        group_activities[org_id] |= bit(activity_bits, code)
    group_languages: dict[int, int] = defaultdict(int)
    candidates = []
    for pk, org_id, lat, lon, code, languages in (
        Vacancy.objects.open()
        .filter(latitude__isnull=False)
        .order_by()
        .values_list("pk", "organisation_id", "latitude", "longitude", "activity__code", "languages")
    ):
        langs = 0
        for language in languages or ():
            langs |= bit(language_bits, language)
        activity = bit(activity_bits, code) if code else 0
        group_languages[org_id] |= langs
        group_activities[org_id] |= activity  # a group does what its vacancies ask for
        candidates.append(Candidate("vacancy", pk, org_id, lat or 0.0, lon or 0.0, activity, langs))
    for pk, lat, lon in (
        Organisation.objects.members().filter(latitude__isnull=False).values_list("pk", "latitude", "longitude")
    ):
        candidates.append(Candidate("group", pk, pk, lat or 0.0, lon or 0.0, group_activities[pk], group_languages[pk]))
    return _Index(candidates, activity_bits, language_bits)


_cached: tuple[tuple[object, object, object], _Index] | None = None


def _version() -> tuple[object, object, object]:
    """What the index was built from: the vacancies' and the groups' versions, and the day.
    A vacancy past its end date drops out on the next day's first match, without a write."""
    own = cache.get_or_set(VERSION_KEY, time.time_ns(), None)
    groups = cache.get_or_set(DIRECTORY_VERSION_KEY, time.time_ns(), None)
    return (own, groups, timezone.localdate())


def index() -> _Index:
    global _cached
    version = _version()
    if _cached is None or _cached[0] != version:
        _cached = (version, _build())
    return _cached[1]


def invalidate() -> None:
    """Call after any write to vacancies: the next match rebuilds the index. Bumped now (this
    request sees its own write) and again after commit (a rebuild by another process between
    the two saw the old rows)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


# ---------------------------------------------------------------- scoring


def match(
    point: Point,
    *,
    activities: list[str] | None = None,
    languages: list[str] | None = None,
    limit: int = 10,
    vacancy: int | None = None,
    group: int | None = None,
) -> Result:
    """The best ``limit`` groups and vacancies for a person at ``point``, best first (ties:
    nearest first). Only the shown matches get their objects loaded (two queries).
    ``vacancy``: an open vacancy the person came from, listed first wherever it ranks;
    ``group``: likewise a member group ("help this group" on its page)."""
    idx = index()
    wanted = idx.mask(idx.activity_bits, activities or ())
    wished = len(set(activities or ()))
    speaks = idx.mask(idx.language_bits, languages or ())
    radius = RADIUS_KM
    found = list(idx.near(point, radius))
    if sum(1 for c, _km in found if c.kind == "group") < MIN_GROUPS:
        radius = WIDE_RADIUS_KM
        found = list(idx.near(point, radius))
    for kind, pinned in (("vacancy", vacancy), ("group", group)):
        if pinned is not None and not any(c.kind == kind and c.pk == pinned for c, _km in found):
            found += [
                (c, _km(point, c)) for cell in idx.cells.values() for c in cell if c.kind == kind and c.pk == pinned
            ]
    scored: dict[str, list[tuple[int, float, int, Candidate]]] = {"group": [], "vacancy": []}
    for c, km in found:
        points = DISTANCE_POINTS * HALF_DISTANCE_KM / (HALF_DISTANCE_KM + km)
        common = c.activities & wanted
        if not wished:
            points += ACTIVITY_POINTS / 2
        elif c.kind == "group":
            points += ACTIVITY_POINTS * common.bit_count() / wished
        elif common:
            points += ACTIVITY_POINTS
        if c.languages & speaks:
            points += LANGUAGE_POINTS
        scored[c.kind].append((-round(points), km, c.pk, c))
    result = Result(radius_km=radius)
    for kind, target in (("group", result.groups), ("vacancy", result.vacancies)):
        best = heapq.nsmallest(limit, scored[kind], key=lambda row: row[:3])
        pinned = vacancy if kind == "vacancy" else group
        if pinned is not None:
            best = [row for row in scored[kind] if row[2] == pinned] + [row for row in best if row[2] != pinned]
        for neg_score, km, pk, c in best[:limit]:
            target.append(
                Match(
                    kind,
                    pk,
                    -neg_score,
                    round(km, 1),
                    idx.codes(idx.activity_bits, c.activities & wanted),
                    idx.codes(idx.language_bits, c.languages & speaks),
                )
            )
    _load(result)
    return result


def group_id(slug: str) -> int | None:
    """The member group with this slug, if any (the group a sign-up started from)."""
    return Organisation.objects.members().filter(slug=slug).values_list("pk", flat=True).first()


def _load(result: Result) -> None:
    groups = Organisation.objects.select_related("municipality").in_bulk([m.pk for m in result.groups])
    vacancies = Vacancy.objects.select_related("organisation", "activity", "municipality").in_bulk(
        [m.pk for m in result.vacancies]
    )
    for m in result.groups:
        m.obj = groups.get(m.pk)
    for m in result.vacancies:
        m.obj = vacancies.get(m.pk)
    # A row deleted since the index was built is dropped rather than shown half.
    result.groups = [m for m in result.groups if m.obj is not None]
    result.vacancies = [m for m in result.vacancies if m.obj is not None]
