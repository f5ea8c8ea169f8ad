"""The editors' import as a job for the task worker: the upload is stored, the task checks
and saves, the job's page shows the progress while it runs and the report when it is done;
a failing row saves nothing and the job says why; a bad file is answered on the form."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEvent
from socialmap import importer, imports
from socialmap.models import ImportJob, ImportStatus, Organization, Service

from .test_import import TABLES, _zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    from core.tests.factories import UserFactory

    return UserFactory(full_name="Eddy Editor", is_editor=True)


URL = "/sociale-kaart/importeren/"


def _post(client, committed, data: bytes, name: str = "export.zip", **extra):
    with committed():
        return client.post(URL, {"package": SimpleUploadedFile(name, data), **extra})


def test_an_upload_becomes_a_job_that_the_task_imports_and_the_page_reports(editor, people, client, committed):
    client.force_login(editor)
    response = _post(client, committed, _zip(TABLES))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{job.pk}/"
    assert job.status == ImportStatus.DONE and job.saved == 2 and job.rows_done == job.rows_total == 2
    assert job.user == editor and job.file_name == "export.zip"
    assert job.data == b"" and job.finished_at is not None  # the file is not kept after the import
    assert Service.objects.filter(status="published").count() == 2
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 services imported" in page and "Onthaal Gent" in page and "Onthaal Eeklo" in page
    assert 'http-equiv="refresh"' not in page and "hx-trigger" not in page  # done: no more polling
    assert AuditEvent.objects.filter(action="socialmap.import_started").count() == 1
    assert "export.zip" in client.get(URL).content.decode()  # the list of recent imports


def test_a_failing_row_saves_nothing_and_the_job_says_which_row_and_why(people, client, committed):
    client.force_login(people.secretariat)
    bad = TABLES | {"locations.csv": "id,name,address_1,postal_code,city\nl1,,,9000,Gent\nl2,,,,Atlantis\n"}
    _post(client, committed, _zip(bad))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and job.saved == 0 and job.failed_rows == 1
    assert not Service.objects.exists() and not Organization.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 row has an error: nothing was saved." in page
    assert "Atlantis" in page and "Onthaal Gent" not in page  # only the rows with an error are listed


def test_only_checking_saves_nothing_and_reports_every_row(editor, people, client, committed):
    client.force_login(editor)
    _post(client, committed, _zip(TABLES), dry_run="on")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.dry_run and not Service.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 rows are correct. Nothing was saved (only checked)." in page and "Onthaal Eeklo" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.json", b"{not json", "not valid JSON"),
        ("x.json", b"[]", "The package holds no services."),
        ("x.zip", _zip(TABLES | {"services.csv": "id,name\ns1,x\n"}), "lacks the columns"),
    ],
)
def test_a_bad_file_is_answered_on_the_form_and_makes_no_job(editor, client, committed, name, data, message):
    client.force_login(editor)
    response = _post(client, committed, data, name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportJob.objects.exists()


def _job(editor, data: bytes, **fields) -> ImportJob:
    return ImportJob.objects.create(user=editor, file_name="x.json", data=data, **{"rows_total": 1, **fields})


def test_the_task_fails_a_package_it_cannot_read_with_the_reason(editor, people):
    job = _job(editor, b"{not json")
    imports.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "not valid JSON" in job.error


def test_a_job_runs_once(editor, people, client, committed):
    client.force_login(editor)
    _post(client, committed, _zip(TABLES))
    job = ImportJob.objects.get()
    imports.run_import(job.pk)  # a second delivery of the task does nothing
    assert Service.objects.count() == 2


def test_the_job_page_shows_the_progress_while_checking_and_while_saving(editor, people, client):
    client.force_login(editor)
    job = _job(editor, b"[]", rows_total=10_000, status=ImportStatus.VALIDATING, rows_done=3_200)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "3200 of 10000 rows checked" in page
    assert '<progress id="progress"' in page and 'max="10000" value="3200"' in page
    assert '<noscript><meta http-equiv="refresh"' in page and 'hx-trigger="every 2s"' in page
    # htmx polls the same URL and gets the progress alone
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "3200 of 10000 rows checked" in fragment and "<html" not in fragment
    # while saving, the progress is in the cache (the job's row is not written in the transaction)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING, rows_done=10_000)
    from django.core.cache import cache

    cache.set(imports.progress_key(job.pk), 4_500)
    assert "4500 of 10000 services saved" in client.get(job.get_absolute_url()).content.decode()
    # when the job ends, the polling reloads the whole page for the report
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, saved=10_000)
    done = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_progress_is_written_outside_the_import_transaction(editor, people, monkeypatch):
    """While checking, each step is on the job's row; while saving, in the cache."""
    seen: list[tuple[str, int, int]] = []
    real_set = imports.cache.set

    def spy_set(key, value, *args, **kwargs):
        job = ImportJob.objects.get()
        seen.append((job.status, job.rows_done, value))
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(imports, "EVERY", 1)
    monkeypatch.setattr(imports.cache, "set", spy_set)
    rows = json.dumps(
        [
            {
                "name": f"Dienst {i}",
                "description": "x",
                "organization": {"id": "o", "name": "O"},
                "location": {"city": "Gent"},
            }
            for i in range(3)
        ]
    ).encode()
    job = _job(editor, rows)
    checks: list[int] = []
    real_check = importer.check_rows

    def spy_check(rows, *, progress, every):
        def record(done):
            progress(done)
            checks.append(ImportJob.objects.get().rows_done)

        return real_check(rows, progress=record, every=every)

    monkeypatch.setattr(importer, "check_rows", spy_check)
    imports.run_import(job.pk)
    assert checks == [1, 2, 3]
    assert seen == [("saving", 3, 1), ("saving", 3, 2), ("saving", 3, 3)]
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.saved == 3


def test_the_job_moves_only_along_its_table():
    allowed = {(old, new) for old, new, ok in imports.JOB.moves() if ok}
    assert allowed == {
        ("queued", "validating"),
        ("queued", "failed"),
        ("validating", "saving"),
        ("validating", "done"),
        ("validating", "failed"),
        ("saving", "done"),
        ("saving", "failed"),
    }


def test_an_unexpected_error_fails_the_job_with_a_message_and_saves_nothing(editor, monkeypatch, caplog):
    rows = [
        {"name": "Dienst", "description": "x", "organization": {"id": "o", "name": "O"}, "location": {"city": "Gent"}}
    ]
    job = _job(editor, json.dumps(rows).encode())

    def broken(checked, **kwargs):
        Organization.objects.create(name="Half")  # inside the import's transaction in real life
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "save_checked", lambda checked, **kw: _atomic(broken, checked, **kw))
    imports.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "unexpected error" in job.error and job.data == b""
    assert not Organization.objects.filter(name="Half").exists() and not Service.objects.exists()
    assert "Import job" in caplog.text


def _atomic(function, *args, **kwargs):
    from django.db import transaction

    with transaction.atomic():
        return function(*args, **kwargs)


def test_a_job_running_far_too_long_says_the_worker_probably_stopped(editor, client):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(editor)
    job = _job(editor, b"[]", status=ImportStatus.SAVING, rows_done=1)
    warning = "the task worker has probably stopped"
    assert warning not in client.get(job.get_absolute_url()).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - imports.STALLED_AFTER - timedelta(minutes=1))
    assert warning in client.get(job.get_absolute_url()).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED)
    assert warning not in client.get(job.get_absolute_url()).content.decode()  # ended: no warning
