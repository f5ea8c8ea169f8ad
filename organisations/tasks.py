"""Background tasks of the organisations app."""

from django_tasks import task


@task()
def refresh_figures() -> None:
    """Recompute the network figures and the map after a write (see services.invalidate_figures)."""
    from . import services

    services.compute_figures()
