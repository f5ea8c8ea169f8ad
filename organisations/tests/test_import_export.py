"""Importing the existing member list (all rows or none) and exporting the directory."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from organisations.models import Invitation, MembershipEvent, Organisation

HEADER = [
    "name",
    "legal_form",
    "postcode",
    "activities",
    "email",
    "website",
    "member_since",
    "coordinator_name",
    "coordinator_email",
]
GOOD_ROWS = [
    [
        "Gastvrij Boechout",
        "feitelijke vereniging",
        "2530",
        "dutch-conversation;housing",
        "info@boechout.example.org",
        "",
        "2015-09-01",
        "Karin",
        "karin@example.org",
    ],
    ["VLOS", "vzw", "9100", "social-grocery", "", "https://vlos.example.org", "01/03/2015", "", ""],
]


def csv_upload(rows, name="leden.csv", encoding="utf-8") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def xlsx_upload(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("leden.xlsx", buffer.getvalue())


@pytest.fixture
def secretariat(people):
    return people.client("secretariat")


def post(client, upload):
    return client.post("/secretariaat/import/", {"file": upload})


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_import_creates_groups_with_history_and_invitations(secretariat, make):
    response = post(secretariat, make([HEADER, *GOOD_ROWS]))
    assert response.status_code == 302
    boechout = Organisation.objects.get(name="Gastvrij Boechout")
    assert boechout.municipality.name_nl == "Boechout" and boechout.latitude is not None
    assert sorted(a.code for a in boechout.activities.all()) == ["dutch-conversation", "housing"]
    assert str(Organisation.objects.get(name="VLOS").member_since) == "2015-03-01"
    assert MembershipEvent.objects.filter(organisation=boechout, status="member").exists()
    assert Invitation.objects.get().email == "karin@example.org"


def test_one_bad_row_imports_nothing_and_reports_each_problem(secretariat, people):
    rows = [
        HEADER,
        *GOOD_ROWS,
        ["", "vzw", "2800", "", "", "", "", "", ""],
        [people.group_b.name, "stichting", "12", "knitting", "bad-email", "", "32/13/2020", "", ""],
        ["VLOS", "vzw", "9100", "", "", "", "", "", ""],
    ]
    response = post(secretariat, csv_upload(rows))
    assert response.status_code == 200
    report = response.context["report"]
    rows_with_errors = [row for row, _ in report.errors]
    assert rows_with_errors == [4, 5, 6]
    problem = dict(report.errors)[5]
    for text in ("already exists", "stichting", "postcode", "knitting", "bad-email", "32/13/2020"):
        assert text in problem
    assert "appears twice" in dict(report.errors)[6]
    assert Organisation.objects.count() == 2  # only the two fixture groups


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("leden.xlsx", b"%PDF-1.4 a pdf"), "is a PDF"),
        (SimpleUploadedFile("leden.xlsx", b"just some text"), "not a real XLSX"),
        (SimpleUploadedFile("leden.xlsx", b"PK\x03\x04 broken zip"), "not a readable XLSX"),
        (SimpleUploadedFile("leden.csv", "naam;postcode\nCafé;2800\n".encode("latin-1")), "UTF-8"),
        (SimpleUploadedFile("leden.csv", b""), "empty"),
        (SimpleUploadedFile("leden.csv", b"naam;plaats\nx;y\n"), "missing"),
        (
            SimpleUploadedFile("leden.csv", b'name;legal_form;postcode\n"' + b"x" * 140_000 + b";vzw;2800\n"),
            "cannot be read",
        ),
    ],
)
def test_unusable_files_get_a_clear_message(secretariat, upload, message):
    response = post(secretariat, upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Organisation.objects.count() == 2


def test_upload_over_the_size_limit_is_refused(secretariat, settings):
    settings.MAX_UPLOAD_BYTES = 50
    response = post(secretariat, csv_upload([HEADER, *GOOD_ROWS]))
    assert response.status_code == 200 and "limit" in response.content.decode()
    assert Organisation.objects.count() == 2


def test_csv_export_streams_every_group(secretariat, people):
    response = secretariat.get("/secretariaat/export.csv")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "name" and {r[0] for r in rows[1:]} == {people.group_a.name, people.group_b.name}


def test_xlsx_export_opens_in_a_spreadsheet(secretariat, people):
    response = secretariat.get("/secretariaat/export.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.values)
    assert values[0][0] == "name" and len(values) == 3


def test_export_of_an_unknown_format_is_not_found(secretariat):
    assert secretariat.get("/secretariaat/export.pdf").status_code == 404
