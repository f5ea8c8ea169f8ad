"""Fill the overview's summary table from the signals already there (signals/summary.py keeps it
from now on; ``manage.py signals_rebuild_figures`` does the same at any time)."""

from django.db import migrations
from django.db.models import Count, Sum

SHARED = ["confirmed", "in_dossier"]


def fill(apps, schema_editor):
    Signal = apps.get_model("signals", "Signal")
    CoSign = apps.get_model("signals", "CoSign")
    SignalFigure = apps.get_model("signals", "SignalFigure")
    cells = {}
    for row in (
        Signal.objects.filter(status__in=SHARED)
        .values("theme_id", "region_id", "filed_month")
        .annotate(n=Count("pk"), p=Sum("count"))
        .order_by()
    ):
        cells[(row["theme_id"], row["region_id"], row["filed_month"])] = [row["n"], row["p"] or 0]
    for row in (
        CoSign.objects.filter(signal__status__in=SHARED)
        .values("signal__theme_id", "signal__region_id", "signal__filed_month")
        .annotate(p=Sum("count"))
        .order_by()
    ):
        key = (row["signal__theme_id"], row["signal__region_id"], row["signal__filed_month"])
        cells.setdefault(key, [0, 0])[1] += row["p"] or 0
    SignalFigure.objects.all().delete()
    SignalFigure.objects.bulk_create(
        SignalFigure(theme_id=t, region_id=r, month=m, signals=n, people=p) for (t, r, m), (n, p) in cells.items()
    )


class Migration(migrations.Migration):
    dependencies = [("signals", "0004_example_consent")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
