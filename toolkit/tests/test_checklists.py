"""Checklists: the homework after recognition as a structured, printable and copyable template."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from toolkit.models import Checklist, ChecklistItem
from toolkit.tests.factories import make_page


@pytest.fixture
def checklist(people):
    housing = make_page("Wonen: een eigen adres", visibility="public")
    budget = make_page("Budgetbeheer", visibility="members")
    checklist = Checklist.objects.create(title="Huiswerk na de erkenning", slug="huiswerk", intro="Samen doen.")
    ChecklistItem.objects.create(
        checklist=checklist, position=1, text="Een woning zoeken", deadline="month", page=housing
    )
    ChecklistItem.objects.create(checklist=checklist, position=2, text="Vaste kosten", deadline="week", page=budget)
    ChecklistItem.objects.create(checklist=checklist, position=3, text="Wachtlijst", deadline="when-possible")
    return checklist


def test_the_checklist_page_shows_items_deadlines_and_pages(client, checklist):
    response = client.get("/toolkit/checklists/huiswerk/")
    assert response.status_code == 200
    text = response.text
    assert text.index("Een woning zoeken") < text.index("Vaste kosten") < text.index("Wachtlijst")
    assert "Within a month" in text and "When places free up" in text
    assert "/toolkit/wonen-een-eigen-adres/" in text
    assert "/toolkit/checklists/huiswerk/tekst/" in text


def test_visitors_get_no_link_to_a_members_only_page_and_members_do(client, people, checklist):
    assert "/toolkit/budgetbeheer/" not in client.get("/toolkit/checklists/huiswerk/").text
    assert "/toolkit/budgetbeheer/" not in client.get("/toolkit/checklists/huiswerk/tekst/").text
    member = people.client("volunteer")
    assert "/toolkit/budgetbeheer/" in member.get("/toolkit/checklists/huiswerk/").text
    assert "/toolkit/budgetbeheer/" in member.get("/toolkit/checklists/huiswerk/tekst/").text


def test_copy_as_text_is_plain_text_with_boxes_deadlines_and_full_links(client, checklist):
    response = client.get("/toolkit/checklists/huiswerk/tekst/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Huiswerk na de erkenning\n")
    assert "[ ] Een woning zoeken (Within a month)\n    http://testserver/toolkit/wonen-een-eigen-adres/" in text
    assert "[ ] Wachtlijst (When places free up)" in text
    assert "<" not in text


def test_the_text_is_not_escaped_as_html(client, people):
    checklist = Checklist.objects.create(title="A & B <c>", slug="tekens")
    ChecklistItem.objects.create(checklist=checklist, text="Huur & waarborg", deadline="week")
    text = client.get("/toolkit/checklists/tekens/tekst/").content.decode()
    assert "A & B <c>" in text and "Huur & waarborg" in text
    html = client.get("/toolkit/checklists/tekens/").text
    assert "A &amp; B &lt;c&gt;" in html


def test_a_missing_checklist_is_404_and_checklists_are_read_only(client, checklist):
    assert client.get("/toolkit/checklists/nope/").status_code == 404
    assert client.get("/toolkit/checklists/nope/tekst/").status_code == 404
    assert client.post("/toolkit/checklists/huiswerk/").status_code == 405
    assert client.post("/toolkit/checklists/huiswerk/tekst/").status_code == 405


def test_the_toolkit_index_links_to_the_checklist(client, checklist):
    assert "/toolkit/checklists/huiswerk/" in client.get("/toolkit/").text


def test_query_count_does_not_grow_with_the_number_of_items(client, checklist):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count("/toolkit/checklists/huiswerk/"), count("/toolkit/checklists/huiswerk/tekst/")
    for n in range(15):
        page = make_page(f"Stap {n}", visibility="public" if n % 2 else "members")
        ChecklistItem.objects.create(checklist=checklist, position=10 + n, text=f"Stap {n}", deadline="year", page=page)
    assert (count("/toolkit/checklists/huiswerk/"), count("/toolkit/checklists/huiswerk/tekst/")) == few


def test_seed_toolkit_creates_the_homework_checklist_linked_to_chapter_3_once(db, development):
    call_command("seed_toolkit", stdout=None)
    checklist = Checklist.objects.get(slug="huiswerk-na-erkenning")
    items = list(checklist.items.select_related("page"))
    assert len(items) >= 10
    assert all(item.page is not None and item.page.chapter == "homework" for item in items)
    assert {item.deadline for item in items} >= {"week", "month", "school-year"}
    call_command("seed_toolkit", stdout=None)
    assert Checklist.objects.count() == 1 and checklist.items.count() == len(items)


def test_the_checklist_prints_without_menus():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "core" / "gastvrij.css").read_text()
    print_rules = "".join(part.split("}}")[0] for part in css.split("@media print")[1:])
    assert ".app-checklist__table" in print_rules  # printed with its own borders and link addresses
    assert ".app-header" in print_rules and ".govuk-service-navigation" in print_rules  # menus left out
