"""A group's coordinators: leads inbox, intake, follow-up, vacancies, interpreters."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from core.access import COORDINATOR, access


@access(COORDINATOR)
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404  # placeholder until the group side is built
