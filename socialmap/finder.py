"""Find help: published services by need (life domain, words) and place (postcode: only
services whose area covers that municipality, nearest first), language and who is welcome.
Used by the pages and the API alike. Only public data is read: the index holds no notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from places.models import PostalCode
from places.services import Point, distance_km, order_by_distance

from . import search
from .models import Service

CARD_COLUMNS = (
    "name",
    "description",
    "domains",
    "languages",
    "no_papers_needed",
    "anonymous_access",
    "notice",
    "verified_at",
    "latitude",
    "longitude",
    "status",
    "organization__name",
    "location__municipality__name_nl",
    "location__municipality__name_fr",
)


@dataclass
class Criteria:
    q: str = ""
    domain: str = ""
    near: PostalCode | None = None
    language: str = ""
    welcome: list[str] = field(default_factory=list)

    @property
    def point(self) -> Point | None:
        if self.near is None or self.near.latitude is None:
            return None
        return Point(self.near.latitude, self.near.longitude, f"{self.near.code} {self.near.municipality.name}")  # type: ignore[arg-type]


MAX_RESULTS = search.MAX_RESULTS  # the best (or nearest) this many; pages show a window of them


@dataclass
class Result:
    ids: list[int]  # best first (by rank, or nearest first with a place, or by name)
    partial: bool = False
    corrected: list[tuple[str, str]] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        """More services meet the criteria than are listed."""
        return len(self.ids) >= MAX_RESULTS


def filtered(criteria: Criteria):
    """The published services that meet the criteria other than the words."""
    qs = Service.objects.published()
    if criteria.domain:
        qs = qs.domain(criteria.domain)
    if criteria.language:
        qs = qs.language(criteria.language)
    if "no_papers" in criteria.welcome:
        qs = qs.filter(no_papers_needed=True)
    if "anonymous" in criteria.welcome:
        qs = qs.filter(anonymous_access=True)
    if criteria.near is not None:
        qs = qs.covering(criteria.near.municipality_id)
    return qs


def find(criteria: Criteria) -> Result:
    """The ids of the services matching, best first: with words, the best matches (ranked,
    or nearest first with a place); without, nearest first (with a place) or by name. One
    query (two with words); the rows shown are loaded with ``load``. Raises
    search.QueryError for words we cannot search for."""
    qs = filtered(criteria)
    point = criteria.point
    if not criteria.q.strip():
        ordered = order_by_distance(qs, point) if point else qs.order_by("name", "pk")
        return Result(list(ordered.values_list("pk", flat=True)[:MAX_RESULTS]))
    ids, found = search.find(criteria.q, qs, limit=MAX_RESULTS)
    if point and ids:
        ids = list(order_by_distance(Service.objects.filter(pk__in=ids), point).values_list("pk", flat=True))
    return Result(ids, partial=found.mode == "any", corrected=list(found.query.corrected))


def load(ids) -> list[Service]:
    """The services of these ids, in this order, with what a result shows."""
    ids = list(ids)
    rows = Service.objects.filter(pk__in=ids).select_related("organization", "location__municipality")
    by_id = {s.pk: s for s in rows.only(*CARD_COLUMNS)}
    return [by_id[pk] for pk in ids if pk in by_id]


def with_distances(services, point: Point | None) -> list[Service]:
    """The services of one page, each with ``distance_km`` (None without a place)."""
    services = list(services)
    for service in services:
        service.distance_km = distance_km(service, point) if point else None  # type: ignore[attr-defined]
    return services
