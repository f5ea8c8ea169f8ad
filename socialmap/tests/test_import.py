"""Importing an HSDS package: JSON (our own export round-trips) and the CSV tables; a
report per row; nothing saved when a row fails; bad files answered with a message."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from core.models import AuditEvent
from socialmap import importer
from socialmap.models import Organization, Service

from .factories import make_service

pytestmark = pytest.mark.django_db

ORGS = "id,name,description,website,email\no1,CAW Oost-Vlaanderen,,https://www.cawoostvlaanderen.be,\n"
SERVICES = (
    "id,organization_id,name,description,url,email,x_life_domains,x_no_papers_needed\n"
    's1,o1,Onthaal Gent,Vragen over wonen en geld,,,"housing,finances",ja\n'
    "s2,o1,Onthaal Eeklo,Vragen over wonen,,,housing,\n"
)
LOCATIONS = "id,name,address_1,postal_code,city\nl1,,,9000,Gent\nl2,,,9900,Eeklo\n"
AT = "service_id,location_id\ns1,l1\ns2,l2\n"
AREAS = "service_id,name\ns1,Gent\ns1,Destelbergen\n"


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


TABLES = {
    "organizations.csv": ORGS,
    "services.csv": SERVICES,
    "locations.csv": LOCATIONS,
    "service_at_locations.csv": AT,
    "service_areas.csv": AREAS,
}


def test_csv_tables_in_a_zip_are_imported_published_and_found(people, client, committed):
    client.force_login(people.secretariat)
    upload = SimpleUploadedFile("export.zip", _zip(TABLES), content_type="application/zip")
    with committed():  # the import job's task runs after the commit (immediately in the tests)
        response = client.post("/sociale-kaart/importeren/", {"package": upload})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.context["job"].status == "done" and response.context["job"].saved == 2
    gent = Service.objects.get(name="Onthaal Gent")
    assert gent.status == "published" and gent.no_papers_needed and gent.domain_codes == ["housing", "finances"]
    assert {m.name_nl for m in gent.areas.all()} == {"Gent", "Destelbergen"}
    assert Organization.objects.count() == 1
    assert AuditEvent.objects.filter(action="socialmap.imported").count() == 1
    assert "Onthaal Gent" in client.get("/sociale-kaart/?near=9070").content.decode()  # Destelbergen
    assert "Onthaal Eeklo" in client.get("/sociale-kaart/?q=eeklo").content.decode()  # indexed


def test_one_bad_row_saves_nothing_and_the_report_names_it(people, client):
    bad = TABLES | {"locations.csv": "id,name,address_1,postal_code,city\nl1,,,9000,Gent\nl2,,,,Atlantis\n"}
    rows = importer.read_tables(bad)
    report = importer.import_rows(rows)
    assert not report.ok and report.saved == 0
    assert [r.number for r in report.failed] == [2] and "Atlantis" in report.failed[0].error
    assert not Service.objects.exists() and not Organization.objects.exists()


def test_our_json_export_round_trips(people, client):
    make_service("Sociaal huis Mechelen", areas=["Mechelen", "Bonheiden"], no_papers_needed=True)
    exported = client.get("/api/v1/hsds/services").content
    Service.objects.all().delete()
    report = importer.import_rows(importer.read_package("services.json", exported))
    assert report.ok and report.saved == 1
    service = Service.objects.get()
    assert service.no_papers_needed and service.location.municipality.name_nl == "Mechelen"
    assert {m.name_nl for m in service.areas.all()} == {"Mechelen", "Bonheiden"}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.json", b"{not json", "not valid JSON"),
        ("x.json", json.dumps({"hello": 1}).encode(), "not an HSDS package"),
        ("x.zip", _zip({"services.csv": SERVICES}), "lacks organizations.csv"),
        ("x.zip", _zip(TABLES | {"services.csv": "id,name\ns1,x\n"}), "lacks the columns"),
        ("x.zip", b"PK\x03\x04broken", "cannot be read"),
    ],
)
def test_a_file_that_is_not_a_package_gets_a_message(people, client, name, data, message):
    client.force_login(people.secretariat)
    response = client.post("/sociale-kaart/importeren/", {"package": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Service.objects.exists()


def test_the_command_reports_each_row_and_refuses_a_bad_package(tmp_path):
    for name, text in TABLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_hsds", str(tmp_path), "--dry-run", stdout=out)
    assert "Onthaal Eeklo\tok" in out.getvalue() and not Service.objects.exists()
    (tmp_path / "services.csv").write_text(SERVICES.replace("o1,Onthaal Eeklo", "o9,Onthaal Eeklo"), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_hsds", str(tmp_path), stdout=io.StringIO())
    assert not Service.objects.exists()
