"""Shared pieces of the apps' management commands."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError


def refuse_outside_development(command: str) -> None:
    """The demo data commands create accounts with a published password: they run only in
    development (``GASTVRIJ_DEBUG=true``), never against a production database."""
    if not settings.DEBUG:
        raise CommandError(
            f"{command} loads demo accounts whose password is published in the README, so it runs only in "
            "development (GASTVRIJ_DEBUG=true). Nothing was changed."
        )
