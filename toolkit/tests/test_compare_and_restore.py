"""Any two versions compared; an editor restores an older version as a new one; editors
mark a page as checked today."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from core.tests.factories import UserFactory
from toolkit import services
from toolkit.tests.factories import make_page


@pytest.fixture
def page(people):
    page = make_page("Wonen", "Versie een.\n")
    for n, text in [(2, "Versie twee.\n"), (3, "Versie drie.\n")]:
        page.body = text
        services.save_page(page, author=people.secretariat, message=f"Versie {n}")
    return page


@pytest.fixture
def editor(db):
    return UserFactory(full_name="Eddy Editor", is_editor=True)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_any_two_versions_can_be_compared(client, page):
    response = client.get(f"/toolkit/{page.slug}/geschiedenis/vergelijken/", {"van": 1, "naar": 3})
    assert response.status_code == 200
    assert "From version 1 to version 3" in response.text
    assert "Versie een." in response.text and "Versie drie." in response.text
    assert f"/toolkit/{page.slug}/geschiedenis/vergelijken/" in client.get(f"/toolkit/{page.slug}/geschiedenis/").text


@pytest.mark.parametrize(
    "query", [{}, {"van": "x", "naar": "3"}, {"van": "1", "naar": "99"}, {"van": "-1", "naar": "2"}]
)
def test_comparing_versions_that_do_not_exist_gives_a_message(client, page, query):
    response = client.get(f"/toolkit/{page.slug}/geschiedenis/vergelijken/", query)
    assert response.status_code == 400 and "Choose two versions" in response.text


def test_versions_of_a_members_only_page_are_hidden_from_visitors(client, people):
    page = make_page("Intern", visibility="members")
    assert client.get(f"/toolkit/{page.slug}/geschiedenis/vergelijken/?van=1&naar=1").status_code == 404


def test_an_editor_restores_an_older_version_as_a_new_one(page, editor):
    client = _client(editor)
    current = page.current_revision()
    revision_page = client.get(f"/toolkit/{page.slug}/geschiedenis/1/")
    assert "Restore version 1" in revision_page.text
    response = client.post(f"/toolkit/{page.slug}/geschiedenis/1/terugzetten/", {"current": current.pk})
    assert response.status_code == 302
    page.refresh_from_db()
    latest = page.current_revision()
    assert (latest.number, latest.body, latest.author) == (4, "Versie een.\n", editor)
    assert page.revisions.count() == 4 and "Versie een." in page.body_html


def test_restoring_after_someone_else_published_is_refused(page, editor, people):
    client = _client(editor)
    seen = page.current_revision()
    page.body = "Iemand anders publiceerde net.\n"
    services.save_page(page, author=people.secretariat)
    response = client.post(f"/toolkit/{page.slug}/geschiedenis/1/terugzetten/", {"current": seen.pk}, follow=True)
    assert "The page has changed since you opened this version" in response.text
    page.refresh_from_db()
    assert page.body == "Iemand anders publiceerde net.\n"
    bad = client.post(f"/toolkit/{page.slug}/geschiedenis/1/terugzetten/", {"current": "abc"}, follow=True)
    assert "The page has changed" in bad.text
    assert client.post(f"/toolkit/{page.slug}/geschiedenis/99/terugzetten/").status_code == 404


def test_members_cannot_restore(page, people):
    current = page.current_revision()
    client = people.client("volunteer")
    assert client.post(f"/toolkit/{page.slug}/geschiedenis/1/terugzetten/", {"current": current.pk}).status_code == 403
    assert "Restore version" not in client.get(f"/toolkit/{page.slug}/geschiedenis/1/").text


def test_an_editor_marks_a_page_as_checked_today_and_it_leaves_the_stale_list(people, editor):
    page = make_page("Oud", last_checked=date(2020, 1, 1))
    assert page in services.stale_pages()
    assert people.client("volunteer").post(f"/toolkit/{page.slug}/nagekeken/").status_code == 403
    assert _client(editor).post(f"/toolkit/{page.slug}/nagekeken/").status_code == 302
    page.refresh_from_db()
    assert page.last_checked == date.today() and page not in services.stale_pages()
