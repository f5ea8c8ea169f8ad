"""The public directory of member groups: filters, nearest first, pages with distances."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import get_language, gettext

from places.models import Municipality, bilingual, short_province_name
from places.services import Point, distance_km, haversine_km, order_by_distance

from ..models import ACTIVITY_LABELS, Organisation


@dataclass
class DirectoryFilters:
    q: str = ""
    activities: tuple[str, ...] = ()
    province: str = ""
    municipality: Municipality | None = None
    near: Point | None = None


def directory(filters: DirectoryFilters, *, base: QuerySet | None = None) -> QuerySet:
    """Member groups matching the filters, nearest first when a point is given.

    The queryset prefetches what the list shows, so the number of queries
    does not grow with the number of groups.
    """
    qs = (
        (base if base is not None else Organisation.objects.members())
        .select_related("municipality__province")
        .prefetch_related("activities")
    )
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q)
            | Q(municipality__name_nl__icontains=filters.q)
            | Q(municipality__name_fr__icontains=filters.q)
        )
    if filters.activities:
        qs = qs.filter(activities__code__in=filters.activities).distinct()
    if filters.province == "brussels":
        qs = qs.filter(municipality__province__isnull=True)
    elif filters.province:
        qs = qs.filter(municipality__province__nis_code=filters.province)
    if filters.municipality is not None:
        m = filters.municipality
        qs = qs.filter(Q(municipality=m) | Q(area_served=m)).distinct()
    if filters.near is not None:
        return order_by_distance(qs, filters.near)
    return qs.order_by("name")


def with_distances(organisations, point: Point | None) -> list:
    """Attach ``distance_km`` to each group of a page (great-circle, rounded to 0.1 km)."""
    items = list(organisations)
    for org in items:
        org.distance_km = distance_km(org, point) if point else None
    return items


def nearest(
    point: Point,
    limit: int,
    *,
    base: QuerySet | None = None,
    columns: tuple[str, ...] = (),
    prefetch: bool = True,
) -> list[Organisation]:
    """The ``limit`` groups of ``base`` (default: all members) nearest to ``point``, with ``distance_km``.

    Looks in a small box around the point first (an indexed range scan) and widens
    it only when the box cannot hold the answer, so the usual case never sorts
    every group. A box of half-width r degrees of latitude contains every group
    within r; the answer is exact once the farthest group found lies within r.
    """
    base = (base if base is not None else Organisation.objects.members()).order_by()
    k = math.cos(math.radians(point.latitude))
    ranked: list[tuple[int, float]] = []
    for radius in (0.2, 0.6, None):
        qs = base
        if radius is not None:
            qs = qs.filter(
                latitude__range=(point.latitude - radius, point.latitude + radius),
                longitude__range=(point.longitude - radius / k, point.longitude + radius / k),
            )
        ranked = list(order_by_distance(qs, point).values_list("pk", "distance_sq")[:limit])
        if radius is None or (len(ranked) == limit and math.sqrt(ranked[-1][1]) <= radius):
            break
    rows = Organisation.objects.select_related("municipality__province")
    if prefetch:
        rows = rows.prefetch_related("activities")
    by_pk = (rows.only(*columns) if columns else rows).in_bulk([pk for pk, _d in ranked])
    return with_distances([by_pk[pk] for pk, _d in ranked], point)


# Belgium's area in squared degrees of latitude (30,700 km² / 111.2² km²): with the number of
# groups it sizes the first box of a nearest-first page.
BELGIUM_SQ_DEGREES = 2.5


def first_radius(total: int, wanted: int) -> float:
    """Half-width (degrees of latitude) of a box that would hold about four times ``wanted``
    of ``total`` groups spread evenly over Belgium; between 0.05 (5.5 km) and 1.0."""
    if total <= 0:
        return 1.0
    return min(1.0, max(0.05, math.sqrt(4 * wanted * BELGIUM_SQ_DEGREES / total) / 2))


def _nearest_slice(ordered: QuerySet, point: Point, start: int, end: int, total: int, *, distance_sq) -> list:
    """Rows ``start:end`` of ``ordered`` (already nearest first, ``total`` rows) in one query in
    the usual case: the page's rows are read straight from a box around the point (an indexed
    range scan), sized for the number of groups and widened only when it cannot hold the page.
    The answer is exact once the box holds ``end`` groups and the page's farthest
    (``distance_sq(row)``) lies within the box's half-width (every group outside it is
    farther), as in ``nearest``."""
    k = math.cos(math.radians(point.latitude))
    first = first_radius(total, end)
    rows: list = []
    for radius in (first, first * 3, None):
        qs = ordered
        if radius is not None:
            qs = qs.filter(
                latitude__range=(point.latitude - radius, point.latitude + radius),
                longitude__range=(point.longitude - radius / k, point.longitude + radius / k),
            )
        rows = list(qs[start:end])
        if radius is None or (len(rows) == end - start and math.sqrt(distance_sq(rows[-1])) <= radius):
            break
    return rows


@dataclass
class Card:
    """What a card of the directory (the web page) shows of a group: plain values read with
    ``values_list`` and the place names in the page's language, without model instances."""

    pk: int
    name: str
    slug: str
    latitude: float | None
    longitude: float | None
    municipality_name: str
    province_name: str  # short ("Antwerpen"); empty in Brussels
    url: str = ""
    distance_km: float | None = None
    distance_text: str = ""
    activity_labels: list[str] = field(default_factory=list)


