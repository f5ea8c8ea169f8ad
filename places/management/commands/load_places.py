from django.core.management.base import BaseCommand

from places.loader import load_places


class Command(BaseCommand):
    help = "Load or refresh Belgian regions, provinces, municipalities and postcodes from the packaged data."

    def handle(self, *args, **options) -> None:
        counts = load_places()
        self.stdout.write(self.style.SUCCESS(", ".join(f"{v} {k}" for k, v in counts.items())))
