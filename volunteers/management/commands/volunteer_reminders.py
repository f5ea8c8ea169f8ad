"""Remind coordinators of leads nobody answered and follow-up conversations that are due,
and the secretariat of leads waiting too long. Run it once a day (cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from volunteers import coordination


class Command(BaseCommand):
    help = "E-mail coordinators about waiting leads and due follow-ups, and the secretariat about late leads."

    def handle(self, *args, **options) -> None:
        sent = coordination.send_reminders()
        self.stdout.write(
            f"{sent.emails} e-mail(s) to the coordinators of {sent.groups} group(s); "
            f"{sent.secretariat} to the secretariat."
        )
