"""Exports of the member directory. CSV streams row by row; XLSX is written to a
temporary file in write-only mode and streamed from there."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Organisation

HEADER = [
    "name",
    "legal_form",
    "status",
    "member_since",
    "postcode",
    "municipality",
    "nis_code",
    "province",
    "activities",
    "email",
    "website",
    "phone",
    "latitude",
    "longitude",
]


def _rows() -> Iterator[list]:
    qs = (
        Organisation.objects.select_related("municipality__province", "postal_code")
        .prefetch_related("activities")
        .order_by("name")
    )
    for org in qs.iterator(chunk_size=500):
        m = org.municipality
        yield [
            org.name,
            org.legal_form,
            org.status,
            org.member_since.isoformat() if org.member_since else "",
            org.postal_code.code if org.postal_code else "",
            m.name_nl,
            m.nis_code,
            m.province.name_nl if m.province else _("Brussels-Capital Region"),
            ";".join(a.code for a in org.activities.all()),
            org.public_email,
            org.website,
            org.phone,
            org.latitude,
            org.longitude,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _filename(ext: str) -> str:
    return f"gastvrij-lidgroepen-{timezone.localdate().isoformat()}.{ext}"


def csv_response() -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(HEADER)
        for row in _rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response() -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("lidgroepen")
    sheet.append(HEADER)
    for row in _rows():
        sheet.append(row)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
