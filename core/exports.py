"""Spreadsheet downloads: CSV streamed row by row, XLSX written in write-only mode to a
temporary file and streamed from there. Both take a header and an iterator of rows.

Cells are neutralised here, in one place, against formula injection: a spreadsheet program
reads a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after spaces, a tab or
a carriage return) as a formula, so a group renamed ``=HYPERLINK(...)`` would run in the
secretariat's spreadsheet. Such a CSV cell gets a leading apostrophe (shown as text, the
usual convention); an XLSX cell is always written as a text cell, which no program
evaluates, and keeps its exact value.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS) or value.lstrip(" \t\r\n").startswith(FORMULA_STARTS[:4])


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet program will show as text, never run as a formula."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(header: Sequence, rows: Iterable[Sequence], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow([neutralise(cell) for cell in header])
        for row in rows:
            yield writer.writerow([neutralise(cell) for cell in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(header: Sequence, rows: Iterable[Sequence], filename: str, *, sheet: str) -> FileResponse:
    from openpyxl import Workbook  # noqa: PLC0415 (only downloads need it)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)

    def cells(row: Sequence) -> list:
        out = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.data_type = "s"  # text, even when it looks like a formula
                out.append(cell)
            else:
                out.append(value)
        return out

    worksheet.append(cells(header))
    for row in rows:
        worksheet.append(cells(row))
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
