"""Remind addressees who have not answered a dossier within a number of weeks (a fresh link
each; the old one stops working). Run daily, e.g. from cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from signals import services


class Command(BaseCommand):
    help = "Remind addressees who have not answered a dossier within --weeks weeks."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--weeks", type=int, default=services.REMINDER_WEEKS)

    def handle(self, *args, weeks: int, **options) -> None:
        if not 1 <= weeks <= 52:
            self.stderr.write("--weeks must be between 1 and 52")
            return
        count = services.remind_unanswered(weeks)
        self.stdout.write(f"{count} addressees reminded")
