"""Purge support trajectories closed for longer than ``FAMILIES_RETENTION_MONTHS`` (12 by
default), leaving anonymous counts only. Run daily (scripts/ or the host's scheduler)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from families.services import purge_closed


class Command(BaseCommand):
    help = "Purge support trajectories closed for longer than the retention period (anonymous counts stay)."

    def handle(self, *args: Any, **options: Any) -> None:
        months = getattr(settings, "FAMILIES_RETENTION_MONTHS", 12)
        before = timezone.now() - timedelta(days=round(months * 30.44))
        purged = purge_closed(before)
        if options["verbosity"]:
            self.stdout.write(f"Purged {purged} support trajectories closed before {before:%Y-%m-%d}.")
