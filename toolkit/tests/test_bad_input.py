"""Bad input on the Toolkit's pages: a message, never a 500 (issue 9). Runs on SQLite and
PostgreSQL; ids past 2**63 overflowed SQLite."""

from __future__ import annotations

import pytest

from toolkit.forms import MAX_SUGGESTION
from toolkit.models import EditSuggestion, PageRevision
from toolkit.tests.factories import make_page

BODY = "## Huurwaarborg\n\nHet OCMW kan helpen.\n"


@pytest.fixture
def page(people):
    return make_page("Wonen", BODY, visibility="public")


@pytest.mark.parametrize("number", ["²", "٢", "0", "-3", str(2**64), "9" * 40])
def test_any_page_number_on_the_search_gives_a_page(client, page, number):
    response = client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "page": number})
    assert response.status_code == 200


def test_a_suggestion_longer_than_the_limit_is_refused_with_a_message(people, page):
    body = BODY + "x" * MAX_SUGGESTION
    response = people.client("volunteer").post(
        f"/toolkit/{page.slug}/voorstellen/",
        {"title": page.title, "body": body, "message": "Veel", "base_revision": page.current_revision().pk},
    )
    assert response.status_code == 200
    assert f"at most {MAX_SUGGESTION} characters" in response.context["form"].errors["body"][0].replace(",", "")
    assert EditSuggestion.objects.count() == 0


@pytest.mark.parametrize("current", [str(2**64), "²", "abc"])
def test_restoring_with_a_strange_current_version_is_refused_not_a_500(people, page, current):
    page.body = BODY + "Nieuw.\n"
    from toolkit import services

    services.save_page(page, message="Tweede")
    response = people.client("secretariat").post(
        f"/toolkit/{page.slug}/geschiedenis/1/terugzetten/", {"current": current}
    )
    assert response.status_code == 302
    assert PageRevision.objects.filter(page=page).count() == 2


@pytest.mark.parametrize("number", [str(2**63), str(2**64), "9" * 30])
def test_a_version_number_past_any_id_is_not_found(client, page, number):
    assert client.get(f"/toolkit/{page.slug}/geschiedenis/{number}/").status_code == 404
    assert client.get(f"/toolkit/{page.slug}/geschiedenis/vergelijken/", {"van": number, "naar": 1}).status_code == 400
