"""Matching a would-be volunteer with groups and open vacancies.

The score (0–100) adds three parts, each with the reason shown to the person:
- distance: 40 points at the same place, falling to 0 at ``RADIUS_KM``;
- activities: 40 points times the share of the person's wished activities the group does
  (a vacancy: 40 when its activity is one of them); 20 for everyone when they chose none;
- languages: 20 points when the group or vacancy asks for a language the person speaks.

Candidates come from an in-memory grid of every member group and open vacancy, built once
per process and rebuilt when a group or vacancy changes (a version number in the cache),
so a match reads about 50 grid cells instead of the database. Groups ask for the languages
of their open vacancies.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import ACTIVITY_LABELS, Organisation
from organisations.services import DIRECTORY_VERSION_KEY
from places.services import Point

from .languages import language_label
from .models import Vacancy

RADIUS_KM = 25.0
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
    activities: frozenset[str]
    languages: frozenset[str]


@dataclass
class Match:
    candidate: Candidate
    score: int
    distance_km: float
    activities: list[str]
    languages: list[str]
    obj: Any = None  # the Organisation or Vacancy, loaded for the shown matches only

    @property
    def reasons(self) -> list[str]:
        reasons = [_distance_reason(self.distance_km)]
        if self.activities:
            labels = ", ".join(str(ACTIVITY_LABELS.get(code, code)).lower() for code in self.activities)
            reasons.append(_("does %(activities)s") % {"activities": labels})
        if self.languages:
            names = ", ".join(language_label(code) for code in self.languages)
            reasons.append(_("asks for %(languages)s speakers") % {"languages": names})
        return reasons


@dataclass
class Result:
    groups: list[Match] = field(default_factory=list)
    vacancies: list[Match] = field(default_factory=list)
    radius_km: float = RADIUS_KM


def _distance_reason(km: float) -> str:
    if km < 1:
        return _("less than 1 km away")
    rounded = round(km)
    return ngettext("%(km)d km away", "%(km)d km away", rounded) % {"km": rounded}


# ---------------------------------------------------------------- the index


class _Index:
    def __init__(self, candidates: list[Candidate]) -> None:
        self.size = len(candidates)
        self.cells: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        for c in candidates:
            self.cells[_cell(c.latitude, c.longitude)].append(c)

    def near(self, point: Point, radius_km: float) -> list[tuple[Candidate, float]]:
        ci, cj = _cell(point.latitude, point.longitude)
        di = math.ceil(radius_km / (CELL_LAT * 111.2))
        dj = math.ceil(radius_km / (CELL_LON * 111.2 * math.cos(math.radians(point.latitude))))
        lat1, lon1 = math.radians(point.latitude), math.radians(point.longitude)
        cos_lat1 = math.cos(lat1)
        found = []
        cells = self.cells
        for i in range(ci - di, ci + di + 1):
            for j in range(cj - dj, cj + dj + 1):
                for c in cells.get((i, j), ()):
                    lat2 = math.radians(c.latitude)
                    dp, dl = lat2 - lat1, math.radians(c.longitude) - lon1
                    a = math.sin(dp / 2) ** 2 + cos_lat1 * math.cos(lat2) * math.sin(dl / 2) ** 2
                    km = 12742.0176 * math.asin(math.sqrt(a))
                    if km <= radius_km:
                        found.append((c, km))
        return found


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON))


def _build() -> _Index:
    group_activities: dict[int, set[str]] = defaultdict(set)
    through = Organisation.activities.through
    for org_id, code in through.objects.filter(organisation__status="member").values_list(
        "organisation_id", "activity__code"
    ):
        group_activities[org_id].add(code)
    group_languages: dict[int, set[str]] = defaultdict(set)
    candidates = []
    for pk, org_id, lat, lon, code, languages in (
        Vacancy.objects.open()
        .filter(latitude__isnull=False)
        .values_list("pk", "organisation_id", "latitude", "longitude", "activity__code", "languages")
    ):
        langs = frozenset(languages or ())
        group_languages[org_id].update(langs)
        candidates.append(
            Candidate("vacancy", pk, org_id, lat or 0.0, lon or 0.0, frozenset([code] if code else []), langs)
        )
    for pk, lat, lon in (
        Organisation.objects.members().filter(latitude__isnull=False).values_list("pk", "latitude", "longitude")
    ):
        candidates.append(
            Candidate(
                "group", pk, pk, lat or 0.0, lon or 0.0, frozenset(group_activities[pk]), frozenset(group_languages[pk])
            )
        )
    return _Index(candidates)


_cached: tuple[tuple[object, object], _Index] | None = None


def _version() -> tuple[object, object]:
    own = cache.get_or_set(VERSION_KEY, time.time_ns(), None)
    groups = cache.get_or_set(DIRECTORY_VERSION_KEY, time.time_ns(), None)
    return (own, groups)


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


def _score(c: Candidate, km: float, radius: float, wanted: frozenset[str], speaks: frozenset[str]) -> Match:
    points = DISTANCE_POINTS * max(0.0, 1 - km / radius)
    common = sorted(c.activities & wanted)
    if not wanted:
        points += ACTIVITY_POINTS / 2
    elif c.kind == "group":
        points += ACTIVITY_POINTS * len(common) / len(wanted)
    elif common:
        points += ACTIVITY_POINTS
    languages = sorted(c.languages & speaks)
    if languages:
        points += LANGUAGE_POINTS
    return Match(c, round(points), round(km, 1), common, languages)


def match(
    point: Point, *, activities: list[str] | None = None, languages: list[str] | None = None, limit: int = 10
) -> Result:
    """The best ``limit`` groups and vacancies for a person at ``point``, best first (ties:
    nearest first). Only the shown matches get their objects loaded (two queries)."""
    wanted, speaks = frozenset(activities or ()), frozenset(languages or ())
    idx = index()
    radius = RADIUS_KM
    near = idx.near(point, radius)
    if sum(1 for c, _km in near if c.kind == "group") < MIN_GROUPS:
        radius = WIDE_RADIUS_KM
        near = idx.near(point, radius)
    scored = [_score(c, km, radius, wanted, speaks) for c, km in near]
    scored.sort(key=lambda m: (-m.score, m.distance_km, m.candidate.pk))
    result = Result(radius_km=radius)
    result.groups = [m for m in scored if m.candidate.kind == "group"][:limit]
    result.vacancies = [m for m in scored if m.candidate.kind == "vacancy"][:limit]
    _load(result)
    return result


def _load(result: Result) -> None:
    groups = Organisation.objects.select_related("municipality").in_bulk([m.candidate.pk for m in result.groups])
    vacancies = Vacancy.objects.select_related("organisation", "activity", "municipality").in_bulk(
        [m.candidate.pk for m in result.vacancies]
    )
    for m in result.groups:
        m.obj = groups.get(m.candidate.pk)
    for m in result.vacancies:
        m.obj = vacancies.get(m.candidate.pk)
    # A row deleted since the index was built is dropped rather than shown half.
    result.groups = [m for m in result.groups if m.obj is not None]
    result.vacancies = [m for m in result.vacancies if m.obj is not None]
