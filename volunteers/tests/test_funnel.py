"""The volunteer funnel: figures on a small known data set, suppression outside the group,
the period filter, the exports, and a constant number of queries."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.tests.factories import OrganisationFactory
from volunteers import funnel, services
from volunteers.models import Intake, Status, StatusChange
from volunteers.tests.factories_sec import make_engagement, make_volunteer

FUNNEL = "/secretariaat/vrijwilligers/"


def two_years() -> dict[str, str]:
    today = timezone.localdate()
    return {"since": (today - timedelta(days=730)).isoformat(), "until": today.isoformat()}


@pytest.fixture
def data(people):
    """Group A: six engagements in the last two years (and one older); group B: one lead."""
    a, b = people.group_a, people.group_b
    e = {}
    e[1] = make_engagement(make_volunteer("Anna Een"), a, created=400, contacted=398, activated=390)
    StatusChange.objects.create(engagement=e[1], status=Status.INTAKE)
    e[2] = make_engagement(
        make_volunteer("Bart Twee"), a, created=400, contacted=390, activated=380, stopped=300, stop_reason="work"
    )
    Intake.objects.create(engagement=e[2], notes="Bart wil huiswerkbegeleiding doen.")
    e[3] = make_engagement(
        make_volunteer("Chris Drie"), a, created=200, contacted=199, activated=190, stopped=50, stop_reason="too-heavy"
    )
    StatusChange.objects.create(engagement=e[3], status=Status.INTAKE)
    Intake.objects.create(engagement=e[3], notes="Twee intakes tellen als één.")
    e[4] = make_engagement(make_volunteer("Dina Vier"), a, created=100)
    e[5] = make_engagement(make_volunteer("Eva Vijf"), a, created=20, contacted=15)
    e[6] = make_engagement(make_volunteer("Fien Zes"), a, created=800, contacted=799)
    e[7] = make_engagement(make_volunteer("Gert Zeven"), a, created=10)
    services.withdraw(e[7])
    e[8] = make_engagement(make_volunteer("Hilde Acht", postcode="9000"), b, created=5)
    return e


GROUP_A = {
    "leads": 6,
    "answered_in_time": 3,
    "intakes": 3,
    "active_3m": 2,
    "active_12m": 1,
    "stopped": 3,
    "stopped_work": 1,
    "stopped_study": 0,
    "stopped_moved": 0,
    "stopped_too-heavy": 1,
    "stopped_not-needed": 0,
    "stopped_other": 1,
}


def period(**kw) -> funnel.Period:
    today = timezone.localdate()
    return funnel.Period(today - timedelta(days=730), today)


def test_group_figures_on_a_known_data_set(data, people):
    assert funnel.for_group(people.group_a, period()) == GROUP_A


def test_network_figures_add_up_the_groups(data, people):
    figures = funnel.network(period())
    assert figures == {**GROUP_A, "leads": 7}
    assert funnel.per_group(period()) == {
        people.group_a.pk: GROUP_A,
        people.group_b.pk: {**funnel.empty(), "leads": 1},
    }


def test_default_period_is_the_last_twelve_months(data, people):
    figures = funnel.for_group(people.group_a, funnel.Period.default())
    # Engagements 1 and 2 came in 400 days ago: outside the last 12 months.
    assert figures["leads"] == 4
    assert figures["active_3m"] == 1


def test_period_filter_on_created_at(data, people):
    today = timezone.localdate()
    only_recent = funnel.Period(today - timedelta(days=30), today)
    assert funnel.for_group(people.group_a, only_recent)["leads"] == 2  # engagements 5 and 7


def test_suppress_small_counts():
    assert [funnel.suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


def test_erasure_keeps_the_counts(data, people):
    before = funnel.for_group(people.group_a, period())
    services.erase(data[2].volunteer)  # already stopped: nothing changes at all
    assert funnel.for_group(people.group_a, period()) == before
    services.erase(data[1].volunteer)  # active: the funnel's steps stay, the person now counts as stopped
    after = funnel.for_group(people.group_a, period())
    assert {k: after[k] for k in ("leads", "answered_in_time", "intakes", "active_3m", "active_12m")} == {
        k: before[k] for k in ("leads", "answered_in_time", "intakes", "active_3m", "active_12m")
    }
    assert after["stopped_other"] == before["stopped_other"] + 1


# ---------------------------------------------------------------- the secretariat's page


def test_secretariat_sees_suppressed_figures(data, people):
    response = people.client("secretariat").get(FUNNEL, two_years())
    assert response.status_code == 200
    rows = dict((org.pk, values) for org, values in response.context["rows"])
    # leads, answered in time, intakes, active 3m, active 12m, stopped, then the reasons
    assert rows[people.group_a.pk][:6] == [6, "<5", "<5", "<5", "<5", "<5"]
    assert rows[people.group_b.pk][:6] == ["<5", 0, 0, 0, 0, 0]
    network = dict(response.context["network"])
    assert network["Leads"] == 7
    assert network["Intakes"] == "<5"
    assert ">&lt;5</td>" in response.content.decode()


def test_bad_period_gives_a_message_and_the_default_figures(data, people):
    client = people.client("secretariat")
    for params in ({"since": "gisteren"}, {"since": "2025-02-30"}, {"since": "0001-01-01"}):
        response = client.get(FUNNEL, params)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert response.context["period"] == funnel.Period.default()
        assert params["since"] in response.content.decode()  # what was typed is kept
    response = client.get(FUNNEL, {"since": "2026-05-01", "until": "2026-01-01"})
    assert response.status_code == 200
    assert "The start of the period comes after its end." in response.content.decode()


def test_others_cannot_open_the_funnel(people):
    assert people.client("coordinator").get(FUNNEL).status_code == 403
    assert people.client("volunteer").get(FUNNEL).status_code == 403
    assert people.client(None).get(FUNNEL).status_code == 302
    assert people.client("secretariat").post(FUNNEL).status_code == 405


def _grow(people, n: int) -> None:
    for i in range(n):
        org = OrganisationFactory(postcode="9000")
        volunteer = make_volunteer(f"Persoon{i} Groei{i}")
        engagement = make_engagement(volunteer, org, created=30, contacted=29, activated=100)
        Intake.objects.create(engagement=engagement)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_funnel_page_queries_do_not_grow_with_groups(data, people):
    client = people.client("secretariat")
    _queries(client, FUNNEL)  # warm up (session, caches)
    small = _queries(client, FUNNEL, two_years())
    _grow(people, 12)
    assert _queries(client, FUNNEL, two_years()) == small


# ---------------------------------------------------------------- exports


def test_csv_export_streams_and_is_suppressed(data, people):
    response = people.client("secretariat").get("/secretariaat/vrijwilligers/export.csv", two_years())
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = rows[0]
    by_group = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_group["Whole network"]["leads"] == "7"
    wim = by_group["Welcome in Mechelen (WiM)"]
    assert (wim["leads"], wim["answered_in_time"], wim["stopped_work"], wim["stopped_study"]) == ("6", "<5", "<5", "0")
    assert by_group["Werkgroep Vluchtelingen Gent"]["leads"] == "<5"
    # Nobody's name leaves in the export.
    assert "Anna" not in text and "Hilde" not in text


def test_xlsx_export_reads_back_suppressed(data, people):
    from openpyxl import load_workbook

    response = people.client("secretariat").get("/secretariaat/vrijwilligers/export.xlsx", two_years())
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    header = rows[0]
    by_group = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_group["Welcome in Mechelen (WiM)"]["leads"] == 6
    assert by_group["Welcome in Mechelen (WiM)"]["intakes"] == "<5"
    assert by_group["Whole network"]["leads"] == 7


def test_export_with_a_bad_period_goes_back_to_the_page(people):
    response = people.client("secretariat").get("/secretariaat/vrijwilligers/export.csv", {"until": "morgen"})
    assert response.status_code == 302
    assert response["Location"].startswith(FUNNEL)
    assert people.client("secretariat").get("/secretariaat/vrijwilligers/export.pdf").status_code == 404


def test_export_is_for_the_secretariat_only(people):
    assert people.client("coordinator").get("/secretariaat/vrijwilligers/export.csv").status_code == 403


# ---------------------------------------------------------------- a group's own figures


def figures_url(org) -> str:
    return f"/groepen/{org.slug}/vrijwilligers/cijfers/"


def test_group_sees_its_own_figures_unsuppressed(data, people):
    response = people.client("coordinator").get(figures_url(people.group_a), two_years())
    assert response.status_code == 200
    steps = dict(response.context["steps"])
    assert steps == {
        "Leads": 6,
        "Answered within 7 days": 3,
        "Intakes": 3,
        "Active after 3 months": 2,
        "Active after 12 months": 1,
        "Stopped": 3,
    }
    reasons = dict(response.context["stop_reasons"])
    assert reasons["Work"] == 1 and reasons["Too heavy"] == 1 and reasons["Study"] == 0
    assert ">&lt;5</td>" not in response.content.decode()


def test_secretariat_may_open_a_groups_figures(data, people):
    assert people.client("secretariat").get(figures_url(people.group_a)).status_code == 200


def test_other_groups_cannot_see_a_groups_figures(data, people):
    assert people.client("outsider_coordinator").get(figures_url(people.group_a)).status_code == 404
    assert people.client("volunteer").get(figures_url(people.group_a)).status_code == 403
    assert people.client("coordinator").get("/groepen/bestaat-niet/vrijwilligers/cijfers/").status_code == 404


def test_group_figures_bad_period(people):
    response = people.client("coordinator").get(figures_url(people.group_a), {"since": "x", "until": "2020-13-01"})
    assert response.status_code == 200
    assert response.context["form"].errors
