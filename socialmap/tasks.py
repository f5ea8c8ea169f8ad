"""Background tasks of the social map (django-tasks, decision 0006)."""

from django_tasks import task


@task()
def run_import(job_id: int) -> None:
    """Import an uploaded HSDS package (socialmap/imports.py)."""
    from . import imports

    imports.run_import(job_id)
