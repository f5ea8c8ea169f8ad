"""Daily: remind the people supporting a family of late steps, quiet families and unshared
meeting reports (links only; ``families/reminders.py``)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from families import reminders


class Command(BaseCommand):
    help = "Send the families' reminders (links only)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            count = reminders.send()
        self.stdout.write(f"Reminders sent to {count} people.")
