"""htmx requests (django-htmx's middleware sets ``request.htmx``)."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True when htmx sent the request (it swaps the answer into the page): the view answers
    with a fragment (``_*.html``) instead of a whole page or a redirect."""
    return bool(getattr(request, "htmx", False))
