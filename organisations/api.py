"""The directory's part of the public API (``gastvrij/api.py``): ``/api/v1/organisations``.

Filters are validated by the same form as the web directory, so a bad value
gets the same translated message, as a 400 with JSON ``{"detail": ..., "errors": ...}``.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import EmptyPage
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from core.api_docs import POSTCODE_PATTERN, documented
from places.services import PlaceError, locate_postcode

from . import services
from .forms import DirectoryFilterForm
from .models import ACTIVITY_LABELS, Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    name: str
    slug: str
    url: str
    legal_form: str
    municipality: str
    nis_code: str
    province: str | None
    activities: list[str]
    website: str
    email: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None = None


class OrganisationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[OrganisationOut]


class Filters(Schema):
    q: str = documented("", description="Part of a group's name or place.", maxLength=100)
    activity: list[str] = documented(
        [],
        description="Activity codes; a group matches when it does any of them.",
        items={"enum": list(ACTIVITY_LABELS)},
    )
    province: str = documented(
        "", description="A province's NIS code (10000 is Antwerp) or brussels.", pattern=r"^([0-9]{5}|brussels)?$"
    )
    municipality: str = documented("", description="A municipality's name or NIS code.", maxLength=100)
    near: str = documented(
        "", description="A postcode: nearest groups first, with their distance.", pattern=f"({POSTCODE_PATTERN})|^$"
    )
    page: int = documented(1, minimum=1)


class NearestFilters(Schema):
    postcode: str = documented(description="A Belgian postcode.", pattern=POSTCODE_PATTERN)
    limit: int = documented(5, minimum=1, maximum=50)


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _out(org: Organisation, request: HttpRequest) -> dict:
    m = org.municipality
    return {
        "name": org.name,
        "slug": org.slug,
        "url": request.build_absolute_uri(org.get_absolute_url()),
        "legal_form": org.legal_form,
        "municipality": m.name,
        "nis_code": m.nis_code,
        "province": m.province.short_name if m.province else None,
        "activities": [a.code for a in org.activities.all()],
        "website": org.website,
        "email": org.public_email,
        "latitude": org.latitude,
        "longitude": org.longitude,
        "distance_km": getattr(org, "distance_km", None),
    }


def _bad_request(detail: str, errors: dict | None = None):
    return Status(400, {"detail": detail, "errors": errors or {}})


def _bad_field(field: str, message: str):
    return _bad_request(message, {field: [message]})


def _cached(request: HttpRequest, compute):
    """Answers are the same for every caller: cache them per URL and language until groups
    change (decision 0007). Errors are not cached."""
    key = services.directory_cache_key("api " + request.build_absolute_uri(), get_language() or "nl")
    payload = cache.get(key)
    if payload is None:
        payload = compute()
        if isinstance(payload, Status):
            return payload
        cache.set(key, payload, services.CACHE_SECONDS)
    return payload


@router.get("/organisations", response={200: OrganisationPage, 400: ErrorOut}, summary="List member groups")
def list_organisations(request: HttpRequest, filters: Query[Filters]):
    """Member groups with the directory's filters; with ``near`` (a postcode), nearest first."""
    return _cached(request, lambda: _list(request, filters))


def _list(request: HttpRequest, filters: Filters):
    data = {k: v for k, v in filters.dict().items() if k != "page" and v}
    form = DirectoryFilterForm(data)
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        return _bad_request(" ".join(m for msgs in errors.values() for m in msgs), errors)
    if filters.page < 1:
        return _bad_field("page", _("The page number must be 1 or more."))
    try:
        page, groups = services.directory_page(form.filters(), filters.page, 50, strict=True)
    except EmptyPage:
        return _bad_field("page", _("There is no page with this number."))
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_out(org, request) for org in groups],
    }


@router.get(
    "/organisations/nearest",
    response={200: list[OrganisationOut], 400: ErrorOut},
    summary="The member groups nearest to a postcode",
)
def nearest(request: HttpRequest, filters: Query[NearestFilters]):
    return _cached(request, lambda: _nearest(request, filters.postcode, filters.limit))


def _nearest(request: HttpRequest, postcode: str, limit: int):
    if not 1 <= limit <= 50:
        return _bad_field("limit", _("The limit must be between 1 and 50."))
    try:
        point = locate_postcode(postcode)
    except PlaceError as exc:
        return _bad_field("postcode", str(exc))
    return [_out(org, request) for org in services.nearest(point, limit)]


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: ErrorOut}, summary="One member group")
def get_organisation(request: HttpRequest, slug: str):
    org = get_object_or_404(
        Organisation.objects.members().select_related("municipality__province").prefetch_related("activities"),
        slug=slug,
    )
    return _out(org, request)
