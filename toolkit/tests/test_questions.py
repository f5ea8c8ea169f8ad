"""Ask the network: members ask, answer, mark the answer that helped, follow and get at most
one digest a day; editors link answers into Toolkit pages; questions are members-only,
in search too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.tests.factories import UserFactory
from toolkit import search, services
from toolkit.models import Answer, DigestState, Question, QuestionFollow
from toolkit.tests.factories import make_page


@pytest.fixture
def question(people):
    return services.ask_question(
        author=people.volunteer,
        title="Wie betaalt de huurwaarborg?",
        body="Een gezin vindt een woning maar heeft geen waarborg.",
        life_domain="housing",
    )


@pytest.fixture
def editor(db):
    return UserFactory(full_name="Eddy Editor", is_editor=True)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_a_member_asks_a_question_and_follows_it(people):
    client = people.client("coordinator")
    assert client.get("/toolkit/vragen/nieuw/").status_code == 200
    response = client.post(
        "/toolkit/vragen/nieuw/",
        {
            "title": "Hoe werkt de schooltoeslag?",
            "body": "Voor een gezin met drie kinderen.",
            "life_domain": "education",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response.url == question.get_absolute_url()
    assert (question.author, question.life_domain) == (people.coordinator, "education")
    assert QuestionFollow.objects.filter(question=question, user=people.coordinator).exists()
    page = client.get(question.get_absolute_url())
    assert "Hoe werkt de schooltoeslag?" in page.text and "Stop following" in page.text


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "x", "life_domain": "housing"},
        {"title": "Vraag", "body": "x", "life_domain": "not-a-domain"},
        {"title": "Vraag", "body": "x" * 5001, "life_domain": "housing"},
        {"title": "x" * 201, "body": "", "life_domain": "housing"},
    ],
)
def test_a_bad_question_is_refused_with_a_message_and_kept(people, data):
    response = people.client("volunteer").post("/toolkit/vragen/nieuw/", data)
    assert response.status_code == 200 and "govuk-error-message" in response.text
    assert Question.objects.count() == 0


def test_members_of_another_group_answer_and_the_asker_marks_the_answer_that_helped(people, question):
    response = people.client("outsider").post(f"/toolkit/vragen/{question.pk}/antwoorden/", {"body": "Het OCMW."})
    answer = Answer.objects.get()
    assert response.status_code == 302 and answer.author == people.outsider
    # Only the asker marks it: others may read but not mark (403).
    assert people.client("coordinator").post(f"/toolkit/vragen/antwoorden/{answer.pk}/geholpen/").status_code == 403
    asker = people.client("volunteer")
    assert asker.post(f"/toolkit/vragen/antwoorden/{answer.pk}/geholpen/").status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert "This answer helped" in asker.get(question.get_absolute_url()).text
    asker.post(f"/toolkit/vragen/antwoorden/{answer.pk}/geholpen/")  # a second click unmarks it
    question.refresh_from_db()
    assert question.accepted_answer is None


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_an_empty_or_huge_answer_is_refused(people, question, body):
    response = people.client("coordinator").post(f"/toolkit/vragen/{question.pk}/antwoorden/", {"body": body})
    assert response.status_code == 400 and "govuk-error-message" in response.text
    assert Answer.objects.count() == 0


def test_script_in_a_question_or_answer_is_shown_as_text(people):
    question = services.ask_question(
        author=people.volunteer, title="<script>alert(1)</script>", body="<b>vet</b>", life_domain="work"
    )
    services.answer_question(question, author=people.coordinator, body="<img src=x onerror=alert(1)>")
    text = people.client("volunteer").get(question.get_absolute_url()).text
    assert "<script>alert(1)" not in text and "<img src=x" not in text and "&lt;b&gt;vet" in text


def test_questions_are_hidden_from_visitors_and_accounts_without_a_group(client, question, db):
    response = client.get(question.get_absolute_url())
    assert response.status_code == 302 and "/account/inloggen/" in response.url
    lonely = _client(UserFactory(full_name="Zonder Groep"))
    assert lonely.get(question.get_absolute_url()).status_code == 403
    assert lonely.get("/toolkit/vragen/").status_code == 403


def test_a_missing_question_or_answer_is_404(people):
    client = people.client("volunteer")
    assert client.get("/toolkit/vragen/999/").status_code == 404
    assert client.post("/toolkit/vragen/antwoorden/999/geholpen/").status_code == 404


def test_an_editor_links_an_answer_into_a_page_and_both_link_to_each_other(people, question, editor):
    page = make_page("Huurwaarborg", visibility="public")
    answer = services.answer_question(question, author=people.coordinator, body="Vraag een OCMW-waarborg.")
    # Members cannot link; editors can.
    assert people.client("volunteer").post(f"/toolkit/vragen/antwoorden/{answer.pk}/koppelen/").status_code == 403
    editor_client = _client(editor)
    response = editor_client.post(f"/toolkit/vragen/antwoorden/{answer.pk}/koppelen/", {"page": page.pk})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.linked_page == page
    page_html = people.client("volunteer").get(page.get_absolute_url()).text
    assert "From the network" in page_html and answer.get_absolute_url() in page_html
    assert page.get_absolute_url() in people.client("volunteer").get(question.get_absolute_url()).text
    # Visitors read the public page but never see the members-only question.
    visitor_html = Client(HTTP_ACCEPT_LANGUAGE="en").get(page.get_absolute_url()).text
    assert answer.get_absolute_url() not in visitor_html
    # An unknown page is refused, and the link stays.
    editor_client.post(f"/toolkit/vragen/antwoorden/{answer.pk}/koppelen/", {"page": "9999"})
    answer.refresh_from_db()
    assert answer.linked_page == page


def test_members_follow_and_unfollow_a_question(people, question):
    client = people.client("coordinator")
    client.post(f"/toolkit/vragen/{question.pk}/volgen/", {"follow": "1"})
    client.post(f"/toolkit/vragen/{question.pk}/volgen/", {"follow": "1"})
    assert QuestionFollow.objects.filter(question=question, user=people.coordinator).count() == 1
    client.post(f"/toolkit/vragen/{question.pk}/volgen/", {"follow": "0"})
    assert not QuestionFollow.objects.filter(question=question, user=people.coordinator).exists()


# ---------------------------------------------------------------- digests


def test_followers_get_at_most_one_digest_a_day_with_links_only(people, question, committed):
    now = timezone.now()
    services.follow(question, people.coordinator, on=True)
    services.answer_question(question, author=people.outsider, body="Vertrouwelijk: familie X woont in straat Y.")
    with committed():
        assert services.send_question_digests(now=now + timedelta(minutes=1)) == 2  # asker and follower
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people.volunteer.email, people.coordinator.email])
    body = mail.outbox[0].body
    assert question.get_absolute_url() in body and "familie X" not in body
    assert DigestState.objects.get(user=people.volunteer).last_sent_at == now + timedelta(minutes=1)

    # A new answer an hour later waits: no second e-mail within 24 hours.
    services.answer_question(question, author=people.outsider, body="Nog een tip.")
    Answer.objects.filter(body="Nog een tip.").update(created_at=now + timedelta(minutes=30))
    with committed():
        assert services.send_question_digests(now=now + timedelta(hours=1)) == 0
        assert services.send_question_digests(now=now + timedelta(hours=23)) == 0
    assert len(mail.outbox) == 2
    # A day after the last one, the waiting answer is sent, once.
    with committed():
        assert services.send_question_digests(now=now + timedelta(hours=25)) == 2
        assert services.send_question_digests(now=now + timedelta(hours=26)) == 0
    assert len(mail.outbox) == 4


def test_no_digest_without_new_answers_or_for_your_own_answer(people, question, committed):
    with committed():
        assert services.send_question_digests() == 0
        services.answer_question(question, author=people.volunteer, body="Ik vond het zelf.")
        assert services.send_question_digests(now=timezone.now() + timedelta(minutes=1)) == 0
    assert mail.outbox == [] and not DigestState.objects.exists()


def test_the_command_and_the_task_send_the_digests(people, question, committed):
    services.answer_question(question, author=people.outsider, body="Het OCMW.")
    Answer.objects.update(created_at=timezone.now() - timedelta(seconds=5))
    QuestionFollow.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    with committed():
        call_command("send_question_digests")
    assert len(mail.outbox) == 1
    DigestState.objects.all().delete()
    with committed():
        call_command("send_question_digests", "--enqueue")  # the immediate task backend runs it
    assert len(mail.outbox) == 2


# ---------------------------------------------------------------- lists and search


def test_the_list_filters_by_life_domain_and_bad_filters_are_ignored(people, question):
    services.ask_question(author=people.coordinator, title="Werk zoeken", body="", life_domain="work")
    client = people.client("volunteer")
    housing = client.get("/toolkit/vragen/?domain=housing").text
    assert "Wie betaalt de huurwaarborg?" in housing and "Werk zoeken" not in housing
    everything = client.get("/toolkit/vragen/?domain=nope&page=abc")
    assert everything.status_code == 200 and "Werk zoeken" in everything.text


def test_list_and_question_query_counts_do_not_grow(people, question):
    client = people.client("volunteer")

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.answer_question(question, author=people.coordinator, body="Een antwoord.")
    few_list, few_detail = count("/toolkit/vragen/"), count(question.get_absolute_url())
    for n in range(12):
        q = services.ask_question(author=people.outsider, title=f"Vraag {n}", body="", life_domain="work")
        services.answer_question(q, author=people.volunteer, body=f"Antwoord {n}")
        services.answer_question(question, author=people.outsider, body=f"Nog een antwoord {n}")
    assert count("/toolkit/vragen/") == few_list
    assert count(question.get_absolute_url()) == few_detail


def test_search_finds_questions_and_answers_for_members_only(people, question):
    services.answer_question(question, author=people.coordinator, body="Vraag het OCMW om een huurwaarborg.")
    member = search.search("huurwaarborg", user=people.volunteer)
    assert {h.kind for h in member.hits} == {"question", "answer"}
    assert all(not h.public for h in member.hits)
    assert search.search("huurwaarborg", user=AnonymousUser()).hits == []
    assert [h.kind for h in search.search("ocmw", user=people.volunteer, kind="answer").hits] == ["answer"]
    assert search.search("ocmw", user=people.volunteer, kind="question").hits == []
    assert search.search("huurwaarborg", user=people.volunteer, life_domain="work").hits == []
    assert len(search.search("huurwaarborg", user=people.volunteer, life_domain="housing").hits) == 2


def test_the_search_page_filters_by_type(people, question):
    make_page("Huurwaarborg betalen", "Het OCMW helpt.")
    client = people.client("volunteer")
    both = client.get("/toolkit/zoeken/", {"q": "huurwaarborg"}).text
    assert "Wie betaalt de huurwaarborg?" in both and "Huurwaarborg betalen" in both
    pages = client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "type": "page"}).text
    assert "Wie betaalt de huurwaarborg?" not in pages and "Huurwaarborg betalen" in pages
    assert client.get("/toolkit/zoeken/", {"q": "huurwaarborg", "type": "nope"}).status_code == 200


def test_the_api_never_gives_questions_to_anonymous_callers(people, question):
    anonymous = people.client(None).get("/api/v1/search", {"q": "huurwaarborg"}).json()
    assert anonymous["count"] == 0
    assert people.client(None).get("/api/v1/search", {"q": "huurwaarborg", "type": "question"}).json()["count"] == 0
    member = people.client("volunteer").get("/api/v1/search", {"q": "huurwaarborg", "type": "question"}).json()
    assert [r["kind"] for r in member["results"]] == ["question"] and member["results"][0]["public"] is False
    bad = people.client(None).get("/api/v1/search", {"q": "huurwaarborg", "type": "nope"})
    assert bad.status_code == 400 and "type" in bad.json()["errors"]


def test_a_deleted_question_and_its_answers_leave_the_search(people, question):
    answer = services.answer_question(question, author=people.coordinator, body="Het OCMW helpt met de huurwaarborg.")
    services.delete_answer(answer)
    assert [h.kind for h in search.search("huurwaarborg", user=people.volunteer).hits] == ["question"]
    services.answer_question(question, author=people.coordinator, body="Nog een huurwaarborg.")
    services.delete_question(question)
    assert search.search("huurwaarborg", user=people.volunteer).hits == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM toolkit_search WHERE kind IN ('question', 'answer')")
            assert cursor.fetchone()[0] == 0


def test_the_admin_moderates_questions(people, question):
    from django.contrib.admin.sites import site

    assert Question in site._registry and Answer in site._registry
    admin_user = UserFactory(full_name="Beheer", is_staff=True, is_superuser=True)
    client = _client(admin_user)
    assert client.get(f"/beheer/toolkit/question/{question.pk}/change/").status_code == 200
    response = client.post(f"/beheer/toolkit/question/{question.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Question.objects.exists()


def test_seed_toolkit_asks_demo_questions_once_with_the_demo_people(db, development):
    from django.core.management import call_command

    from toolkit.models import Answer, Question

    call_command("seed_demo", stdout=None)
    call_command("seed_toolkit", stdout=None)
    call_command("seed_toolkit", stdout=None)
    assert Question.objects.count() == 3 and Answer.objects.count() == 3
    helped = Question.objects.get(accepted_answer__isnull=False)
    assert helped.accepted_answer.question == helped and "huurwaarborg" in helped.title
    assert all("Demotekst" in q.body for q in Question.objects.all())
