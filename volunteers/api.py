"""The public matching API (``GET /api/v1/match``): the same ranking the sign-up form
shows, with score and reasons, and no personal data."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from core.api_docs import POSTCODE_PATTERN, documented
from organisations.models import Activity
from places.services import PlaceError, locate_postcode

from . import matching
from .languages import LANGUAGES

router = Router(tags=["volunteers"])


class MatchFilters(Schema):
    postcode: str = documented(description="Where the volunteer lives.", pattern=POSTCODE_PATTERN)
    activities: list[str] = documented(
        [],
        description="Activity codes (repeat the parameter, or separate codes with commas).",
        items={"type": "string"},
    )
    languages: list[str] = documented(
        [],
        description="Language codes (repeat the parameter, or separate codes with commas).",
        items={"type": "string"},
    )
    limit: int = documented(10, minimum=1, maximum=50)


class MatchOut(Schema):
    kind: str
    score: int
    distance_km: float
    reasons: list[str]
    activities: list[str]
    languages: list[str]
    name: str
    url: str
    group: str
    group_url: str


class MatchResultOut(Schema):
    postcode: str
    radius_km: float
    groups: list[MatchOut]
    vacancies: list[MatchOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _split(values: list[str]) -> list[str]:
    """Accept both ``?languages=ar&languages=fa`` and ``?languages=ar,fa``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _bad(field: str, message: str):
    return Status(400, {"detail": message, "errors": {field: [message]}})


def _out(m: matching.Match, request: HttpRequest) -> dict:
    obj = m.obj
    org = obj if m.kind == "group" else obj.organisation
    return {
        "kind": m.kind,
        "score": m.score,
        "distance_km": m.distance_km,
        "reasons": m.reasons,
        "activities": m.activities,
        "languages": m.languages,
        "name": org.name if m.kind == "group" else obj.title,
        "url": request.build_absolute_uri(obj.get_absolute_url()),
        "group": org.name,
        "group_url": request.build_absolute_uri(org.get_absolute_url()),
    }


@router.get("/match", response={200: MatchResultOut, 400: ErrorOut}, summary="Groups and vacancies for a volunteer")
def match(request: HttpRequest, filters: Query[MatchFilters]):
    """Member groups and open vacancies ranked for a would-be volunteer at ``postcode``
    (distance, matching ``activities`` codes, ``languages`` codes the group asks for)."""
    try:
        point = locate_postcode(filters.postcode)
    except PlaceError as exc:
        return _bad("postcode", str(exc))
    activities, languages = _split(filters.activities), _split(filters.languages)
    known = set(Activity.objects.filter(code__in=activities).values_list("code", flat=True))
    if unknown := [code for code in activities if code not in known]:
        return _bad("activities", _("Unknown activity: %(codes)s.") % {"codes": ", ".join(unknown)})
    if unknown := [code for code in languages if code not in LANGUAGES]:
        return _bad("languages", _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)})
    if not 1 <= filters.limit <= 50:
        return _bad("limit", _("The limit must be between 1 and 50."))
    result = matching.match(point, activities=activities, languages=languages, limit=filters.limit)
    return {
        "postcode": point.label,
        "radius_km": result.radius_km,
        "groups": [_out(m, request) for m in result.groups],
        "vacancies": [_out(m, request) for m in result.vacancies],
    }
