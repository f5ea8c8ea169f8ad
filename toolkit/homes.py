"""What the Toolkit adds to the editors' home (registry in ``core/homes.py``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.homes import Todo, role_todos

from . import services
from .models import EditSuggestion, SuggestionStatus


def register() -> None:
    """Nothing to register beyond the decorated functions below (imported by ``ready()``)."""


@role_todos("editor")
def editor_todos(request: HttpRequest) -> list[Todo]:
    suggestions = reverse("toolkit:suggestions")
    return [
        Todo(
            _("Suggestions waiting for an editor"),
            suggestions,
            EditSuggestion.objects.filter(status=SuggestionStatus.OPEN).count(),
            order=10,
        ),
        Todo(
            _("Pages not checked for a year"),
            suggestions + "#stale",
            services.stale_pages().count(),
            order=20,
        ),
    ]