CARD_FIELDS = (
    "pk",
    "name",
    "slug",
    "latitude",
    "longitude",
    "municipality__name_nl",
    "municipality__name_fr",
    "municipality__province__name_nl",
    "municipality__province__name_fr",
)


def directory_page(
    filters: DirectoryFilters, number, per_page: int, *, strict: bool = False, cards: bool = False
) -> tuple[Page, list]:
    """One page of the directory with distances; ``strict`` raises for a bad page number
    (the API) instead of giving the nearest valid page (the web page). With ``cards``, the
    page's groups are ``Card`` s (the web page's cards), else ``Organisation`` s (the API)."""
    # Counted (and, without a point, paged) by name: the count needs no distance.
    listing = directory(replace(filters, near=None))
    if cards:  # plain rows; the activities are attached below in one query
        listing = listing.prefetch_related(None)
    paginator = Paginator(listing, per_page)  # counts the groups alone (no join)
    page = paginator.page(number) if strict else paginator.get_page(number)
    near = filters.near if paginator.count else None
    if not cards:
        if near is None:
            return page, with_distances(page.object_list, None)
        ordered = order_by_distance(listing, near)
        rows = _nearest_slice(
            ordered, near, page.start_index() - 1, page.end_index(), paginator.count, distance_sq=_distance_sq_of
        )
        return page, with_distances(rows, near)
    if not paginator.count:
        return page, []
    if near is None:  # the page's rows as plain values (the page's own rows are never read)
        rows = list(listing.values_list(*CARD_FIELDS)[page.start_index() - 1 : page.end_index()])
    else:
        ordered = order_by_distance(listing, near).values_list(*CARD_FIELDS, "distance_sq")
        rows = _nearest_slice(
            ordered, near, page.start_index() - 1, page.end_index(), paginator.count, distance_sq=_last
        )
    return page, _cards(rows, near)


def _distance_sq_of(group) -> float:
    return group.distance_sq


def _last(row: tuple) -> float:
    return row[-1]


def _cards(rows: list[tuple], near: Point | None) -> list[Card]:
    """The page's cards: names in the page's language, address, distance, and the activities
    (in the activities' order) from one query for the whole page. One reversal, one language
    look-up and one translation of each sentence for the page, not one per card."""
    language = get_language()
    url = reverse("organisations:detail", args=["__slug__"])
    away = gettext("%(km)s km away")
    cards = []
    for pk, name, slug, lat, lon, m_nl, m_fr, p_nl, p_fr, *_distance in rows:
        card = Card(
            pk=pk,
            name=name,
            slug=slug,
            latitude=lat,
            longitude=lon,
            municipality_name=bilingual(m_nl, m_fr, language),
            province_name=short_province_name(bilingual(p_nl, p_fr, language)) if p_nl else "",
            url=url.replace("__slug__", slug),
        )
        if near is not None and lat is not None and lon is not None:
            card.distance_km = round(haversine_km(near.latitude, near.longitude, lat, lon), 1)
            card.distance_text = away % {"km": localize(card.distance_km)}
        cards.append(card)
    through = Organisation.activities.through
    activities = (
        through.objects.filter(organisation_id__in=[c.pk for c in cards])
        .order_by("activity__position", "activity__code")
        .values_list("organisation_id", "activity__code")
    )
    by_pk = {c.pk: c for c in cards}
    names: dict[str, str] = {}  # each activity translated once for the page
    for organisation_id, code in activities:
        label = names.get(code)
        if label is None:
            label = names[code] = str(ACTIVITY_LABELS.get(code, code))
        by_pk[organisation_id].activity_labels.append(label)
    return cards
