"""CSV and XLSX downloads never carry a live formula (core/exports.py), tested on
the secretariat's member list, where a group's name, e-mail address and website reach the
spreadsheet as they were typed."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from core.exports import neutralise
from organisations.models import Organisation

HOSTILE = [
    '=HYPERLINK("https://evil.example","klik")',
    "+32 470 12 34 56",
    "-2+3",
    "@SUM(A1:A2)",
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_looks_like_a_formula_is_shown_as_text(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Welcome in Mechelen") == "Welcome in Mechelen"
    assert neutralise(-3) == -3  # numbers stay numbers


@pytest.fixture
def hostile_group(people):
    Organisation.objects.filter(pk=people.group_a.pk).update(name=HOSTILE[0], phone=HOSTILE[1], description=HOSTILE[2])
    return people


def test_the_csv_export_neutralises_formulas(hostile_group):
    response = hostile_group.client("secretariat").get("/secretariaat/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert "'" + HOSTILE[0] in cells and "'" + HOSTILE[1] in cells
    assert not any(cell.lstrip(" \t\r").startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_xlsx_export_writes_formulas_as_text(hostile_group):
    response = hostile_group.client("secretariat").get("/secretariaat/export.xlsx")
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(content)).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    assert names[HOSTILE[0]] == "s"  # the exact name, as a text cell


def test_the_volunteer_funnel_export_is_neutralised_too(hostile_group):
    response = hostile_group.client("secretariat").get("/secretariaat/vrijwilligers/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'" + HOSTILE[0] in [row[0] for row in csv.reader(io.StringIO(text))]
