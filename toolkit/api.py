"""The Toolkit's JSON search, mounted on the public API (``/api/v1/search``).

Anonymous callers get public pages only; a logged-in member (session) also gets
members-only pages and the network's questions and answers, exactly as on the search page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from core.api_docs import documented, one_of

from . import search as toolkit_search
from .models import LIFE_DOMAINS, PEOPLE_CONCERNED

router = Router(tags=["toolkit"])
MAX_QUERY = 200  # as the search page's form


class SearchFilters(Schema):
    q: str = documented("", description="The words to search for.", maxLength=MAX_QUERY)
    domain: str = documented("", description="A life domain.", enum=one_of(LIFE_DOMAINS))
    people: str = documented("", description="The people concerned.", enum=one_of(PEOPLE_CONCERNED))
    type: str = documented("", description="Only this kind of result.", enum=one_of(toolkit_search.KINDS))
    limit: int = documented(20, minimum=1, maximum=toolkit_search.MAX_RESULTS)


class HitOut(Schema):
    kind: str
    title: str
    url: str
    highlight: str
    rank: float
    chapter: str
    public: bool


class SearchOut(Schema):
    query: str
    terms: list[str]
    count: int
    # True when no result has every word: these have some of them, the most words first.
    partial: bool = False
    # [typed, searched instead] for a word that occurs nowhere and looked like a typo.
    corrected: list[list[str]] = []
    results: list[HitOut]


class SearchErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _error(field: str, message: str):
    return Status(400, {"detail": message, "errors": {field: [message]}})


@router.get("/search", response={200: SearchOut, 400: SearchErrorOut}, summary="Search the Toolkit")
def search(request: HttpRequest, filters: Query[SearchFilters]):
    """Toolkit pages and glossary terms, best first. ``highlight`` is HTML: the passage,
    escaped, with the matching words in ``<mark>``."""
    from django.utils.translation import gettext as _

    if filters.domain and filters.domain not in LIFE_DOMAINS:
        return _error("domain", _("Choose a life domain from the list."))
    if filters.people and filters.people not in PEOPLE_CONCERNED:
        return _error("people", _("Choose the people concerned from the list."))
    if filters.type and filters.type not in toolkit_search.KINDS:
        return _error("type", _("Choose a type from the list."))
    if not 1 <= filters.limit <= toolkit_search.MAX_RESULTS:
        return _error("limit", _("The limit must be between 1 and 50."))
    if len(filters.q) > MAX_QUERY:
        return _error("q", _("Use at most %(limit)s characters.") % {"limit": MAX_QUERY})
    try:
        results = toolkit_search.search(
            filters.q,
            user=request.user,
            life_domain=filters.domain,
            people=filters.people,
            kind=filters.type,
            limit=filters.limit,
        )
    except toolkit_search.QueryError as exc:
        return _error("q", str(exc))
    return {
        "query": results.query,
        "terms": results.terms,
        "count": len(results.hits),
        "partial": results.partial,
        "corrected": [list(pair) for pair in results.corrected],
        "results": [
            {
                "kind": h.kind,
                "title": h.title,
                "url": request.build_absolute_uri(h.url),
                "highlight": str(h.passage),
                "rank": h.rank,
                "chapter": h.chapter,
                "public": h.public,
            }
            for h in results.hits
        ],
    }
