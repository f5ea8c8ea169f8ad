from __future__ import annotations

import pytest

from families import figures, services
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db


def test_figures_leave_the_group_suppressed_and_without_totals(people):
    for _ in range(6):
        make_family(people.group_a, people.coordinator)
    one = make_family(people.group_b, people.outsider_coordinator)
    services.set_reached(one.goals.get(), True, acting_user=people.outsider_coordinator)
    rows = {name: (n, reached) for name, n, reached in figures.per_group()}
    assert rows[people.group_a.name] == (6, 0)
    assert rows[people.group_b.name] == ("<5", "<5")
    assert dict(figures.goals_reached_per_domain())["Housing (wonen)"] == "<5"
    page = people.client("secretariat").get("/secretariaat/gezinnen/").content.decode()
    assert "&lt;5" in page and "Familie Amal" not in page and "Total" not in page
