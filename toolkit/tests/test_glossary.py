"""The public glossary: words to use, words to avoid, in Dutch with French and English."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from toolkit.tests.factories import make_term


@pytest.fixture
def terms(db):
    return [
        make_term(
            "mens zonder wettig verblijf",
            "Iemand zonder verblijfsrecht. Een mens is nooit illegaal.",
            avoid="illegaal, illegale",
            term_fr="personne sans titre de séjour",
            explanation_fr="Une personne sans droit de séjour.",
            term_en="person without legal residence",
            explanation_en="Someone without a right to stay.",
        ),
        make_term("nieuwkomer", "Iemand die nog maar kort in België woont."),
    ]


def _client(lang: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def test_visitors_see_the_terms_to_use_and_to_avoid(client, terms):
    response = client.get("/toolkit/woordenlijst/")
    assert response.status_code == 200
    html = response.text
    assert 'id="mens-zonder-wettig-verblijf"' in html
    assert "Avoid:" in html and "illegaal, illegale" in html
    assert html.index("mens zonder wettig verblijf") < html.index("nieuwkomer")


def test_the_term_is_shown_in_the_readers_language_with_the_dutch_term_beside_it(terms):
    french = _client("fr").get("/toolkit/woordenlijst/").text
    assert '<span lang="fr">personne sans titre de séjour</span>' in french
    assert (
        "Une personne sans droit de séjour." in french
        and '(<span lang="nl">mens zonder wettig verblijf</span>)' in french
    )
    assert "À éviter" in french
    dutch = _client("nl").get("/toolkit/woordenlijst/").text
    assert "Iemand zonder verblijfsrecht." in dutch and "personne sans titre" not in dutch


def test_a_term_without_a_translation_falls_back_to_dutch_marked_as_dutch(terms):
    english = _client("en").get("/toolkit/woordenlijst/").text
    assert '<span lang="nl">nieuwkomer</span>' in english
    assert '<p lang="nl">Iemand die nog maar kort in België woont.</p>' in english


def test_the_glossary_can_be_empty(client, db):
    assert "The glossary is empty." in client.get("/toolkit/woordenlijst/").text


def test_the_glossary_is_read_only(client, terms):
    assert client.post("/toolkit/woordenlijst/").status_code == 405


def test_the_toolkit_search_finds_glossary_terms(client, terms):
    html = client.get("/toolkit/zoeken/", {"q": "illegale"}).text
    assert "mens zonder wettig verblijf" in html and "Glossary" in html
    data = client.get("/api/v1/search", {"q": "nieuwkomer"}).json()
    assert [(r["kind"], r["title"]) for r in data["results"]] == [("term", "nieuwkomer")]


def test_a_page_links_to_the_glossary_terms_it_uses_or_should_avoid(client, terms):
    from toolkit.tests.factories import make_page

    page = make_page("Huisvesting", "Een nieuwkomer zoekt een woning. Zeg nooit illegaal.")
    other = make_page("Werk", "Niets uit de woordenlijst; nieuwkomers-achtig is geen los woord.")
    text = client.get(page.get_absolute_url()).text
    assert "Words from the glossary on this page" in text
    assert "/toolkit/woordenlijst/#nieuwkomer" in text and "/toolkit/woordenlijst/#mens-zonder-wettig-verblijf" in text
    assert "Words from the glossary on this page" not in client.get(other.get_absolute_url()).text
