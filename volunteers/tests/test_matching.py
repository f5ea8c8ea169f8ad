"""The ranking: distance, activities, languages; the public API; the public vacancies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.tests.factories import OrganisationFactory
from organisations.models import Activity
from places.services import locate_postcode
from volunteers import matching

from .factories import make_vacancy


@pytest.fixture
def groups(db):
    homework = Activity.objects.get(code="homework-help")
    conversation = Activity.objects.get(code="dutch-conversation")
    near_conversation = OrganisationFactory(name="Babbelgroep Gent", postcode="9000", activities=["dutch-conversation"])
    near_homework = OrganisationFactory(name="Huiswerkklas Gentbrugge", postcode="9050", activities=["homework-help"])
    far_homework = OrganisationFactory(name="Huiswerk Aalst", postcode="9300", activities=["homework-help"])
    mechelen = OrganisationFactory(name="Welcome in Mechelen", postcode="2800", activities=["homework-help"])
    arabic = make_vacancy(far_homework, title="Arabisch huiswerk", activity=homework, languages=["ar"], postcode="9300")
    plain = make_vacancy(near_conversation, title="Praatgroep", activity=conversation, postcode="9000")
    return {
        "near_conversation": near_conversation,
        "near_homework": near_homework,
        "far_homework": far_homework,
        "mechelen": mechelen,
        "arabic": arabic,
        "plain": plain,
    }


def test_distance_alone_orders_nearest_first(groups):
    result = matching.match(locate_postcode("9000"))
    names = [m.obj.name for m in result.groups]
    assert names.index("Babbelgroep Gent") < names.index("Huiswerkklas Gentbrugge") < names.index("Huiswerk Aalst")
    assert all(m.score <= 100 for m in result.groups)


def test_a_wished_activity_outweighs_a_few_km(groups):
    result = matching.match(locate_postcode("9000"), activities=["homework-help"])
    top = result.groups[0]
    assert top.obj == groups["near_homework"]
    assert top.activities == ["homework-help"]
    assert top.reasons[1] == "does what you chose: Homework help"


def test_a_language_the_group_asks_for_counts(groups):
    result = matching.match(locate_postcode("9000"), activities=["homework-help"], languages=["ar"])
    aalst = next(m for m in result.groups if m.obj == groups["far_homework"])
    assert aalst.languages == ["ar"]  # the group asks for Arabic through its open vacancy
    assert "looks for people who speak Arabic" in aalst.reasons
    assert result.vacancies[0].obj == groups["arabic"]
    assert any(reason.endswith("km from your postcode") for reason in result.vacancies[0].reasons)


def test_the_score_adds_its_three_parts(groups):
    result = matching.match(locate_postcode("9300"), activities=["homework-help"], languages=["ar"])
    aalst = next(m for m in result.groups if m.obj == groups["far_homework"])
    # Same place (40), the one wished activity (40), asks for a spoken language (20).
    assert aalst.score == 100


def test_closed_and_ended_vacancies_stop_showing(groups):
    point = locate_postcode("9300")
    assert groups["arabic"] in [m.obj for m in matching.match(point).vacancies]
    groups["arabic"].closed_at = timezone.now()
    groups["arabic"].save()
    matching.invalidate()
    groups["plain"].starts_on = timezone.localdate() - timedelta(days=30)
    groups["plain"].ends_on = timezone.localdate() - timedelta(days=1)
    groups["plain"].save()
    vacancies = [m.obj for m in matching.match(point).vacancies]
    assert groups["arabic"] not in vacancies and groups["plain"] not in vacancies


def test_far_away_postcodes_widen_the_search(groups):
    result = matching.match(locate_postcode("8000"))  # Brugge: no group within 25 km
    assert result.radius_km == matching.WIDE_RADIUS_KM
    assert result.groups


def test_former_members_are_not_matched(groups):
    groups["near_homework"].status = "former"
    groups["near_homework"].save()
    from organisations.services.figures import _bump_directory_version

    _bump_directory_version()
    assert groups["near_homework"] not in [m.obj for m in matching.match(locate_postcode("9000")).groups]


# ---------------------------------------------------------------- API


def test_match_api_ranks_with_reasons_and_no_personal_data(client, groups):
    response = client.get("/api/v1/match?postcode=9000&activities=homework-help&languages=ar")
    assert response.status_code == 200
    body = response.json()
    expected = matching.match(locate_postcode("9000"), activities=["homework-help"], languages=["ar"])
    assert [g["name"] for g in body["groups"]] == [m.obj.name for m in expected.groups]
    assert [g["score"] for g in body["groups"]] == [m.score for m in expected.groups]
    assert "looks for people who speak Arabic" in body["groups"][0]["reasons"]
    assert body["vacancies"][0]["name"] == "Arabisch huiswerk"
    assert {"score", "distance_km", "reasons", "url", "group"} <= set(body["vacancies"][0])
    assert "email" not in str(body).lower()


def test_match_api_accepts_comma_lists(client, groups):
    one = client.get("/api/v1/match?postcode=9000&languages=ar&languages=fa").json()
    two = client.get("/api/v1/match?postcode=9000&languages=ar,fa").json()
    assert one == two


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("postcode=75001", "postcode", "is not a Belgian postcode"),
        ("postcode=9000&languages=xx", "languages", "Unknown language code: xx."),
        ("postcode=9000&activities=juggling", "activities", "Unknown activity: juggling."),
        ("postcode=9000&limit=500", "limit", "between 1 and 50"),
        ("", "postcode", ""),
    ],
)
def test_match_api_bad_input_is_a_clear_400(client, groups, query, field, message):
    response = client.get(f"/api/v1/match?{query}")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert message in response.json()["detail"]


def test_match_api_answers_in_dutch_by_default(groups):
    from django.test import Client

    body = Client().get("/api/v1/match?postcode=9000&languages=ar").json()
    assert any("Arabisch" in reason for m in body["groups"] for reason in m["reasons"])


# ---------------------------------------------------------------- public vacancies


def test_public_vacancy_list_filters_and_orders(client, groups):
    everything = client.get("/vacatures/")
    assert everything.status_code == 200
    assert "Arabisch huiswerk" in everything.content.decode() and "Praatgroep" in everything.content.decode()
    arabic = client.get("/vacatures/?language=ar").content.decode()
    assert "Arabisch huiswerk" in arabic and "Praatgroep" not in arabic
    homework = client.get("/vacatures/?activity=homework-help").content.decode()
    assert "Arabisch huiswerk" in homework and "Praatgroep" not in homework
    near = client.get("/vacatures/?near=9000")
    assert [v.title for v in near.context["page"]] == ["Praatgroep", "Arabisch huiswerk"]


def test_public_vacancy_list_bad_postcode_is_explained(client, groups):
    response = client.get("/vacatures/?near=12")
    assert response.status_code == 200
    assert "is not a Belgian postcode" in response.content.decode()


def test_closed_vacancy_page_is_gone(client, groups):
    vacancy = groups["arabic"]
    assert client.get(f"/vacatures/{vacancy.pk}/").status_code == 200
    vacancy.closed_at = timezone.now()
    vacancy.save()
    assert client.get(f"/vacatures/{vacancy.pk}/").status_code == 404
    assert "Arabisch huiswerk" not in client.get("/vacatures/").content.decode()


def test_vacancy_list_query_count_does_not_grow(client, groups, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as small:
        client.get("/vacatures/")
    for i in range(30):
        make_vacancy(groups["near_homework"], title=f"Extra {i}", languages=["fa"], postcode="9050")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/vacatures/")


def test_a_vacancy_past_its_end_date_drops_out_the_next_day_without_a_write(groups, monkeypatch):
    """Nothing is written between the two matches; only the day changes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    point = locate_postcode("9300")
    today = timezone.localdate()
    ending = groups["plain"]
    ending.ends_on = today
    ending.save()
    matching.invalidate()
    assert ending in [m.obj for m in matching.match(point).vacancies]  # the last day still counts
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        vacancies = [m.obj for m in matching.match(point).vacancies]
    assert ending not in vacancies and groups["arabic"] in vacancies
    assert not [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
