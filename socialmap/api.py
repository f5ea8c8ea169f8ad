"""The social map's part of the public API (``gastvrij/api.py``).

- ``/api/v1/hsds/services``, ``/api/v1/hsds/services/{id}``, ``/api/v1/hsds/organizations``:
  the published services and their organisations in the shape of Open Referral HSDS 3
  (paginated as its API specifies: ``total_items``, ``page_number``, ``contents``...), with the
  network's own fields under ``x_gastvrij``.
- ``/api/v1/services?near=<postcode>&domain=<life domain>&language=<code>``: services covering
  the place, nearest first, with ``distance_km``.

Public data only: practice notes and contact persons are never read here. Bad input is a 400
with a translated ``{"detail", "errors"}`` (core/api_errors.py).
"""

from __future__ import annotations

import math

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from core.api_docs import POSTCODE_PATTERN, documented, one_of
from places.services import PlaceError, find_postcode
from toolkit.models import LIFE_DOMAINS

from . import finder
from .models import LANGUAGES, Organization, Service

router = Router(tags=["social map"])
PAGE_SIZE = 50
MAX_SERVICES = 100


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class AreaOut(Schema):
    name: str
    nis_code: str


class LocationOut(Schema):
    name: str
    address_1: str
    postal_code: str
    city: str
    nis_code: str
    latitude: float | None
    longitude: float | None


class ExtraOut(Schema):
    life_domains: list[str]
    no_papers_needed: bool
    anonymous_access: bool
    referral_needed: bool
    appointment: str
    wheelchair_accessible: bool
    is_demo: bool


class HsdsOrganization(Schema):
    id: str
    name: str
    description: str
    website: str
    email: str


class HsdsService(Schema):
    id: str
    organization_id: str
    organization: HsdsOrganization
    name: str
    description: str
    url: str
    email: str
    status: str
    eligibility_description: str
    fees_description: str
    alert: str
    assured_date: str | None
    last_modified: str
    languages: list[dict]
    phones: list[dict]
    schedules: list[dict]
    service_areas: list[AreaOut]
    location: LocationOut | None
    x_gastvrij: ExtraOut


class HsdsServicePage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[HsdsService]


class HsdsOrganizationPage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[HsdsOrganization]


class NearOut(Schema):
    id: int
    name: str
    organization: str
    url: str
    municipality: str | None
    life_domains: list[str]
    languages: list[str]
    no_papers_needed: bool
    anonymous_access: bool
    notice: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None


class PageParams(Schema):
    page: int = documented(1, minimum=1)


class NearParams(Schema):
    near: str = documented(
        "", description="A Belgian postcode: services covering it, nearest first.", pattern=f"({POSTCODE_PATTERN})|^$"
    )
    domain: str = documented("", description="A life domain.", enum=one_of(LIFE_DOMAINS))
    language: str = documented("", description="A language the service speaks (ISO 639-1).", enum=one_of(LANGUAGES))
    q: str = documented("", description="Words describing the need.", maxLength=200)
    limit: int = documented(20, minimum=1, maximum=MAX_SERVICES)


def _bad(field: str, message: str):
    return Status(400, {"detail": message, "errors": {field: [message]}})


def _service_out(s: Service, request: HttpRequest) -> dict:
    loc = s.location
    return {
        "id": str(s.pk),
        "organization_id": str(s.organization_id),
        "organization": _organization_out(s.organization),
        "name": s.name,
        "description": s.description,
        "url": s.website,
        "email": s.email,
        "status": "active",
        "eligibility_description": s.welcome_text,
        "fees_description": str(s.get_cost_display()) if s.cost else "",
        "alert": s.notice,
        "assured_date": s.verified_at.date().isoformat() if s.verified_at else None,
        "last_modified": s.updated_at.isoformat(),
        "languages": [{"code": c, "name": str(LANGUAGES.get(c, c))} for c in s.language_codes],
        "phones": [{"number": s.phone}] if s.phone else [],
        "schedules": [{"description": s.hours}] if s.hours else [],
        "service_areas": [{"name": m.name, "nis_code": m.nis_code} for m in s.areas.all()],
        "location": {
            "name": loc.name,
            "address_1": loc.address,
            "postal_code": loc.postcode,
            "city": loc.municipality.name,
            "nis_code": loc.municipality.nis_code,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
        }
        if loc
        else None,
        "x_gastvrij": {
            "life_domains": s.domain_codes,
            "no_papers_needed": s.no_papers_needed,
            "anonymous_access": s.anonymous_access,
            "referral_needed": s.referral_needed,
            "appointment": s.appointment,
            "wheelchair_accessible": s.wheelchair,
            "is_demo": s.is_demo,
        },
    }


