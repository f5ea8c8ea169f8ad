"""The coordinators' inbox of leads and volunteers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from volunteers import services
from volunteers.models import CheckIn, Load, Status
from volunteers.tests.factories_group import make_engagement, make_vacancy


def url(people) -> str:
    return f"/groepen/{people.group_a.slug}/vrijwilligers/"


def test_coordinator_sees_the_groups_leads_new_first(people):
    make_engagement(people.group_a, full_name="Actieve Anna", status=Status.ACTIVE, days_ago=1)
    vacancy = make_vacancy(people.group_a, title="Taalcafé")
    make_engagement(
        people.group_a,
        full_name="Nieuwe Nora",
        vacancy=vacancy,
        languages={"ar": "fluent"},
        activities=["homework-help"],
    )
    make_engagement(people.group_b, full_name="Gentse Gert")
    response = people.client("coordinator").get(url(people))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Nieuwe Nora") < html.index("Actieve Anna")
    assert "Taalcafé" in html and "Arabic (fluent or native)" in html and "Homework help" in html
    assert "Gentse Gert" not in html


def test_the_secretariat_sees_in_a_groups_inbox_only_the_leads_it_may_pass_on(people):
    make_engagement(people.group_a, full_name="Nieuwe Nora")
    waiting = make_engagement(people.group_a, full_name="Wachtende Wim", days_ago=15)
    waiting.volunteer.allow_pass_on = True
    waiting.volunteer.save()
    make_engagement(people.group_a, full_name="Zwijgende Zoë", days_ago=15)
    response = people.client("secretariat").get(url(people))
    html = response.content.decode()
    assert response.status_code == 200 and "Wachtende Wim" in html
    assert "Nieuwe Nora" not in html and "Zwijgende Zoë" not in html


def test_inbox_refuses_post(people):
    assert people.client("coordinator").post(url(people)).status_code == 405


def test_outsider_coordinator_gets_404(people):
    assert people.client("outsider_coordinator").get(url(people)).status_code == 404


def test_group_volunteer_gets_403(people):
    assert people.client("volunteer").get(url(people)).status_code == 403


def test_withdrawn_and_erased_people_are_not_shown(people):
    gone = make_engagement(people.group_a, full_name="Weg Willy")
    services.withdraw(gone)
    erased = make_engagement(people.group_a, full_name="Gewist Gerda")
    services.erase(erased.volunteer)
    html = people.client("coordinator").get(url(people)).content.decode()
    assert "Weg Willy" not in html and "Gewist Gerda" not in html


def test_filter_by_status_and_unknown_status(people):
    make_engagement(people.group_a, full_name="Actieve Anna", status=Status.ACTIVE)
    make_engagement(people.group_a, full_name="Nieuwe Nora")
    client = people.client("coordinator")
    html = client.get(url(people), {"status": "active"}).content.decode()
    assert "Actieve Anna" in html and "Nieuwe Nora" not in html
    response = client.get(url(people), {"status": "<b>nope</b>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This status filter is unknown" in html and "Actieve Anna" in html and "Nieuwe Nora" in html
    assert "<b>nope</b>" not in html


def test_leads_without_answer_for_seven_days_are_flagged(people):
    make_engagement(people.group_a, full_name="Oude Olaf", days_ago=8)
    make_engagement(people.group_a, full_name="Verse Vera", days_ago=2)
    contacted = make_engagement(people.group_a, full_name="Gebelde Greet", days_ago=10)
    contacted.contacted_at = timezone.now()
    contacted.save(update_fields=["contacted_at"])
    html = people.client("coordinator").get(url(people)).content.decode()
    assert html.count("No answer for 7+ days") == 1
    flagged_row = html[html.index("Oude Olaf") :].split("</tr>")[0]
    assert "No answer for 7+ days" in flagged_row


def check_in(engagement, load: int, days_ago: int) -> None:
    CheckIn.objects.create(volunteer=engagement.volunteer, load=load, created_at=timezone.now() - timedelta(days_ago))


def test_overloaded_mark_uses_the_latest_recent_check_in(people):
    heavy = make_engagement(people.group_a, full_name="Zware Zoë", status=Status.ACTIVE)
    check_in(heavy, Load.FINE, 5)
    check_in(heavy, Load.TOO_HEAVY, 1)
    better = make_engagement(people.group_a, full_name="Betere Bart", status=Status.ACTIVE)
    check_in(better, Load.HEAVY, 9)
    check_in(better, Load.LIGHT, 2)
    old = make_engagement(people.group_a, full_name="Oude Otto", status=Status.ACTIVE)
    check_in(old, Load.TOO_HEAVY, 90)
    html = people.client("coordinator").get(url(people)).content.decode()
    assert html.count("Overloaded?") == 1
    assert "Overloaded?" in html[html.index("Zware Zoë") :].split("</tr>")[0]


def _fill(people, n: int) -> None:
    vacancy = make_vacancy(people.group_a)
    for i in range(n):
        e = make_engagement(
            people.group_a,
            vacancy=vacancy if i % 2 else None,
            languages={"ar": "good", "fr": "basic"},
            activities=["homework-help", "buddy"],
            status=Status.ACTIVE if i % 3 == 0 else Status.LEAD,
            days_ago=i,
        )
        CheckIn.objects.create(volunteer=e.volunteer, load=Load.HEAVY)


@pytest.mark.parametrize("path", ["", "?status=lead"])
def test_inbox_query_count_does_not_grow_with_the_data(people, path):
    client = people.client("coordinator")
    counts = []
    for n in (3, 20):
        _fill(people, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(people) + path).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_group_page_links_coordinators_to_volunteers_and_vacancies(people):
    page = f"/groepen/{people.group_a.slug}/"
    html = people.client("coordinator").get(page).content.decode()
    assert url(people) in html and f"/groepen/{people.group_a.slug}/vacatures/" in html
    html = people.client("volunteer").get(page).content.decode()
    assert url(people) not in html
