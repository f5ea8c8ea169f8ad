"""The editors' import as a background job: the page stores the uploaded package in an
``ImportJob`` and queues ``socialmap.tasks.run_import``; the worker checks every row, then
saves all of them in one transaction, or none (socialmap/importer.py), and the job's page
shows how far it got (decision 0020, "Import progress").

Progress is written where the browser's request can read it while the import works:
- while checking (reads only, no transaction open), on the job's row every ``EVERY`` rows;
- while saving (one transaction, so a write to the job's row would stay invisible until the
  end, and on SQLite no other connection may write), in the cache (Redis, or the file cache
  shared by the web server and the worker), under ``progress_key(job)``.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import audit
from core.transitions import Transitions

from . import importer
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

EVERY = 250  # rows between two progress writes
# The largest package (100,000 services) takes about 20 minutes; a job still running after
# this long has most likely lost its worker (the database rolled the import back).
STALLED_AFTER = timedelta(minutes=45)
RECENT = 10  # imports listed on the import page

S = ImportStatus
JOB = Transitions(
    ImportStatus,
    {
        S.QUEUED: {S.VALIDATING, S.FAILED},
        S.VALIDATING: {S.SAVING, S.DONE, S.FAILED},  # done: "only check"
        S.SAVING: {S.DONE, S.FAILED},
    },
)


def progress_key(job_id: int) -> str:
    return f"socialmap:import:{job_id}:saved"


def start_import(*, user, file_name: str, data: bytes, rows_total: int, dry_run: bool, language: str) -> ImportJob:
    """Store the package and queue its import once this transaction commits."""
    from .tasks import run_import

    job = ImportJob.objects.create(
        user=user,
        file_name=file_name[:255],
        data=data,
        dry_run=dry_run,
        rows_total=rows_total,
        language=language[:10],
    )
    audit.record("socialmap.import_started", actor=user, obj=job, rows=rows_total, dry_run=dry_run)
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def _move(job: ImportJob, new: str, **fields) -> bool:
    """Move the job along ``JOB``; False when another run moved it first."""
    JOB.check(job.status, new)
    moved = ImportJob.objects.filter(pk=job.pk, status=job.status).update(status=new, **fields)
    if moved:
        job.status = new
        for name, value in fields.items():
            setattr(job, name, value)
    return bool(moved)


def _finish(job: ImportJob, status: str, **fields) -> None:
    _move(job, status, finished_at=timezone.now(), data=b"", **fields)
    cache.delete(progress_key(job.pk))


def run_import(job_id: int) -> None:
    """The worker's part. Never raises on a bad package: the job says why it failed."""
    job = ImportJob.objects.filter(pk=job_id, status=S.QUEUED).first()
    if job is None:  # unknown, or another worker took it
        return
    with translation.override(job.language or None):
        try:
            _run(job)
        except Exception:  # a bug must not leave the job "running" for ever
            logger.exception("Import job %s stopped", job.pk)
            job.refresh_from_db(fields=["status"])
            if job.running:
                _finish(job, S.FAILED, error=_("The import stopped on an unexpected error: nothing was saved."))


def _run(job: ImportJob) -> None:
    if not _move(job, S.VALIDATING, rows_done=0):
        return
    try:
        rows = importer.read_package(job.file_name, bytes(job.data))
    except importer.ImportError_ as exc:
        _finish(job, S.FAILED, error=str(exc)[:500])
        return
    ImportJob.objects.filter(pk=job.pk).update(rows_total=len(rows))

    def checked(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done)

    report, ready = importer.check_rows(rows, progress=checked, every=EVERY)
    lines = [[r.number, r.name, r.error] for r in report.rows]
    if not report.ok:
        error = "" if report.rows else _("The package holds no services.")
        _finish(job, S.FAILED, report=lines, rows_done=len(rows), error=error)
        return
    if job.dry_run:
        _finish(job, S.DONE, report=lines, rows_done=len(rows))
        return
    _move(job, S.SAVING, report=lines, rows_done=len(rows))

    def saved(done: int) -> None:
        cache.set(progress_key(job.pk), done, 3600)

    count = importer.save_checked(ready, user=job.user, progress=saved, every=EVERY)
    _finish(job, S.DONE, saved=count)


def saving_progress(job: ImportJob) -> int:
    """Rows saved so far in the open transaction (0 when not known)."""
    if job.status != S.SAVING:
        return job.saved
    return int(cache.get(progress_key(job.pk)) or 0)


def stalled(job: ImportJob) -> bool:
    """The job still says it runs, but far longer than any import takes."""
    return job.running and timezone.now() - job.created_at > STALLED_AFTER
