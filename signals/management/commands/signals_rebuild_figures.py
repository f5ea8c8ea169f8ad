from django.core.management.base import BaseCommand

from signals import figures, summary


class Command(BaseCommand):
    help = "Recompute the signals overview's summary table (SignalFigure) from the signals."

    def handle(self, *args, **options) -> None:
        cells = summary.rebuild()
        figures.themes_changed()
        self.stdout.write(f"{cells} cells")
