"""Toolkit pages: who sees what, the page and print views, safe Markdown, the demo content."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core.tests.factories import UserFactory
from toolkit.demo_content import PAGES, SYNONYMS
from toolkit.models import Chapter, GlossaryTerm, Page, PageRevision, Synonym
from toolkit.rendering import render
from toolkit.tests.factories import make_page

BODY = """Inleiding.

## Een woning zoeken

Zoek breed.

### Via het SVK

Het sociaal verhuurkantoor.

## De huurwaarborg

Vraag het OCMW.
"""


@pytest.fixture
def pages(people):
    public = make_page("Wonen: een eigen adres vinden", BODY, visibility="public", summary="Zoeken en huren.")
    members = make_page("Budgetbeheer", "Vaste kosten op een rij.", visibility="members")
    public.related.set([members])
    return public, members


def test_visitor_sees_only_public_pages_in_the_index(client, pages):
    response = client.get("/toolkit/")
    assert response.status_code == 200
    assert "Wonen: een eigen adres vinden" in response.text
    assert "Budgetbeheer" not in response.text
    assert "Members of a group see every page" in response.text


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "outsider", "secretariat"])
def test_members_of_any_group_and_the_secretariat_see_members_only_pages(people, pages, who):
    client = people.client(who)
    assert "Budgetbeheer" in client.get("/toolkit/").text
    assert client.get(f"/toolkit/{pages[1].slug}/").status_code == 200


def test_an_editor_without_a_group_sees_members_only_pages(pages):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(UserFactory(is_editor=True))
    assert client.get(f"/toolkit/{pages[1].slug}/").status_code == 200


def test_members_only_page_is_missing_for_a_visitor_and_for_an_account_without_a_group(client, pages):
    assert client.get(f"/toolkit/{pages[1].slug}/").status_code == 404
    assert client.get(f"/toolkit/{pages[1].slug}/afdrukken/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/toolkit/{pages[1].slug}/").status_code == 404


def test_a_missing_page_is_404(client, pages):
    assert client.get("/toolkit/bestaat-niet/").status_code == 404


def test_page_shows_its_table_of_contents_last_check_and_visible_related_topics(client, people, pages):
    public, members = pages
    html = client.get(f"/toolkit/{public.slug}/").text
    assert '<a href="#h-een-woning-zoeken">Een woning zoeken</a>' in html
    assert '<a href="#h-via-het-svk">Via het SVK</a>' in html
    assert '<h2 id="h-de-huurwaarborg">De huurwaarborg</h2>' in html
    assert "Last checked on 1 October 2026" in html
    assert "Budgetbeheer" not in html  # the related page is members-only
    assert "Budgetbeheer" in people.client("volunteer").get(f"/toolkit/{public.slug}/").text


def test_print_version_has_the_text_a_print_stylesheet_and_no_site_navigation(client, pages):
    response = client.get(f"/toolkit/{pages[0].slug}/afdrukken/")
    assert response.status_code == 200
    assert "toolkit/print.css" in response.text and "De huurwaarborg" in response.text
    assert 'class="site-header"' not in response.text
    assert '<html lang="en"' in response.text and '<div lang="nl">' in response.text


def test_pages_are_read_only(client, pages):
    assert client.post(f"/toolkit/{pages[0].slug}/").status_code == 405
    assert client.post("/toolkit/").status_code == 405


def test_scripts_raw_html_and_javascript_links_are_neutralised():
    rendered = render(
        "Hallo <script>alert('x')</script> <img src=x onerror=alert(1)>\n\n"
        '<a href="javascript:alert(1)" onclick="steal()">klik</a> [ook](javascript:alert(2)) '
        '<iframe src="https://evil.example"></iframe> <b style="x">vet</b> [goed](https://example.org)'
    )
    html = rendered.html
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "<img", "style="):
        assert bad not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">goed</a>' in html
    assert "alert" not in rendered.text


def test_a_page_body_with_script_is_served_without_it(client, people):
    page = make_page("Gevaarlijk", "Tekst <script>document.cookie</script> **vet**")
    html = client.get(f"/toolkit/{page.slug}/").text
    assert "document.cookie" not in html and "<strong>vet</strong>" in html


def test_a_page_cannot_take_the_address_of_the_search_or_the_glossary(people):
    page = make_page("Zoeken")
    assert page.slug not in {"zoeken", "woordenlijst"}


def test_index_query_count_does_not_grow_with_the_number_of_pages(client, people):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/toolkit/").status_code == 200
        return len(queries)

    make_page("Eerste")
    few = count()
    for n in range(15):
        make_page(f"Pagina {n}", visibility="members" if n % 2 else "public")
    assert count() == few


def test_seed_toolkit_writes_a_demo_page_for_every_topic_and_runs_twice_safely(db, development):
    call_command("seed_toolkit", stdout=None)
    call_command("seed_toolkit", stdout=None)
    assert Page.objects.count() == len(PAGES) == 26
    assert PageRevision.objects.count() == 26  # one first version each, not two
    assert User.objects.filter(is_editor=True).count() == 1
    counts = {c: Page.objects.filter(chapter=c).count() for c in Chapter.values}
    assert counts == {"background": 6, "social-role": 1, "homework": 16, "supplements": 3}
    assert all("Demotekst" in p.body and p.body_html and p.last_checked for p in Page.objects.all())
    assert Page.objects.filter(visibility="members").exists() and Page.objects.filter(visibility="public").exists()
    assert GlossaryTerm.objects.filter(avoid__icontains="illegaal").exists()
    assert Synonym.objects.count() == len(SYNONYMS) and Synonym.objects.filter(term="groeipakket").exists()
    housing = Page.objects.get(slug="wonen-eigen-adres")
    assert {t.code for t in housing.tags.all()} >= {"housing", "recognised-refugee"}
    related = set(housing.related.values_list("slug", flat=True))
    assert {"recht-op-maatschappelijke-integratie", "energie-en-water"} <= related  # and pages linking here


def test_the_main_navigation_links_to_the_toolkit(client, db):
    assert 'href="/toolkit/"' in client.get("/").text


@pytest.mark.parametrize(("lang", "word"), [("nl", "Laatst nagekeken op"), ("fr", "Dernière vérification le")])
def test_the_page_frame_is_translated(pages, lang, word):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    assert word in client.get(f"/toolkit/{pages[0].slug}/").text


def test_numbered_lists_keep_their_start_number_and_headings_end_passages(people):
    rendered = render("## Daarna\n\n6. Start de inburgering.\n7. Vraag het Groeipakket aan.\n")
    assert '<ol start="6">' in rendered.html
    assert rendered.text == "Daarna: Start de inburgering. Vraag het Groeipakket aan."


def test_seed_toolkit_renders_existing_pages_again(db, development):
    call_command("seed_toolkit", stdout=None)
    Page.objects.filter(slug="checklist-huiswerk").update(body_html="<p>oud</p>")
    call_command("seed_toolkit", stdout=None)
    page = Page.objects.get(slug="checklist-huiswerk")
    assert '<ol start="6">' in page.body_html and page.revisions.count() == 1


def test_heading_anchors_never_take_the_id_of_the_page_around_them():
    rendered = render("## Main\n\ntekst\n\n## Één stap\n")
    assert '<h2 id="h-main">Main</h2>' in rendered.html and 'id="main"' not in rendered.html
    assert [t["id"] for t in rendered.toc] == ["h-main", "h-één-stap"]
