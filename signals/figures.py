"""Aggregates of signals: a dossier's counts by region and by month, the members' overview by
theme and region over time, and the bar chart drawn from them (server-side SVG, with the
same figures as a table for those who do not see the chart).

Counts from 1 to 4 leave a group as "<5" (``volunteers.funnel.suppress``, the network's rule)."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from places.models import Region
from volunteers.funnel import suppress

from .models import CoSign, Dossier, Signal, SignalFigure, SignalStatus, Theme

SHARED = [SignalStatus.CONFIRMED, SignalStatus.IN_DOSSIER]


@dataclass
class DossierFigures:
    signals: int | str = 0
    groups: int = 0
    people: int | str = 0
    by_region: list[tuple[str, int | str, int | str]] = field(default_factory=list)
    by_month: list[tuple[date, int | str]] = field(default_factory=list)


def dossier_figures(dossier: Dossier, *, suppressed: bool = True) -> DossierFigures:
    """Counts of a dossier's signals, groups and people (the signals' own counts plus the
    co-signs'), by region and by month of filing. A fixed number of queries."""
    show = suppress if suppressed else (lambda n: n)
    signals = Signal.objects.filter(dossier=dossier)
    cosigns = CoSign.objects.filter(signal__dossier=dossier)
    totals = signals.aggregate(n=Count("pk"), people=Sum("count"))
    extra = cosigns.aggregate(people=Sum("count"))
    groups = set(signals.values_list("organisation_id", flat=True).distinct()) | set(
        cosigns.values_list("organisation_id", flat=True).distinct()
    )
    names = {r.pk: r.name for r in Region.objects.all()}
    region_rows = list(signals.values("region_id").annotate(n=Count("pk"), people=Sum("count")).order_by("region_id"))
    month_rows = list(signals.values("filed_month").annotate(n=Count("pk")).order_by("filed_month"))
    regions = [(names.get(row["region_id"], ""), show(row["n"]), show(row["people"] or 0)) for row in region_rows]
    months = [(row["filed_month"], show(row["n"])) for row in month_rows]
    signal_total = totals["n"] or 0
    people_total = (totals["people"] or 0) + (extra["people"] or 0)
    if suppressed:
        # Next to tables with a "<5" cell an exact total would give that cell away.
        signal_total = total_of(
            [r["n"] for r in region_rows], total=signal_total, beside=([r["n"] for r in month_rows],)
        )
        people_total = total_of([r["people"] or 0 for r in region_rows], total=people_total)
    return DossierFigures(
        signals=signal_total,
        groups=len(groups),
        people=people_total,
        by_region=sorted(regions),
        by_month=months,
    )


def people_count(signal: Signal, *, inside: bool) -> int | str:
    """A signal's count as the reader may see it: exact inside the group, "<5" outside."""
    return signal.count if inside else suppress(signal.count)


# ---------------------------------------------------------------- the members' overview


@dataclass
class Overview:
    months: list[date]
    rows: list[tuple[str, list[int | str], int | str]]  # (theme, count per month, total)
    totals: list[int]  # per month, what the table lets one know (suppressed cells as 1), for the chart
    by_region: list[tuple[str, int | str, int | str]]  # (region, signals, people)
    column_totals: list[int | str] = field(default_factory=list)  # per month, as shown


VERSION_KEY = "signals:overview:version"
THEMES_VERSION_KEY = "signals:themes:version"
CACHE_SECONDS = 600


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


def changed(*, refresh: bool = True) -> None:
    """The set of shared signals changed (one confirmed, co-signed or withdrawn): cached
    overviews are stale. With ``refresh`` (the services, after commit), the unfiltered
    overview is rendered again at once in each language, so the first member to open it after
    a confirmation gets it from the cache; filtered ones are recomputed when asked."""
    _bump(VERSION_KEY)
    if refresh:
        from django.conf import settings
        from django.utils import translation

        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                cached_overview_html(None, None)


def themes_changed() -> None:
    """A theme was added or renamed: the filters and the overviews (theme names) are stale."""
    _bump(THEMES_VERSION_KEY)
    _bump(VERSION_KEY)


