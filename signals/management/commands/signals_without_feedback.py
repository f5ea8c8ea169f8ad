"""List the confirmed signals whose reporters heard nothing for three months (the
secretariat sees the same list on its dossiers page)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from signals import services


class Command(BaseCommand):
    help = "List signals without any feedback for --days days (default 90)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=services.FEEDBACK_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        signals = (
            services.without_feedback(days).order_by("created_at").values_list("pk", "organisation_id", "theme_id")
        )
        count = 0
        for pk, organisation_id, theme_id in signals.iterator():
            self.stdout.write(f"signal {pk} group {organisation_id} theme {theme_id}")
            count += 1
        self.stdout.write(f"{count} signals without feedback for {days} days")
