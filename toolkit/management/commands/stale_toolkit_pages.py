"""List the Toolkit pages not checked for 12 months; with --email, send the list to every editor."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from toolkit import services


class Command(BaseCommand):
    help = "List Toolkit pages not checked for 12 months (--email: send the list to the editors)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", action="store_true", help="E-mail the list to every Toolkit editor.")

    def handle(self, *args, **options) -> None:
        pages = list(services.stale_pages())
        for page in pages:
            self.stdout.write(f"{page.last_checked or '-'}  {page.slug}")
        self.stdout.write(f"{len(pages)} page(s) not checked for 12 months.")
        if options["email"]:
            sent = services.notify_editors_of_stale_pages()
            self.stdout.write(f"{sent} editor(s) e-mailed.")
