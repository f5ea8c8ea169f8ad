"""Import an HSDS 3 package (JSON file, zip of CSV files, or a folder of CSV files) into the
social map: a report per row; nothing is saved when a row fails."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from socialmap import importer


class Command(BaseCommand):
    help = "Import an HSDS 3 package (JSON, or CSV tables in a zip or a folder) into the social map."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check every row, save nothing.")

    def handle(self, *args, path: Path, dry_run: bool, **options) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            rows = importer.read_path(path)
        except importer.ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        report = importer.import_rows(rows, dry_run=dry_run)
        for row in report.rows:
            status = f"error: {row.error}" if row.error else "ok"
            self.stdout.write(f"{row.number}\t{row.name}\t{status}")
        if not report.ok:
            raise CommandError(f"{len(report.failed)} of {len(report.rows)} rows failed: nothing was saved.")
        self.stdout.write(f"{len(report.rows)} rows checked, {report.saved} services saved.")
