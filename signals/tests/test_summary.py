"""The overview's summary table: kept in step by the services, equal to a recomputation after
any sequence of operations; the overview reads only it, with no suppressed cell recoverable."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.management import call_command

from places.models import Region
from signals import figures, services, summary
from signals.models import Dossier, Signal, SignalFigure, SignalStatus
from signals.tests.factories import make_signal, theme

pytestmark = pytest.mark.django_db


def test_the_summary_equals_a_recomputation_after_random_operations(people):
    rng = random.Random(2026)
    themes = [theme("Woningnood"), theme("Tolken")]
    regions = list(Region.objects.all()[:3])
    secretariat = people.secretariat
    dossier = services.save_dossier(Dossier(title="D1", theme=themes[0]), acting_user=secretariat)
    other = services.save_dossier(Dossier(title="D2", theme=themes[0]), acting_user=secretariat)
    groups = [(people.group_a, people.coordinator, people.outsider_coordinator, people.group_b)]
    groups.append((people.group_b, people.outsider_coordinator, people.coordinator, people.group_a))
    for step in range(120):
        group, coordinator, signer, signer_group = rng.choice(groups)
        op = rng.choice(["file"] * 3 + ["confirm"] * 4 + ["withdraw", "cosign", "cosign", "add", "remove", "move"])
        signals = list(Signal.objects.filter(organisation=group))
        try:
            if op == "file" or not signals:
                signal = Signal(
                    organisation=group,
                    theme=rng.choice(themes),
                    life_domain="housing",
                    region=rng.choice(regions),
                    description=f"Probleem {step}",
                    count=rng.randint(1, 30),
                )
                services.file_signal(signal, acting_user=coordinator)
            elif op == "confirm":
                s = rng.choice([x for x in signals if x.is_draft] or signals)
                services.confirm_signal(s, description=s.description, example="", acting_user=coordinator)
            elif op == "withdraw":
                services.withdraw_signal(rng.choice(signals), acting_user=coordinator)
            elif op == "cosign":
                services.cosign(
                    rng.choice(signals), organisation=signer_group, count=rng.randint(1, 9), acting_user=signer
                )
            elif op == "add":
                services.add_signals(dossier, [rng.choice(signals)], acting_user=secretariat)
            elif op == "remove":
                services.remove_signals(dossier, [rng.choice(signals)], acting_user=secretariat)
            elif op == "move" and dossier.signals.count() > 1:
                services.split_dossier(dossier, [dossier.signals.first()], title="Split", acting_user=secretariat)
        except Exception as error:  # noqa: BLE001 -- refused moves (ServiceError, TransitionError) change nothing
            assert type(error).__name__ in {"ServiceError", "TransitionError", "ValidationError"}, (op, error)
    assert Signal.objects.filter(status__in=summary.SHARED).count() > 5
    assert summary.stored() == summary.recomputed()
    # The rebuild command gives the same table from scratch.
    before = summary.stored()
    SignalFigure.objects.all().delete()
    call_command("signals_rebuild_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert summary.stored() == before
    assert other.pk  # the second dossier stays usable


def test_the_overview_reads_only_the_summary_table(people, django_assert_num_queries):
    make_signal(people.group_a, status=SignalStatus.CONFIRMED, count=7)
    # A signal changed behind the services' back does not show: the table is what is read.
    Signal.objects.create(
        organisation=people.group_a,
        theme=theme(),
        life_domain="housing",
        region=Region.objects.get(nis_code="02000"),
        description="x",
        count=3,
        status=SignalStatus.CONFIRMED,
    )
    data = figures.overview()
    assert data.rows == [("Woningnood", data.rows[0][1], "<5")]
    with django_assert_num_queries(1):  # the cells; the names come from the cached filter choices
        figures.overview()


def test_totals_never_give_a_suppressed_cell_away():
    assert figures.total_of([0, 7, 3]) == "≥8"  # 7 + one hidden cell counted as 1, not 10
    assert figures.total_of([7, 9]) == 16
    assert figures.total_of([1, 2]) == "<5"
    assert figures.total_of([2, 3]) == "≥2"


def test_a_hidden_theme_cell_hides_a_region_too(people):
    flanders = Region.objects.get(nis_code="02000")
    brussels = Region.objects.exclude(pk=flanders.pk).first()
    for _ in range(6):
        make_signal(people.group_a, status=SignalStatus.CONFIRMED, theme=theme("Tolken"), region=flanders)
    for _ in range(6):
        make_signal(people.group_a, status=SignalStatus.CONFIRMED, theme=theme("Tolken"), region=brussels)
    make_signal(people.group_a, status=SignalStatus.CONFIRMED, theme=theme("Dublin"), region=brussels)
    data = figures.overview(today=date.today())
    assert ("Dublin", data.rows[0][1], "<5") == data.rows[0]
    shown = {name: n for name, n, _people in data.by_region}
    # Region totals 6 and 7 would give 13 - 12 = the hidden Dublin cell: one region is hidden.
    assert "–" in shown.values()
    # This month: Tolken 12 and Dublin <5: the month's total says "at least 13" (a hidden cell
    # counted as 1), whatever Dublin's true count.
    assert data.column_totals[-1] == "≥13"


def test_the_recomputed_overview_makes_as_many_queries_at_two_sizes(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = people.client("outsider")

    def queries() -> int:
        figures.changed(refresh=False)  # as right after a confirmation, without the refresh
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/signalen/overzicht/").status_code == 200
        return len(captured.captured_queries)

    make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    client.get("/signalen/overzicht/")
    small = queries()
    for index in range(4):
        theme(f"Thema {index}")
    figures.themes_changed()  # as ``services.save_theme`` does
    for index in range(30):
        make_signal(people.group_b, status=SignalStatus.CONFIRMED, theme=theme(f"Thema {index % 4}"), count=index + 1)
    client.get("/signalen/overzicht/")  # the new themes' filters, once
    assert queries() == small
    figures.changed()  # with the refresh, the page is served from the cache
    with CaptureQueriesContext(connection) as captured:
        client.get("/signalen/overzicht/")
    assert len(captured.captured_queries) < small


def test_a_theme_added_outside_the_services_still_has_its_name(people):
    figures.filter_choices()  # cached before the theme exists
    make_signal(people.group_a, status=SignalStatus.CONFIRMED, theme=theme("Nieuw thema"), count=8)
    assert [row[0] for row in figures.overview().rows] == ["Nieuw thema"]


def test_the_migration_fills_the_table_from_the_signals_already_there(people):
    import importlib

    from django.apps import apps

    make_signal(people.group_a, status=SignalStatus.CONFIRMED, count=7)
    shared = make_signal(people.group_a, status=SignalStatus.IN_DOSSIER, count=2)
    make_signal(people.group_b)  # a draft: not counted
    services.cosign(shared, organisation=people.group_b, count=4, acting_user=people.outsider)
    SignalFigure.objects.all().delete()
    importlib.import_module("signals.migrations.0005_fill_signal_figures").fill(apps, None)
    assert summary.stored() == summary.recomputed() != {}


def test_a_dossiers_totals_never_give_a_suppressed_cell_away(people):
    """Beside the dossier's tables by region and by month, a total would give a "<5" cell
    away (the total minus the other cells): it says "at least" what the readable cells prove."""
    from places.models import Region
    from signals.figures import dossier_figures, total_of
    from signals.tests.factories import flanders, make_dossier, make_signal

    brussels = Region.objects.exclude(pk=flanders().pk).first()
    assert brussels is not None
    few = [make_signal(people.group_a, count=2, region=brussels) for _ in range(2)]
    many = [make_signal(people.group_a, count=3) for _ in range(6)]
    figures = dossier_figures(make_dossier(*few, *many))
    assert dict((name, n) for name, n, _people in figures.by_region)[brussels.name] == "<5"
    # People: 4 in Brussels ("<5") and 18 in Flanders, so at least 19, not 22. Signals: the
    # month table shows all 8 in one month, which is what the total may say.
    assert figures.people == "≥19" and figures.signals == "≥8"
    assert dossier_figures(make_dossier(*few, title="Klein")).signals == "<5"
    assert total_of([6, 6], total=12) == 12 and total_of([3], total=3) == "<5"
