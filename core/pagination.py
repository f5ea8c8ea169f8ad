from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from .inputs import parse_page


def paginate(request: HttpRequest, items: QuerySet | list, per_page: int = 25) -> Page:
    """A page of ``items``; a bad or out-of-range page number gives the nearest page
    (page numbers are read by ``core.inputs.parse_page``: digits only)."""
    return Paginator(items, per_page).get_page(parse_page(request.GET.get("page")))
