"""Toolkit search on the database under test: PostgreSQL full-text (Dutch) with trigram,
or SQLite FTS5. The same behaviour is asserted on both; what only one backend can do is
marked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from toolkit import search, services
from toolkit.tests.factories import make_page, make_term

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")


@pytest.fixture
def library(people):
    housing = make_page(
        "Huurwaarborg betalen",
        "Een verhuurder vraagt bij een nieuw contract een waarborg. Het OCMW kan helpen.",
        life_domains=["housing", "finances"],
        people=["recognised-refugee"],
    )
    loans = make_page(
        "Kleine leningen",
        "Sommige groepen geven renteloze leningen voor huurwaarborgen en voor gezinshereniging.",
        life_domains=["finances"],
        people=["family-reunification"],
    )
    secret = make_page(
        "Interne afspraken over huurwaarborgen",
        "Hoe onze groepen samen huurwaarborgen voorschieten.",
        visibility="members",
        life_domains=["finances"],
    )
    school = make_page("Schoolkosten", "De schooltoeslag en de maximumfactuur.", life_domains=["education"])
    return housing, loans, secret, school


def titles(results) -> list[str]:
    return [h.title for h in results.hits]


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(library):
    assert titles(search.search("huurwaarborg", user=AnonymousUser()))[:2] == [
        "Huurwaarborg betalen",
        "Kleine leningen",
    ]


def test_a_word_also_finds_its_longer_forms(library):
    # "huurwaarborg" finds "huurwaarborgen" (stemming on PostgreSQL, prefix matching on SQLite).
    assert "Kleine leningen" in titles(search.search("huurwaarborg", user=AnonymousUser()))
    assert "Kleine leningen" in titles(search.search("lening", user=AnonymousUser()))


def test_every_word_must_match_when_a_page_has_them_all(library):
    results = search.search("huurwaarborg ocmw", user=AnonymousUser())
    assert titles(results) == ["Huurwaarborg betalen"] and not results.partial


def test_without_a_page_that_has_every_word_the_pages_with_the_most_words_come_first(library):
    results = search.search("huurwaarborg ocmw schooltoeslag", user=AnonymousUser())
    assert results.partial
    assert titles(results)[0] == "Huurwaarborg betalen"  # two of the three words
    assert set(titles(results)) == {"Huurwaarborg betalen", "Kleine leningen", "Schoolkosten"}
    # A word that occurs nowhere never empties the page while another word matches.
    assert titles(search.search("huurwaarborg ruimteschip", user=AnonymousUser()))[0] == "Huurwaarborg betalen"
    assert titles(search.search("ruimteschip maanlander", user=AnonymousUser())) == []


def test_the_passage_marks_the_matching_words(library):
    hit = search.search("ocmw", user=AnonymousUser()).hits[0]
    assert "<mark>OCMW</mark>" in hit.passage


def test_the_passage_is_escaped_before_it_is_marked(people):
    make_page("Tekens", "Als a < b & c dan is de waarborg 2 > 1.")
    passage = search.search("waarborg", user=AnonymousUser()).hits[0].passage
    assert "<mark>waarborg</mark>" in passage
    assert "&lt;" in passage and "&amp;" in passage and "&gt;" in passage
    assert passage.count("<") == passage.count("<mark>") + passage.count("</mark>")


def test_visitors_never_find_members_only_pages_and_members_do(people, library):
    assert "Interne afspraken over huurwaarborgen" not in titles(search.search("huurwaarborg", user=AnonymousUser()))
    assert "Interne afspraken over huurwaarborgen" in titles(search.search("huurwaarborg", user=people.volunteer))


def test_filters_by_life_domain_and_people_concerned(library):
    user = AnonymousUser()
    assert titles(search.search("huurwaarborg", user=user, life_domain="housing")) == ["Huurwaarborg betalen"]
    assert titles(search.search("huurwaarborg", user=user, people="family-reunification")) == ["Kleine leningen"]
    assert titles(search.search("huurwaarborg", user=user, life_domain="education")) == []


@pytest.mark.parametrize("query", ["", "   ", "a", "a b", "%%", "!?*", "-- ;", "_"])
def test_empty_one_letter_and_symbol_queries_are_refused_with_a_message(library, query):
    with pytest.raises(search.QueryError) as refused:
        search.search(query, user=AnonymousUser())
    assert str(refused.value)


@pytest.mark.parametrize(
    "query", ['"huurwaarborg', "huurwaarborg OR NEAR(", "huur* AND -x", "title:ocmw", "ocmw & | ! :*", "'); drop"]
)
def test_search_syntax_in_the_query_is_treated_as_plain_words(library, query):
    search.search(query, user=AnonymousUser())  # no error from the backend


def test_the_index_follows_edits_and_deletions(library):
    housing = library[0]
    housing.body = "Nu gaat deze tekst over de energiefactuur."
    services.save_page(housing)
    assert "Huurwaarborg betalen" in titles(search.search("energiefactuur", user=AnonymousUser()))
    assert titles(search.search("ocmw", user=AnonymousUser())) == []
    services.delete_page(housing)
    assert titles(search.search("energiefactuur", user=AnonymousUser())) == []


def test_glossary_terms_are_found_by_the_word_to_avoid(library):
    make_term("mens zonder wettig verblijf", "Iemand zonder verblijfsrecht.", avoid="illegaal")
    results = search.search("illegaal", user=AnonymousUser())
    assert [(h.kind, h.title) for h in results.hits] == [("term", "mens zonder wettig verblijf")]
    assert results.hits[0].url == "/toolkit/woordenlijst/#mens-zonder-wettig-verblijf"


def test_a_typo_still_finds_the_page(library):
    # PostgreSQL: trigram word similarity; SQLite: the closest word in the FTS5 vocabulary.
    assert "Huurwaarborg betalen" in titles(search.search("huurwarborg", user=AnonymousUser()))
    assert "Huurwaarborg betalen" in titles(search.search("huurwaarbrog", user=AnonymousUser()))


@on_postgres
def test_dutch_stemming_on_postgresql(library):
    # "leningen" and "lening" share the Dutch stem; so do "groepen" and "groep".
    assert "Kleine leningen" in titles(search.search("groep", user=AnonymousUser()))


# ---------------------------------------------------------------- the search page


def test_search_page_shows_ranked_results_with_passages(client, library):
    html = client.get("/toolkit/zoeken/", {"q": "huurwaarborg"}).text
    assert html.index("Huurwaarborg betalen") < html.index("Kleine leningen")
    assert "<mark>" in html and "2 results" in html


def test_search_page_filters(client, library):
    html = client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "domain": "housing"}).text
    assert "Huurwaarborg betalen" in html and "Kleine leningen" not in html


@pytest.mark.parametrize("q", ["", "x", "%%%", "?"])
def test_search_page_explains_a_query_it_cannot_use(client, library, q):
    response = client.get("/toolkit/zoeken/", {"q": q})
    assert response.status_code == 200
    assert "two or more letters" in response.text or "Type one or more words" in response.text


def test_search_page_refuses_an_unknown_filter_with_a_message(client, library):
    response = client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "domain": "nonsense"})
    assert response.status_code == 200 and "Select a valid choice" in response.text


def test_search_page_without_a_query_shows_the_form(client, library):
    response = client.get("/toolkit/zoeken/")
    assert response.status_code == 200 and 'name="q"' in response.text
    assert 'class="app-card-list results"' not in response.text and "Nothing found" not in response.text


def test_search_page_is_read_only(client, library):
    assert client.post("/toolkit/zoeken/", {"q": "ocmw"}).status_code == 405


# ---------------------------------------------------------------- the JSON API


def test_api_returns_ranked_results_with_highlight(client, library):
    response = client.get("/api/v1/search", {"q": "huurwaarborg"})
    assert response.status_code == 200
    data = response.json()
    assert [r["title"] for r in data["results"]][:2] == ["Huurwaarborg betalen", "Kleine leningen"]
    assert data["count"] == 2 and data["terms"] == ["huurwaarborg"]
    assert data["results"][0]["rank"] >= data["results"][1]["rank"]
    assert "<mark>" in data["results"][1]["highlight"]
    assert data["results"][0]["url"].startswith("http://testserver/toolkit/")


def test_api_gives_anonymous_callers_public_pages_only(people, library):
    anonymous = [r["title"] for r in people.client(None).get("/api/v1/search?q=huurwaarborg").json()["results"]]
    member = [r["title"] for r in people.client("volunteer").get("/api/v1/search?q=huurwaarborg").json()["results"]]
    assert "Interne afspraken over huurwaarborgen" not in anonymous
    assert "Interne afspraken over huurwaarborgen" in member


@pytest.mark.parametrize(
    ("query", "field"),
    [("", "q"), ("q=x", "q"), ("q=%25%25", "q"), ("q=ocmw&domain=nope", "domain"), ("q=ocmw&people=nope", "people"),
     ("q=ocmw&limit=0", "limit"), ("q=ocmw&limit=abc", "limit")],
)  # fmt: skip
def test_api_refuses_bad_queries_with_a_json_message(client, library, query, field):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    assert response.json()["detail"] and field in response.json()["errors"]


def test_api_search_is_read_only(client, library):
    assert client.post("/api/v1/search?q=ocmw").status_code == 405


def test_search_query_count_does_not_grow_with_the_number_of_hits(client, people, settings):
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries, not the page cache (core/tests/test_pagecache.py)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/toolkit/zoeken/", {"q": "waarborg"}).status_code == 200
        return len(queries)

    make_page("Waarborg 0", "De waarborg.")
    count()  # builds and caches the thesaurus (two queries, once)
    few = count()
    for n in range(1, 12):
        make_page(f"Waarborg {n}", "De waarborg.")
    assert count() == few


def test_common_words_are_left_out_of_the_query(library):
    results = search.search("de huurwaarborg en het OCMW", user=AnonymousUser())
    assert results.terms == ["huurwaarborg", "ocmw"] and titles(results) == ["Huurwaarborg betalen"]
    with pytest.raises(search.QueryError, match="too common"):
        search.search("de het een", user=AnonymousUser())


def test_a_plural_finds_the_singular_on_both_backends(library):
    assert titles(search.search("huurwaarborgen", user=AnonymousUser()))[0] == "Huurwaarborg betalen"
    assert "Kleine leningen" in titles(search.search("leningen", user=AnonymousUser()))


@pytest.mark.parametrize(
    ("word", "stem"),
    [("huurwaarborgen", "huurwaarborg"), ("leningen", "lening"), ("wonen", "wonen"), ("kosten", "kosten"),
     ("studies", "studie"), ("openbare", "openbar"), ("ocmw", "ocmw")],
)  # fmt: skip
def test_the_sqlite_ending_stripper_keeps_at_least_five_letters(word, stem):
    assert search.strip_ending(word) == stem


def test_many_better_ranked_questions_and_hidden_pages_never_crowd_out_what_a_reader_may_see(people):
    """Short questions rank above long pages, and members-only pages may match too: each
    kind is ranked among what the reader may see, so the public page is always found."""
    from toolkit.models import Question

    public = make_page("Wonen", "Lange tekst over wonen. " * 40 + "De huurwaarborg betaal je bij de start.")
    for i in range(30):
        make_page(f"Intern {i}", "Huurwaarborg huurwaarborg.", visibility="members")
    questions = Question.objects.bulk_create(
        [Question(title=f"Huurwaarborg {i}?", body="Huurwaarborg", life_domain="housing") for i in range(520)]
    )
    for question in questions:
        search.index_question(question)

    anonymous = search.search("huurwaarborg", user=AnonymousUser())
    assert [h.title for h in anonymous.hits] == ["Wonen"]
    member = search.search("huurwaarborg", user=people.volunteer)
    assert {h.kind for h in member.hits} >= {"question"}
    pages = search.search("huurwaarborg", user=people.volunteer, kind="page")
    assert public.pk in [h.pk for h in pages.hits] and len(pages.hits) == 31


only_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored search vector and its indexes exist on PostgreSQL only"
)


@only_postgres
def test_the_stored_vector_follows_page_edits_new_answers_and_question_titles(people, library):
    housing = library[0]
    housing.body = "Nu gaat deze tekst over de energiefactuur."
    services.save_page(housing)
    assert titles(search.search("energiefactuur", user=AnonymousUser())) == ["Huurwaarborg betalen"]

    question = services.ask_question(author=people.volunteer, title="Wie kent een tolk?", body="", life_domain="work")
    answer = services.answer_question(question, author=people.coordinator, body="Bel de sociale tolkendienst.")
    assert [(h.kind, h.pk) for h in search.search("tolkendienst", user=people.volunteer).hits] == [
        ("answer", answer.pk)
    ]
    # An answer carries its question's title: an edit of the title (the admin) reaches it.
    question.title = "Wie kent een schrijfster?"
    question.save()
    search.index_question(question)
    found = search.search("schrijfster", user=people.volunteer).hits
    assert sorted((h.kind, h.pk) for h in found) == [("answer", answer.pk), ("question", question.pk)]


@only_postgres
def test_the_search_uses_the_stored_vector_not_a_vector_per_row(people, library):
    from django.test.utils import CaptureQueriesContext

    services.answer_question(
        services.ask_question(author=people.volunteer, title="Huurwaarborg?", body="", life_domain="housing"),
        author=people.coordinator,
        body="De huurwaarborg.",
    )
    with CaptureQueriesContext(connection) as captured:
        hits = search.search("huurwaarborg", user=people.volunteer).hits
    assert {h.kind for h in hits} == {"page", "question", "answer"}
    document_queries = [q["sql"] for q in captured if "toolkit_glossaryterm" not in q["sql"]]
    assert any('"search_vector" @@' in sql for sql in document_queries)
    assert not any("to_tsvector(" in sql for sql in document_queries)


@only_postgres
def test_full_text_and_typo_queries_can_use_the_gin_indexes(library):
    """With sequential scans discouraged, the planner picks the GIN index on the stored
    vector and the trigram index on the title: the indexes exist and fit the queries."""
    from toolkit.models import Page

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)")
        for queryset, index in [
            (Page.objects.filter(search_vector=search_query("huurwaarborg")), "toolkit_page_search_vector_gin"),
            (Page.objects.filter(title__trigram_word_similar="huurwarborg"), "toolkit_page_title_trgm"),
        ]:
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            assert index in "\n".join(row[0] for row in cursor.fetchall())


def search_query(word: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(f"{word}:*", config="dutch", search_type="raw")


def test_passages_are_built_for_the_hits_shown_only(people):
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        make_page(f"Pagina {n}", "Wat tekst. " * n + "De huurwaarborg betaal je bij de start.")
    with CaptureQueriesContext(connection) as captured:
        results = search.search("huurwaarborg", user=AnonymousUser(), limit=2)
    assert len(results.hits) == 2
    assert all("<mark>huurwaarborg</mark>" in h.passage for h in results.hits)
    passage_sql = [q["sql"] for q in captured if "snippet(" in q["sql"] or "ts_headline(" in q["sql"]]
    assert passage_sql and all("ORDER BY" not in sql for sql in passage_sql)  # not in the ranking query


def test_members_answer_hits_are_loaded_by_key_without_a_subquery_over_all_questions(people):
    from django.test.utils import CaptureQueriesContext

    question = services.ask_question(author=people.volunteer, title="Een tolk?", body="", life_domain="work")
    services.answer_question(question, author=people.coordinator, body="De tolkendienst helpt.")
    with CaptureQueriesContext(connection) as captured:
        assert len(search.search("tolkendienst", user=people.volunteer, kind="answer").hits) == 1
    loads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "toolkit_answer"."id", ')]
    assert len(loads) == 1 and "(SELECT" not in loads[0]


def test_the_search_page_shows_twenty_results_a_page(client, db):
    from toolkit.tests.factories import make_page

    for i in range(25):
        make_page(f"Huurwaarborg vraag {i}", "Over de huurwaarborg bij het OCMW.")
    first = client.get("/toolkit/zoeken/", {"q": "huurwaarborg"})
    assert len(first.context["results"].hits) == 20 and first.context["results"].total == 25
    assert "25 results" in first.text and 'rel="next"' in first.text
    second = client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "page": "2"})
    assert len(second.context["results"].hits) == 5 and 'class="app-card-list results" start="21"' in second.text
    shown = {h.pk for h in first.context["results"].hits} | {h.pk for h in second.context["results"].hits}
    assert len(shown) == 25
    for bad in ("99", "abc", "-1"):
        assert client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "page": bad}).status_code == 200


# ---------------------------------------------------------------- what people type (issue 10)


def test_accents_are_folded_in_the_text_and_in_the_query(people):
    make_page("Een crèche vinden", "Wachtlijsten voor de crèche zijn lang.")
    make_page("Geintegreerd project", "Het geintegreerd project met het OCMW.")
    assert titles(search.search("creche", user=AnonymousUser())) == ["Een crèche vinden"]
    assert titles(search.search("CRÈCHE", user=AnonymousUser())) == ["Een crèche vinden"]
    assert titles(search.search("geïntegreerd", user=AnonymousUser())) == ["Geintegreerd project"]


def test_question_words_and_filler_are_left_out_in_dutch_french_and_english(library):
    for query in ("hoe vind ik een huurwaarborg", "comment trouver huurwaarborg", "where can I find a huurwaarborg"):
        results = search.search(query, user=AnonymousUser())
        assert results.terms == ["huurwaarborg"], query
        assert titles(results)[0] == "Huurwaarborg betalen"
    with pytest.raises(search.QueryError, match="too common"):
        search.search("hoe moet ik dat nu vinden", user=AnonymousUser())


def test_a_synonym_the_editors_keep_finds_the_word_the_toolkit_uses_and_back(people):
    from toolkit.models import Synonym

    groeipakket = make_page("Het Groeipakket", "De Vlaamse gezinsbijslag voor elk kind.")
    old_name = make_page("Vroeger", "Vroeger heette het kindergeld.")
    assert titles(search.search("kindergeld", user=AnonymousUser())) == ["Vroeger"]
    services.save_synonym(Synonym(term="groeipakket", synonyms="kindergeld, allocations familiales"))
    assert titles(search.search("kindergeld", user=AnonymousUser()))[0] == "Het Groeipakket"
    assert set(titles(search.search("groeipakket", user=AnonymousUser()))) == {"Het Groeipakket", "Vroeger"}
    # Every word of the line finds every other one.
    assert set(titles(search.search("allocations familiales", user=AnonymousUser()))) == {"Het Groeipakket", "Vroeger"}
    groeipakket.refresh_from_db()
    old_name.refresh_from_db()
    assert "kindergeld" not in groeipakket.body and "groeipakket" not in old_name.body  # texts stay as written

    services.delete_synonym(Synonym.objects.get(term="groeipakket"))
    assert titles(search.search("kindergeld", user=AnonymousUser())) == ["Vroeger"]


def test_a_phrase_in_the_thesaurus_is_one_concept():
    from core import search as engine

    thesaurus = engine.Thesaurus()
    thesaurus.add_equivalent(["OCMW", "sociaal huis", "CPAS"])
    query = engine.parse("Het sociaal huis weigert het leefloon", thesaurus)
    assert query.terms == ["sociaal huis", "weigert", "leefloon"]
    assert query.concepts[0].alternatives == (("sociaal", "huis"), ("cpas",), ("ocmw",))
    assert engine.parse("cpas", thesaurus).concepts[0].alternatives == (("cpas",), ("ocmw",), ("sociaal", "huis"))


def test_a_glossary_word_to_avoid_or_translation_finds_pages_with_the_preferred_term(people):
    make_term(
        "mens zonder wettig verblijf",
        "Iemand zonder verblijfsrecht.",
        avoid="illegaal, illegale",
        term_fr="personne sans titre de séjour",
    )
    make_page("Dringende medische hulp", "Een mens zonder wettig verblijf heeft recht op dringende medische hulp.")
    found = [(h.kind, h.title) for h in search.search("illegale", user=AnonymousUser()).hits]
    assert ("page", "Dringende medische hulp") in found and ("term", "mens zonder wettig verblijf") in found
    assert "Dringende medische hulp" in titles(search.search("personne sans titre de séjour", user=AnonymousUser()))


def test_a_typo_of_a_synonym_is_corrected_and_said(people):
    from toolkit.models import Synonym

    make_page("Het Groeipakket", "De Vlaamse gezinsbijslag voor elk kind.")
    services.save_synonym(Synonym(term="groeipakket", synonyms="kindergeld"))
    results = search.search("kindergled", user=AnonymousUser())
    assert titles(results) == ["Het Groeipakket"] and results.corrected == [("kindergled", "kindergeld")]


def test_a_short_synonym_is_not_a_prefix(people):
    """ "huis" for woning must not find huiswerk or huisarts."""
    from toolkit.models import Synonym

    make_page("Huiswerkbegeleiding", "Hulp bij het huiswerk.")
    make_page("Een woning zoeken", "De woningmarkt is krap.")
    services.save_synonym(Synonym(term="woning", synonyms="huis"))
    assert titles(search.search("woning", user=AnonymousUser())) == ["Een woning zoeken"]


def test_search_page_says_when_results_have_only_some_words_or_a_corrected_word(client, library):
    html = client.get("/toolkit/zoeken/", {"q": "huurwaarborg ruimteschip"}).text
    assert "No result has all your words" in html and "Huurwaarborg betalen" in html
    html = client.get("/toolkit/zoeken/", {"q": "huurwarborg"}).text
    assert "“huurwarborg” is nowhere in the Toolkit: these results are for “huurwaarborg”" in html


def test_nothing_found_offers_members_to_ask_the_network_with_the_question_filled_in(people, library):
    member = people.client("volunteer")
    html = member.get("/toolkit/zoeken/", {"q": "ruimteschip op de maan"}).text
    assert "Nothing found for “ruimteschip op de maan”" in html
    assert 'href="/toolkit/vragen/nieuw/?title=ruimteschip+op+de+maan"' in html
    ask = member.get("/toolkit/vragen/nieuw/", {"title": "ruimteschip op de maan"})
    assert ask.context["form"]["title"].value() == "ruimteschip op de maan"


def test_nothing_found_offers_visitors_to_log_in_and_the_glossary(client, library):
    html = client.get("/toolkit/zoeken/", {"q": "ruimteschip"}).text
    assert "Nothing found for “ruimteschip”" in html
    assert 'href="/account/inloggen/?next=%2Ftoolkit%2Fvragen%2Fnieuw%2F%3Ftitle%3Druimteschip"' in html
    assert 'href="/toolkit/woordenlijst/"' in html
    assert "/toolkit/vragen/nieuw/?title" not in html.replace("next=%2Ftoolkit", "")


# ---------------------------------------------------------------- the editors' synonyms page


@pytest.fixture
def editor(db):
    from core.tests.factories import UserFactory

    return UserFactory(is_editor=True)


def test_an_editor_adds_changes_and_deletes_synonyms_and_the_search_follows(client, editor, people):
    from toolkit.models import Synonym

    make_page("Kinderopvang", "Opvang voor baby's en peuters.")
    client.force_login(editor)
    assert client.get("/toolkit/synoniemen/").status_code == 200
    response = client.post("/toolkit/synoniemen/", {"term": "kinderopvang", "synonyms": "crèche, , garderie ,"})
    assert response.status_code == 302
    synonym = Synonym.objects.get(term="kinderopvang")
    assert synonym.synonyms == "crèche, garderie"
    assert titles(search.search("garderie", user=AnonymousUser())) == ["Kinderopvang"]

    client.post(f"/toolkit/synoniemen/{synonym.pk}/", {"term": "kinderopvang", "synonyms": "kinderdagverblijf"})
    assert titles(search.search("garderie", user=AnonymousUser())) == []
    assert titles(search.search("kinderdagverblijf", user=AnonymousUser())) == ["Kinderopvang"]

    client.post(f"/toolkit/synoniemen/{synonym.pk}/", {"action": "delete"})
    assert not Synonym.objects.exists()
    assert titles(search.search("kinderdagverblijf", user=AnonymousUser())) == []


def test_synonyms_without_other_words_or_a_taken_term_get_a_message_and_keep_what_was_typed(client, editor):
    from toolkit.models import Synonym

    services.save_synonym(Synonym(term="OCMW", synonyms="CPAS"))
    client.force_login(editor)
    response = client.post("/toolkit/synoniemen/", {"term": "leefloon", "synonyms": " , "})
    assert response.status_code == 400 and "Give at least one other word" in response.text
    assert 'value="leefloon"' in response.text
    response = client.post("/toolkit/synoniemen/", {"term": "OCMW", "synonyms": "sociaal huis"})
    assert response.status_code == 400 and "already exists" in response.text
    assert client.get("/toolkit/synoniemen/999999/").status_code == 404


def test_members_who_are_not_editors_cannot_change_synonyms(people):
    from toolkit.models import Synonym

    synonym = services.save_synonym(Synonym(term="OCMW", synonyms="CPAS"))
    volunteer = people.client("volunteer")
    assert volunteer.post("/toolkit/synoniemen/", {"term": "x", "synonyms": "y"}).status_code == 403
    assert volunteer.post(f"/toolkit/synoniemen/{synonym.pk}/", {"action": "delete"}).status_code == 403
    assert Synonym.objects.count() == 1


def test_api_says_when_results_have_only_some_words_or_a_corrected_word(client, library):
    data = client.get("/api/v1/search", {"q": "huurwaarborg ruimteschip"}).json()
    assert data["partial"] is True and data["results"][0]["title"] == "Huurwaarborg betalen"
    data = client.get("/api/v1/search", {"q": "huurwarborg"}).json()
    assert data["partial"] is False and data["corrected"] == [["huurwarborg", "huurwaarborg"]]
    data = client.get("/api/v1/search", {"q": "huurwaarborg"}).json()
    assert data["partial"] is False and data["corrected"] == []
