"""Send the digests of new answers on followed questions; run it as often as you like
(cron, every hour): nobody gets more than one e-mail per 24 hours."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from toolkit import services


class Command(BaseCommand):
    help = "E-mail each follower the new answers on the questions they follow (at most once a day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Run it as a background task instead.")

    def handle(self, *args, **options) -> None:
        if options["enqueue"]:
            from toolkit.tasks import send_question_digests

            send_question_digests.enqueue()
            self.stdout.write("Queued.")
            return
        sent = services.send_question_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
