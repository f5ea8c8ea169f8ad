"""The overview's summary table (``SignalFigure``), kept in step with the shared signals.

This is the one place that changes it. The services call ``status_changed`` when a signal's
status moves (only a move between "shared" and "not shared" changes a figure: confirming adds
the signal, withdrawing a confirmed one takes it out; moving between dossiers changes nothing)
and ``cosigned`` when a group co-signs, inside their own transaction, so the table never
disagrees with the signals a committed transaction left. ``rebuild`` recomputes it from the
signals (``manage.py signals_rebuild_figures``), and ``recomputed`` is what the tests compare
it with."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum

from .models import CoSign, Signal, SignalFigure, SignalStatus

SHARED = frozenset({SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER})

Cell = tuple[int, int, date]  # theme, region, month


def _add(cell: Cell, signals: int, people: int) -> None:
    theme_id, region_id, month = cell
    rows = SignalFigure.objects.filter(theme_id=theme_id, region_id=region_id, month=month)
    if rows.update(signals=F("signals") + signals, people=F("people") + people):
        return
    try:
        with transaction.atomic():  # a savepoint: another transaction may create the cell first
            SignalFigure.objects.create(
                theme_id=theme_id, region_id=region_id, month=month, signals=signals, people=people
            )
    except IntegrityError:
        rows.update(signals=F("signals") + signals, people=F("people") + people)


def _cell(signal: Signal) -> Cell:
    return (signal.theme_id, signal.region_id, signal.filed_month)


def _people(signal: Signal) -> int:
    cosigned = CoSign.objects.filter(signal_id=signal.pk).aggregate(n=Sum("count"))["n"] or 0
    return signal.count + cosigned


def status_changed(signal: Signal, old: str, new: str) -> None:
    """``signal`` moved from ``old`` to ``new``: count it in or out of the figures."""
    was, now = old in SHARED, new in SHARED
    if was == now:
        return
    sign = 1 if now else -1
    _add(_cell(signal), sign, sign * _people(signal))


def cosigned(signal: Signal, count: int) -> None:
    """A group co-signed a shared signal with its own count of people or families."""
    if signal.status in SHARED:
        _add(_cell(signal), 0, count)


def recomputed() -> dict[Cell, tuple[int, int]]:
    """The figures computed from the signals themselves: {cell: (signals, people)}."""
    result: dict[Cell, tuple[int, int]] = {}
    shared = Signal.objects.filter(status__in=SHARED)
    for row in shared.values("theme_id", "region_id", "filed_month").annotate(n=Count("pk"), p=Sum("count")).order_by():
        result[(row["theme_id"], row["region_id"], row["filed_month"])] = (row["n"], row["p"] or 0)
    cosigns = (
        CoSign.objects.filter(signal__status__in=SHARED)
        .values("signal__theme_id", "signal__region_id", "signal__filed_month")
        .annotate(p=Sum("count"))
        .order_by()
    )
    for cosign in cosigns:
        cell = (cosign["signal__theme_id"], cosign["signal__region_id"], cosign["signal__filed_month"])
        n, p = result.get(cell, (0, 0))
        result[cell] = (n, p + (cosign["p"] or 0))
    return result


def stored() -> dict[Cell, tuple[int, int]]:
    """The summary table as it is, without empty cells."""
    return {
        (row.theme_id, row.region_id, row.month): (row.signals, row.people)
        for row in SignalFigure.objects.all()
        if row.signals or row.people
    }


@transaction.atomic
def rebuild() -> int:
    """Recompute the summary table from the signals; the number of cells."""
    cells = recomputed()
    SignalFigure.objects.all().delete()
    SignalFigure.objects.bulk_create(
        SignalFigure(theme_id=t, region_id=r, month=m, signals=n, people=p) for (t, r, m), (n, p) in cells.items()
    )
    return len(cells)
