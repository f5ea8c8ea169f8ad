"""Public: "I want to help", the person's secret link, and the vacancies."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from core.access import PUBLIC, access


@access(PUBLIC)
def signup(request: HttpRequest) -> HttpResponse:
    raise Http404


choose = thanks = resend_link = vacancies = signup


@access(PUBLIC)
def manage(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404


@access(PUBLIC)
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
