"""The author of a suggestion and the editors discuss it before an editor decides."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from core.tests.factories import UserFactory
from toolkit.models import SuggestionComment, SuggestionStatus
from toolkit.tests.factories import make_page, make_suggestion


@pytest.fixture
def suggestion(people):
    page = make_page("Wonen", "## Huurwaarborg\n\nHet OCMW kan helpen.\n")
    return make_suggestion(page, people.volunteer)


@pytest.fixture
def editor(db):
    return UserFactory(full_name="Eddy Editor", is_editor=True, email="eddy@example.org")


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_editor_asks_and_the_author_answers_each_told_by_a_link(suggestion, people, editor, committed):
    url = f"/toolkit/voorstellen/{suggestion.pk}/"
    with committed():
        response = _client(editor).post(url, {"action": "comment", "comment": "Welke bron heb je?"})
    assert response.status_code == 302
    (to_author,) = mail.outbox
    assert to_author.to == [people.volunteer.email] and "Welke bron" not in to_author.body
    assert re.search(rf"https?://\S+{url}", to_author.body)

    author = _client(people.volunteer)
    page = author.get(url)
    assert page.status_code == 200 and "Welke bron heb je?" in page.content.decode()
    assert 'value="accept"' not in page.content.decode()  # the author cannot publish
    with committed():
        author.post(url, {"action": "comment", "comment": "De website van het OCMW."})
    assert "eddy@example.org" in [m.to[0] for m in mail.outbox[1:]]
    assert [c.text for c in SuggestionComment.objects.all()] == ["Welke bron heb je?", "De website van het OCMW."]


def test_the_author_cannot_decide_and_other_members_do_not_find_it(suggestion, people):
    url = f"/toolkit/voorstellen/{suggestion.pk}/"
    assert _client(people.volunteer).post(url, {"action": "accept", "note": ""}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN
    assert _client(people.coordinator).get(url).status_code == 404
    assert _client(people.coordinator).post(url, {"action": "comment", "comment": "x"}).status_code == 404
    assert not SuggestionComment.objects.exists()


def test_an_empty_message_is_explained_and_html_is_shown_escaped(suggestion, people, editor):
    url = f"/toolkit/voorstellen/{suggestion.pk}/"
    response = _client(editor).post(url, {"action": "comment", "comment": "  "})
    assert response.status_code == 200 and "required" in response.content.decode()
    _client(editor).post(url, {"action": "comment", "comment": "<script>alert(1)</script>"})
    body = _client(people.volunteer).get(url).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_editors_still_publish_from_the_same_page(suggestion, editor):
    response = _client(editor).post(f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "accept", "note": ""})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
