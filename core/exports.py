"""Spreadsheet downloads: CSV streamed row by row, XLSX written in write-only mode to a
temporary file and streamed from there. Both take a header and an iterator of rows."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, StreamingHttpResponse


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(header: Sequence, rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(header: Sequence, rows: Iterable[Sequence], filename: str, *, sheet: str) -> FileResponse:
    from openpyxl import Workbook  # noqa: PLC0415 (only downloads need it)

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
