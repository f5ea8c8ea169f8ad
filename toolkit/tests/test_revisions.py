"""Keeping the Toolkit current: suggestions, review with a diff, revisions, history, conflicts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client

from core.tests.factories import UserFactory
from toolkit import search, services
from toolkit.models import EditSuggestion, Page, PageRevision, SuggestionStatus
from toolkit.tests.factories import make_page, make_suggestion

BODY = "## Huurwaarborg\n\nHet OCMW kan helpen.\n"


@pytest.fixture
def page(people):
    return make_page("Wonen", BODY)


@pytest.fixture
def editor(db):
    return UserFactory(full_name="Eddy Editor", is_editor=True)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _propose(client, page, body, *, base=None, message="Waarborg aangevuld"):
    base = base or page.current_revision()
    return client.post(
        f"/toolkit/{page.slug}/voorstellen/",
        {"title": page.title, "body": body, "message": message, "base_revision": base.pk},
    )


def test_a_saved_page_gets_a_new_revision_only_when_its_text_changes(page, people):
    assert [r.number for r in page.revisions.all()] == [1]
    page.summary = "Alleen de samenvatting"
    services.save_page(page)
    assert page.revisions.count() == 1
    page.body += "\nMeer."
    services.save_page(page, author=people.secretariat, message="Aangevuld")
    latest = page.current_revision()
    assert (latest.number, latest.author, latest.message) == (2, people.secretariat, "Aangevuld")


def test_a_member_proposes_a_change_that_waits_for_an_editor(people, page):
    client = people.client("volunteer")
    form = client.get(f"/toolkit/{page.slug}/voorstellen/")
    assert form.status_code == 200 and "Het OCMW kan helpen." in form.text
    response = _propose(client, page, BODY + "\nDe waarborg staat op een geblokkeerde rekening.\n")
    assert response.status_code == 302 and response.url == page.get_absolute_url()
    suggestion = EditSuggestion.objects.get()
    assert (suggestion.author, suggestion.status, suggestion.message) == (
        people.volunteer,
        "open",
        "Waarborg aangevuld",
    )
    page.refresh_from_db()
    assert "geblokkeerde" not in page.body  # nothing is published yet


def test_the_page_offers_members_to_suggest_a_change(people, page, client):
    assert "Suggest a change" in people.client("volunteer").get(page.get_absolute_url()).text
    assert "Suggest a change" not in client.get(page.get_absolute_url()).text


def test_visitors_are_sent_to_log_in_and_accounts_without_a_group_may_not_propose(client, page):
    assert client.get(f"/toolkit/{page.slug}/voorstellen/").status_code == 302
    assert _client(UserFactory()).get(f"/toolkit/{page.slug}/voorstellen/").status_code == 403


def test_a_suggestion_that_changes_nothing_or_lacks_a_message_is_refused_and_kept(people, page):
    client = people.client("volunteer")
    unchanged = _propose(client, page, BODY)
    assert unchanged.status_code == 200 and "You have not changed anything yet." in unchanged.text
    no_message = _propose(client, page, BODY + "\nNieuw.\n", message="")
    assert no_message.status_code == 200 and "This field is required." in no_message.text
    assert "Nieuw." in no_message.text
    assert EditSuggestion.objects.count() == 0


def test_a_base_version_of_another_page_gets_the_conflict_page_and_keeps_the_text(people, page):
    other = make_page("Ander")
    client = people.client("volunteer")
    response = _propose(client, page, BODY + "\nMijn zin.\n", base=other.current_revision())
    assert response.status_code == 409 and "Mijn zin." in response.text
    form = response.context["form"]
    assert form.initial["base_revision"] == page.current_revision().pk  # sending again works
    assert _propose(client, page, BODY + "\nMijn zin.\n").status_code == 302
    assert EditSuggestion.objects.get().base_revision == page.current_revision()


@pytest.mark.parametrize("base", ["abc", "²", str(2**64), "-1", ""])
def test_an_unreadable_base_version_says_so_and_offers_the_newest(people, page, base):
    client = people.client("volunteer")
    response = client.post(
        f"/toolkit/{page.slug}/voorstellen/",
        {"title": page.title, "body": BODY + "\nMijn zin.\n", "message": "x", "base_revision": base},
    )
    assert response.status_code == 200
    assert "Part of this form that you do not see was changed" in response.text
    assert "Mijn zin." in response.text
    assert f'name="base_revision" value="{page.current_revision().pk}"' in response.text
    assert EditSuggestion.objects.count() == 0


def test_the_editor_sees_an_escaped_diff_of_the_suggestion(people, page, editor):
    suggestion = make_suggestion(
        page, people.volunteer, body=BODY.replace("kan helpen", "helpt") + "\n<script>x</script>\n"
    )
    html = _client(editor).get(f"/toolkit/voorstellen/{suggestion.pk}/").text
    assert "- Het OCMW kan helpen.</del>" in html
    assert "+ Het OCMW helpt.</ins>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html


def test_accepting_publishes_a_revision_credited_to_the_author_and_tells_them(people, page, editor, committed):
    suggestion = make_suggestion(page, people.volunteer, body=BODY + "\nDe energiefactuur komt apart.\n")
    with committed():
        response = _client(editor).post(
            f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "accept", "note": "Dank je!"}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert "energiefactuur" in page.body and "energiefactuur" in page.body_html
    revision = page.current_revision()
    assert (revision.number, revision.author, revision.message) == (2, people.volunteer, "Bijgewerkt")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.published) == ("accepted", editor, revision)
    assert [h.title for h in search.search("energiefactuur", user=AnonymousUser()).hits] == ["Wonen"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [people.volunteer.email]
    assert "Dank je!" in mail.outbox[0].body


def test_declining_keeps_the_page_and_tells_the_author_why(people, page, editor, committed):
    suggestion = make_suggestion(page, people.volunteer)
    with committed():
        response = _client(editor).post(
            f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "decline", "note": "Dat klopt niet meer."}
        )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED and page.revisions.count() == 1
    assert "Dat klopt niet meer." in mail.outbox[0].body


def test_a_suggestion_is_handled_only_once(people, page, editor):
    suggestion = make_suggestion(page, people.volunteer)
    client = _client(editor)
    client.post(f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "decline"})
    response = client.post(f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "accept"})
    assert response.status_code == 200 and "already been handled" in response.text
    assert page.revisions.count() == 1


def test_an_unknown_action_gets_a_message(people, page, editor):
    suggestion = make_suggestion(page, people.volunteer)
    response = _client(editor).post(f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "delete"})
    assert response.status_code == 200 and "Choose to publish or to decline" in response.text


def test_a_proposal_on_an_older_version_gets_a_conflict_page_with_both_texts(people, page, editor):
    started_from = page.current_revision()
    first = make_suggestion(page, people.coordinator, body=BODY + "\nNieuwe regel van Cora.\n")
    services.accept_suggestion(first, editor=editor)
    response = _propose(people.client("volunteer"), page, BODY + "\nRegel van Vera.\n", base=started_from)
    assert response.status_code == 409
    html = response.text
    assert "Nieuwe regel van Cora." in html and "Regel van Vera." in html
    assert "nothing was overwritten" in html
    assert f'name="base_revision" value="{page.current_revision().pk}"' in html
    assert EditSuggestion.objects.filter(author=people.volunteer).count() == 0


def test_accepting_a_suggestion_on_an_older_version_never_overwrites_silently(people, page, editor):
    first = make_suggestion(page, people.coordinator, body=BODY + "\nRegel van Cora.\n")
    second = make_suggestion(page, people.volunteer, body=BODY + "\nRegel van Vera.\n")
    client = _client(editor)
    client.post(f"/toolkit/voorstellen/{first.pk}/", {"action": "accept"})
    review = client.get(f"/toolkit/voorstellen/{second.pk}/")
    assert "Conflict" in review.text and "Regel van Cora." in review.text and "Regel van Vera." in review.text
    refused = client.post(f"/toolkit/voorstellen/{second.pk}/", {"action": "accept"})
    assert refused.status_code == 409
    page.refresh_from_db()
    assert "Regel van Cora." in page.body and "Regel van Vera." not in page.body
    current = page.current_revision()
    client.post(f"/toolkit/voorstellen/{second.pk}/", {"action": "accept", "overwrite": current.pk})
    page.refresh_from_db()
    assert "Regel van Vera." in page.body and page.current_revision().number == 3


def test_the_editor_lists_open_and_decided_suggestions(people, page, editor):
    open_one = make_suggestion(page, people.volunteer, message="Open voorstel")
    client = _client(editor)
    assert "Open voorstel" in client.get("/toolkit/voorstellen/").text
    services.decline_suggestion(open_one, editor=editor)
    assert "Open voorstel" not in client.get("/toolkit/voorstellen/").text
    assert "Open voorstel" in client.get("/toolkit/voorstellen/?status=declined").text
    assert client.get("/toolkit/voorstellen/?status=nonsense").status_code == 200
    assert "1 suggestion to review" not in client.get("/toolkit/").text


def test_members_cannot_review_and_a_missing_suggestion_is_404(people, page, editor):
    suggestion = make_suggestion(page, people.volunteer)
    volunteer = people.client("volunteer")
    assert volunteer.get("/toolkit/voorstellen/").status_code == 403
    assert volunteer.post(f"/toolkit/voorstellen/{suggestion.pk}/", {"action": "accept"}).status_code == 403
    assert _client(editor).get("/toolkit/voorstellen/999999/").status_code == 404
    assert Page.objects.get(pk=page.pk).body == BODY


def test_history_lists_every_version_and_shows_authors_to_members_only(people, page, client):
    services.accept_suggestion(
        make_suggestion(page, people.volunteer, message="Tweede versie"), editor=people.secretariat
    )
    member_view = people.client("coordinator").get(f"/toolkit/{page.slug}/geschiedenis/").text
    assert "Tweede versie" in member_view and people.volunteer.full_name in member_view
    visitor_view = client.get(f"/toolkit/{page.slug}/geschiedenis/").text
    assert "Tweede versie" in visitor_view and people.volunteer.full_name not in visitor_view


def test_history_of_a_members_only_page_is_hidden_from_visitors(client, people):
    hidden = make_page("Intern", visibility="members")
    assert client.get(f"/toolkit/{hidden.slug}/geschiedenis/").status_code == 404


def test_the_index_tells_editors_how_many_suggestions_wait(people, page, editor):
    make_suggestion(page, people.volunteer)
    assert "1 suggestion to review" in _client(editor).get("/toolkit/").text
    assert "suggestion to review" not in people.client("volunteer").get("/toolkit/").text


def test_every_revision_is_kept(page, people):
    for n in range(3):
        page.body += f"\nRegel {n}."
        services.save_page(page, author=people.secretariat, message=f"Stap {n}")
    assert list(PageRevision.objects.filter(page=page).values_list("number", flat=True)) == [4, 3, 2, 1]


def test_history_and_review_query_counts_do_not_grow(people, page, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = people.client("coordinator")
    reviewer = _client(editor)

    def count(url, c) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert c.get(url).status_code == 200
        return len(queries)

    make_suggestion(page, people.volunteer)
    few = (count(f"/toolkit/{page.slug}/geschiedenis/", client), count("/toolkit/voorstellen/", reviewer))
    for n in range(6):
        page.body += f"\nRegel {n}."
        services.save_page(page, author=people.volunteer, message=f"Stap {n}")
        make_suggestion(page, people.coordinator)
    assert (count(f"/toolkit/{page.slug}/geschiedenis/", client), count("/toolkit/voorstellen/", reviewer)) == few


def test_a_version_shows_what_it_changed_compared_with_the_one_before(people, page, client):
    page.body = page.body.replace("kan helpen", "helpt") + "\n<b>Nieuw</b>"
    services.save_page(page, author=people.volunteer, message="Korter")
    html = client.get(f"/toolkit/{page.slug}/geschiedenis/2/").text
    assert "- Het OCMW kan helpen.</del>" in html and "+ Het OCMW helpt.</ins>" in html
    assert "&lt;b&gt;Nieuw&lt;/b&gt;" in html and "Korter" in html
    assert people.volunteer.full_name not in html  # authors are for members' eyes
    assert "Vera" in people.client("coordinator").get(f"/toolkit/{page.slug}/geschiedenis/2/").text
    first = client.get(f"/toolkit/{page.slug}/geschiedenis/1/").text
    assert "The first version" in first and "+ Het OCMW kan helpen.</ins>" in first
    assert client.get(f"/toolkit/{page.slug}/geschiedenis/3/").status_code == 404
    assert "/geschiedenis/2/" in client.get(f"/toolkit/{page.slug}/geschiedenis/").text