def filter_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The themes and regions to filter the overview by (and the names it shows), cached per
    language until a theme changes: a confirmation leaves them as they are."""
    version = cache.get_or_set(THEMES_VERSION_KEY, time.time_ns, None)
    key = f"signals:filters:{version}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = (
            [(t.pk, t.name) for t in Theme.objects.all()],
            [(r.pk, r.name) for r in Region.objects.all()],
        )
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_overview_html(theme_id: int | None, region_id: int | None) -> str:
    """The overview's chart and tables (``signals/_overview.html``) for the shared signals,
    filtered by theme and region: rendered once and cached until a signal is confirmed,
    co-signed or withdrawn (or ten minutes pass), per language (month and region names) and
    day. Recomputing reads only the summary table (``SignalFigure``), so it is cheap too."""
    version = cache.get_or_set(VERSION_KEY, time.time_ns, None)
    key = f"signals:overview:{version}:{theme_id}:{region_id}:{get_language()}:{timezone.localdate()}"
    html = cache.get(key)
    if html is None:
        data = overview(theme_id=theme_id, region_id=region_id, today=timezone.localdate())
        labels = [f"{m:%m/%Y}" for m in data.months]
        # The month cells of each row, joined here (escaped by format_html_join): the template
        # language costs about 10 microseconds a node, and a year of themes has a hundred cells.
        rows = [
            (
                theme,
                format_html_join(
                    "",
                    '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="{}">{}</td>',
                    zip(labels, values, strict=True),
                ),
                total,
            )
            for theme, values, total in data.rows
        ]
        html = render_to_string(
            "signals/_overview.html",
            {
                "data": data,
                "rows": rows,
                "labels": labels,
                "bars": bars_svg(bars(data.totals, labels, shown=data.column_totals)),
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return html


def months_back(today: date, months: int) -> list[date]:
    first = date(today.year, today.month, 1)
    for _i in range(months - 1):
        first = date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)
    columns: list[date] = []
    current = first
    while current <= today:
        columns.append(current)
        current = date(current.year + 1, 1, 1) if current.month == 12 else date(current.year, current.month + 1, 1)
    return columns


def total_of(values: list[int], *, total: int | None = None, beside: tuple[list[int], ...] = ()) -> int | str:
    """The total of a row or column of cells as the table may show it (``total``: when it is
    not the cells' sum; ``beside``: other tables of the same total shown on the page). When a
    cell is suppressed ("<5"), an exact total would give it away (total minus the other cells),
    so the total says "at least" what the readable cells prove, each suppressed cell counted as 1."""
    tables = (values, *beside)
    total = sum(values) if total is None else total
    if total < 5 or not any(0 < v < 5 for cells in tables for v in cells):
        return suppress(total)
    known = max(sum(v if v >= 5 else 1 for v in cells if v > 0) for cells in tables)
    return f"≥{known}"


def overview(
    *, theme_id: int | None = None, region_id: int | None = None, months: int = 12, today: date | None = None
) -> Overview:
    """Shared signals by theme and month over the last ``months`` months, and by region, read
    from the summary table (``SignalFigure``) in one query of its cells (themes x regions x
    months, whatever the number of signals); the names come from ``filter_choices`` (cached).
    No suppressed cell can be recovered from the page: totals of rows and months with a
    suppressed cell say "at least" (``total_of``), and when the theme table hides a cell, the
    region table hides its smallest region too, so the grand total is never known exactly."""
    columns = months_back(today or date.today(), months)
    cells_qs = SignalFigure.objects.filter(month__gte=columns[0], signals__gt=0)
    if theme_id:
        cells_qs = cells_qs.filter(theme_id=theme_id)
    if region_id:
        cells_qs = cells_qs.filter(region_id=region_id)
    position = {month: index for index, month in enumerate(columns)}
    by_theme: dict[int, list[int]] = defaultdict(lambda: [0] * len(columns))
    by_region: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for theme_pk, region_pk, month, n, people in cells_qs.values_list(
        "theme_id", "region_id", "month", "signals", "people"
    ):
        index = position.get(month)
        if index is None:  # filed "in the future" (a clock moved back): not in these columns
            continue
        by_theme[theme_pk][index] += n
        by_region[region_pk][0] += n
        by_region[region_pk][1] += people
    theme_choices, region_choices = filter_choices()
    themes, names = dict(theme_choices), dict(region_choices)
    missing = set(by_theme) - set(themes)
    if missing:  # a theme added outside ``save_theme`` (the admin, a seed): one more query
        themes.update(Theme.objects.filter(pk__in=missing).values_list("pk", "name"))
    rows = []
    by_column: list[list[int]] = [[] for _m in columns]
    for theme_pk, values in sorted(by_theme.items(), key=lambda item: themes.get(item[0], "")):
        for index, value in enumerate(values):
            by_column[index].append(value)
        rows.append((themes.get(theme_pk, ""), [suppress(v) for v in values], total_of(values)))
    column_totals = [total_of(values) for values in by_column]
    # The chart's bars: what the table tells (a suppressed cell counted as 1), never more.
    chart = [sum(v if v >= 5 else 1 for v in values if v) for values in by_column]
    regions = sorted((pk, n, people) for pk, (n, people) in by_region.items())
    theme_hides = any(0 < v < 5 for values in by_column for v in values)
    region_hides = any(0 < n < 5 for _r, n, _p in regions)
    secondary = None
    if theme_hides and not region_hides and regions:
        secondary = min(regions, key=lambda r: (r[1], r[0]))[0]
    shown = [
        (names.get(pk, ""), "–" if pk == secondary else suppress(n), "–" if pk == secondary else suppress(people))
        for pk, n, people in regions
    ]
    return Overview(columns, rows, chart, sorted(shown), column_totals)


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value: int | str

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


def bars(
    values: list[int], labels: list[str], *, width: int = 640, height: int = 200, shown: list | None = None
) -> list[Bar]:
    """Bars of an SVG chart (coordinates only: no style). Small values are drawn as "<5" at
    the height of 4, so the chart tells no more than the table; ``shown`` (optional) are the
    labels the table gives the same values."""
    if not values:
        return []
    top = max(max(values), 1)
    slot = width // len(values)
    result = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        drawn = 4 if 0 < value < 5 else value
        h = round(drawn / top * (height - 20))
        value_label = shown[index] if shown is not None else suppress(value)
        result.append(Bar(index * slot + 4, height - h, max(slot - 8, 2), h, label, value_label))
    return result


def bars_svg(drawn: list[Bar]) -> SafeString:
    """The bars as SVG elements (attributes only: no style), each value escaped; joined here
    rather than in the template, for the same reason as the table's cells."""
    parts = []
    for b in drawn:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#1d70b8"><title>{}: {}</title></rect>\n',
                b.x,
                b.y,
                b.width,
                b.height,
                b.label,
                b.value,
            )
        )
        if b.height:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#0b0c0c">{}</text>\n',
                    b.centre,
                    b.y - 4,
                    b.value,
                )
            )
        parts.append(format_html('<text x="{}" y="215" font-size="10" fill="#0b0c0c">{}</text>', b.x, b.label))
    return mark_safe("".join(parts))  # noqa: S308 -- every part went through format_html