def _organization_out(o: Organization) -> dict:
    return {"id": str(o.pk), "name": o.name, "description": o.description, "website": o.website, "email": o.email}


def _paged(qs, page: int, build):
    total = qs.count()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page < 1 or page > pages:
        return _bad("page", _("There is no page with this number."))
    rows = qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": PAGE_SIZE,
        "first_page": page == 1,
        "last_page": page == pages,
        "empty": total == 0,
        "contents": [build(r) for r in rows],
    }


def _published():
    return (
        Service.objects.published()
        .select_related("organization", "location__municipality")
        .prefetch_related("areas")
        .defer("search_vector", "link_hash", "link_expires_at")
    )


@router.get(
    "/hsds/services", response={200: HsdsServicePage, 400: ErrorOut}, summary="Services of the social map (HSDS 3)"
)
def hsds_services(request: HttpRequest, params: Query[PageParams]):
    return _paged(_published().order_by("pk"), params.page, lambda s: _service_out(s, request))


@router.get("/hsds/services/{id}", response={200: HsdsService, 404: ErrorOut}, summary="One service (HSDS 3)")
def hsds_service(request: HttpRequest, id: str):
    service = _published().filter(pk=int(id)).first() if id.isascii() and id.isdigit() and len(id) < 12 else None
    if service is None:
        return Status(404, {"detail": _("Not found.")})
    return _service_out(service, request)


@router.get(
    "/hsds/organizations",
    response={200: HsdsOrganizationPage, 400: ErrorOut},
    summary="Organisations with a published service (HSDS 3)",
)
def hsds_organizations(request: HttpRequest, params: Query[PageParams]):
    qs = Organization.objects.filter(pk__in=Service.objects.published().values("organization_id")).order_by("pk")
    return _paged(
        qs,
        params.page,
        lambda o: {
            "id": str(o.pk),
            "name": o.name,
            "description": o.description,
            "website": o.website,
            "email": o.email,
        },
    )


@router.get(
    "/services", response={200: list[NearOut], 400: ErrorOut}, summary="Services by need and place, nearest first"
)
def services_near(request: HttpRequest, params: Query[NearParams]):
    if params.domain and params.domain not in LIFE_DOMAINS:
        return _bad("domain", _("Choose one of: %(choices)s.") % {"choices": ", ".join(LIFE_DOMAINS)})
    if params.language and params.language not in LANGUAGES:
        return _bad("language", _("Choose one of: %(choices)s.") % {"choices": ", ".join(LANGUAGES)})
    if not 1 <= params.limit <= MAX_SERVICES:
        return _bad("limit", _("The limit must be between 1 and %(max)s.") % {"max": MAX_SERVICES})
    if len(params.q) > 200:
        return _bad("q", _("Use at most %(limit)s characters.") % {"limit": 200})
    near = None
    if params.near.strip():
        try:
            near = find_postcode(params.near)
        except PlaceError as exc:
            return _bad("near", str(exc))
    criteria = finder.Criteria(q=params.q, domain=params.domain, near=near, language=params.language)
    try:
        result = finder.find(criteria)
    except finder.search.QueryError as exc:
        return _bad("q", str(exc))
    shown = finder.with_distances(finder.load(result.ids[: params.limit]), criteria.point)
    return [
        {
            "id": s.pk,
            "name": s.name,
            "organization": s.organization.name,
            "url": request.build_absolute_uri(s.get_absolute_url()),
            "municipality": s.location.municipality.name if s.location else None,
            "life_domains": s.domain_codes,
            "languages": s.language_codes,
            "no_papers_needed": s.no_papers_needed,
            "anonymous_access": s.anonymous_access,
            "notice": s.notice,
            "latitude": s.latitude,
            "longitude": s.longitude,
            "distance_km": s.distance_km,  # type: ignore[attr-defined]
        }
        for s in shown
    ]
