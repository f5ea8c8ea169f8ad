"""A group's vacancies (vrijwilligersvacatures): list, new, edit, close."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisations.models import Activity
from volunteers import matching
from volunteers.models import Vacancy
from volunteers.tests.factories_group import make_vacancy


def base(people) -> str:
    return f"/groepen/{people.group_a.slug}/vacatures/"


def form_data(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Huiswerkbegeleiding in Mechelen",
        "activity": str(Activity.objects.get(code="homework-help").pk),
        "description": "Kinderen helpen met hun huiswerk, <b>twee keer</b> per week.",
        "postcode": "2800",
        "languages": ["ar", "fr"],
        "time_needed": "Twee namiddagen per week",
        "hours_per_month": "8",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


def test_list_shows_open_and_closed_vacancies(people):
    make_vacancy(people.group_a, title="Open taalcafé")
    make_vacancy(people.group_a, title="Gesloten fietsles", closed_at=timezone.now())
    make_vacancy(people.group_b, title="Gentse vacature")
    response = people.client("coordinator").get(base(people))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Open taalcafé" in html and "Gesloten fietsles" in html and "Gentse vacature" not in html
    assert "Closed" in html and "Open" in html


def test_list_refuses_post(people):
    assert people.client("coordinator").post(base(people)).status_code == 405


@pytest.mark.parametrize("path", ["", "nieuw/"])
def test_outsider_gets_404_and_group_volunteer_403(people, path):
    assert people.client("outsider_coordinator").get(base(people) + path).status_code == 404
    assert people.client("volunteer").get(base(people) + path).status_code == 403


def test_secretariat_may_manage_vacancies(people):
    assert people.client("secretariat").get(base(people) + "nieuw/").status_code == 200


def test_vacancy_list_query_count_does_not_grow(people):
    client = people.client("coordinator")
    activity = Activity.objects.get(code="buddy")
    counts = []
    for n in (3, 20):
        for i in range(n):
            make_vacancy(people.group_a, title=f"Vacature {i}", activity=activity, languages=["ar"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(base(people)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_new_vacancy_fills_the_place_from_the_postcode(people):
    client = people.client("coordinator")
    assert client.get(base(people) + "nieuw/").status_code == 200
    response = client.post(base(people) + "nieuw/", form_data())
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.organisation == people.group_a and vacancy.created_by == people.coordinator
    assert vacancy.postal_code.code == "2800" and vacancy.municipality == vacancy.postal_code.municipality
    assert vacancy.latitude is not None and vacancy.longitude is not None
    assert vacancy.languages == ["ar", "fr"] and vacancy.hours_per_month == 8
    assert vacancy in Vacancy.objects.open()


def test_writes_rebuild_the_matching_index(people, committed):
    from places.services import locate_postcode

    point = locate_postcode("2800")
    assert matching.match(point).vacancies == []  # builds the index before the write
    client = people.client("coordinator")
    with committed():
        client.post(base(people) + "nieuw/", form_data())
    vacancy = Vacancy.objects.get()
    assert [m.obj for m in matching.match(point).vacancies] == [vacancy]
    with committed():
        client.post(base(people) + f"{vacancy.pk}/sluiten/")
    assert matching.match(point).vacancies == []


def test_end_before_start_and_bad_input_are_explained_nothing_lost(people):
    today = timezone.localdate()
    client = people.client("coordinator")
    response = client.post(
        base(people) + "nieuw/",
        form_data(ends_on=(today - timedelta(days=1)).isoformat(), postcode="99999", languages=["ar", "xx"]),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date cannot be before the start date." in html
    assert "not a Belgian postcode" in html
    assert "Select a valid choice" in html
    assert "Huiswerkbegeleiding in Mechelen" in html and "Twee namiddagen per week" in html
    assert "<b>twee keer</b>" not in html
    assert not Vacancy.objects.exists()
    response = client.post(base(people) + "nieuw/", form_data(starts_on="gisteren", postcode="1234"))
    html = response.content.decode()
    assert "Enter a valid date" in html and "We do not know the postcode 1234" in html


def test_edit_vacancy(people):
    vacancy = make_vacancy(people.group_a, title="Oude titel")
    url = base(people) + f"{vacancy.pk}/bewerken/"
    client = people.client("coordinator")
    response = client.get(url)
    assert response.status_code == 200 and 'value="2800"' in response.content.decode()
    assert client.post(url, form_data(title="Nieuwe titel", postcode="9000")).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Nieuwe titel" and vacancy.postal_code.code == "9000"


def test_another_groups_vacancy_is_not_found(people):
    theirs = make_vacancy(people.group_b)
    client = people.client("coordinator")
    assert client.get(base(people) + f"{theirs.pk}/bewerken/").status_code == 404
    assert client.post(base(people) + f"{theirs.pk}/sluiten/").status_code == 404
    assert people.client("outsider_coordinator").post(base(people) + f"{theirs.pk}/sluiten/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.closed_at is None


def test_closing_takes_the_vacancy_out_of_the_open_list(people):
    vacancy = make_vacancy(people.group_a)
    assert vacancy in Vacancy.objects.open()
    client = people.client("coordinator")
    assert client.get(base(people) + f"{vacancy.pk}/sluiten/").status_code == 405
    assert people.client("volunteer").post(base(people) + f"{vacancy.pk}/sluiten/").status_code == 403
    response = client.post(base(people) + f"{vacancy.pk}/sluiten/")
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.closed_at is not None and vacancy not in Vacancy.objects.open()
    response = client.post(base(people) + f"{vacancy.pk}/sluiten/", follow=True)
    assert "already closed" in response.content.decode()
