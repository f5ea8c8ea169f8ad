"""Visitors' public pages from the cache (core/pagecache.py, decision 0016): served without
running the view, with this visitor's own CSRF token and a fresh form timestamp, fresh
again after a write, and never for logged-in people."""

from __future__ import annotations

import re
import time

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from toolkit import services
from toolkit.tests.factories import make_page

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def _get(client: Client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def _token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_a_visitors_public_page_is_served_again_without_running_the_view(client, db):
    page = make_page("Huurwaarborg betalen", "Het OCMW kan helpen.")
    first, first_queries = _get(client, page.get_absolute_url())
    second, second_queries = _get(Client(HTTP_ACCEPT_LANGUAGE="en"), page.get_absolute_url())
    assert first.status_code == second.status_code == 200 and first_queries > 0
    assert second_queries == 0
    assert "Huurwaarborg betalen" in second.text and "Het OCMW kan helpen." in second.text
    strip = re.compile(r'value="[A-Za-z0-9]{64}"')
    assert strip.sub("", first.text) == strip.sub("", second.text)


def test_every_visitor_gets_their_own_csrf_token_that_works(db):
    page = make_page("Inburgering", "Lessen Nederlands.")
    Client(HTTP_ACCEPT_LANGUAGE="en").get(page.get_absolute_url())  # fills the cache
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    response, queries = _get(visitor, page.get_absolute_url())
    assert queries == 0
    token = _token(response.text)
    assert response.cookies["csrftoken"].value  # the visitor's secret, set with the cached page
    other = Client(HTTP_ACCEPT_LANGUAGE="en").get(page.get_absolute_url())
    assert _token(other.text) != token
    # The token in the cached page belongs to this visitor's cookie: the language switch works.
    switched = visitor.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_a_cached_sign_up_form_has_a_fresh_spam_timestamp(client, db):
    client.get("/vrijwilligen/")
    time.sleep(1.1)
    response, queries = _get(Client(HTTP_ACCEPT_LANGUAGE="en"), "/vrijwilligen/")
    assert queries == 0
    started = re.search(r'name="form_started" value="([^"]+)"', response.text).group(1)
    shown_at = float(signing.loads(started, salt="gastvrij.spam.started"))
    assert time.time() - shown_at < 1.0


def test_a_write_makes_the_cached_page_fresh(client, db):
    page = make_page("Oude titel", "Tekst.")
    client.get(page.get_absolute_url())
    page.title = "Nieuwe titel"
    services.save_page(page)
    response, queries = _get(client, page.get_absolute_url())
    assert queries > 0 and "Nieuwe titel" in response.text


def test_logged_in_people_never_get_a_cached_page(people):
    page = make_page("Voor iedereen", "Tekst.")
    member = people.client("volunteer")
    member.get(page.get_absolute_url())
    _, queries = _get(member, page.get_absolute_url())
    assert queries > 0
    # Nor does a logged-in person's page reach visitors.
    _, queries = _get(Client(HTTP_ACCEPT_LANGUAGE="en"), page.get_absolute_url())
    assert queries > 0


def test_visitors_with_a_session_messages_or_a_recent_write_get_a_fresh_page(client, db):
    page = make_page("Voor iedereen", "Tekst.")
    client.get(page.get_absolute_url())
    for cookie in ("sessionid", "messages", "gastvrij_primary"):
        visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
        visitor.cookies[cookie] = "x"
        _, queries = _get(visitor, page.get_absolute_url())
        assert queries > 0, cookie


def test_the_api_is_cached_too(client, db):
    make_page("Huurwaarborg betalen", "Het OCMW kan helpen.")
    first = client.get("/api/v1/search?q=huurwaarborg")
    second, queries = _get(client, "/api/v1/search?q=huurwaarborg")
    assert queries == 0 and second.json() == first.json()
    assert second["Content-Type"] == "application/json; charset=utf-8"


def test_each_language_and_query_string_has_its_own_page(db):
    dutch, french = Client(HTTP_ACCEPT_LANGUAGE="nl"), Client(HTTP_ACCEPT_LANGUAGE="fr")
    assert dutch.get("/toolkit/").text != french.get("/toolkit/").text
    assert "Zoeken" in dutch.get("/toolkit/").text or "zoeken" in dutch.get("/toolkit/").text
    make_page("Huurwaarborg betalen", "Het OCMW kan helpen.")
    make_page("Schoolkosten", "De schooltoeslag.")
    assert "Schoolkosten" not in dutch.get("/toolkit/zoeken/?q=huurwaarborg").text
    assert "Schoolkosten" in dutch.get("/toolkit/zoeken/?q=schooltoeslag").text


def test_errors_and_private_pages_are_not_cached(client, people):
    client.get("/toolkit/bestaat-niet/")
    _, queries = _get(client, "/toolkit/bestaat-niet/")
    assert queries > 0
    members_only = make_page("Intern", "Tekst.", visibility="members")
    client.get(members_only.get_absolute_url())  # 404 for a visitor
    member = people.client("volunteer")
    assert member.get(members_only.get_absolute_url()).status_code == 200


def test_undeclared_pages_are_never_cached(client, db):
    client.get("/vrijwilligen/link/")
    _, queries = _get(client, "/aansluiten/")
    client.get("/aansluiten/")
    _, again = _get(client, "/aansluiten/")
    assert again == queries


def test_the_secretariats_overview_is_cached_per_person_until_a_write(people):
    from organisations.models import MembershipStatus

    secretariat = people.client("secretariat")
    secretariat.get("/secretariaat/")  # computes the network figures (which makes cached pages fresh)
    first, first_queries = _get(secretariat, "/secretariaat/")
    second, second_queries = _get(secretariat, "/secretariaat/")
    assert first.status_code == second.status_code == 200
    assert second_queries < first_queries and second_queries <= 3  # the session and the person only
    strip = re.compile(r'value="[A-Za-z0-9]{64}"')
    assert strip.sub("", first.text) == strip.sub("", second.text)
    # Another person never gets it; a write makes it fresh.
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(people.coordinator)
    assert other.get("/secretariaat/").status_code == 403
    people.group_b.name = "Werkgroep Vluchtelingen Gent (nieuw)"
    people.group_b.status = MembershipStatus.MEMBER
    people.group_b.save()
    third, third_queries = _get(secretariat, "/secretariaat/")
    assert third_queries > second_queries


def test_a_person_with_messages_waiting_gets_a_fresh_overview(people, rf):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    secretariat = people.client("secretariat")
    secretariat.get("/secretariaat/")
    secretariat.get("/secretariaat/")
    storage = CookieStorage(rf.get("/"))  # as a view does before redirecting here
    storage.add(constants.SUCCESS, "Opgeslagen.")
    carrier = HttpResponse()
    storage.update(carrier)
    secretariat.cookies["messages"] = carrier.cookies["messages"].value
    response, queries = _get(secretariat, "/secretariaat/")
    assert queries > 3 and "Opgeslagen." in response.text


def test_the_cached_first_sign_up_step_gives_every_visitor_their_own_start_moment(db):
    """The sign-up's spam protection counts from the moment the first step was shown: a page
    from the cache must not carry the moment it was first rendered (a script could then post
    at once), and the moment must reach the signed answers with the first post."""
    started = re.compile(r'name="form_started" value="([^"]+)"')
    first = Client(HTTP_ACCEPT_LANGUAGE="en").get("/vrijwilligen/")
    time.sleep(1.1)  # signing.dumps of time.time(): a second later is another value
    second, queries = _get(Client(HTTP_ACCEPT_LANGUAGE="en"), "/vrijwilligen/")
    assert queries == 0  # from the cache
    one, two = started.search(first.text), started.search(second.text)
    assert one and two and one.group(1) != two.group(1)
    salt = "gastvrij.spam.started"  # core/spam.py
    assert signing.loads(two.group(1), salt=salt) > signing.loads(one.group(1), salt=salt)


def test_an_audit_row_leaves_the_cached_pages_as_they_are(client, db):
    """Every audited read (a family's page) writes an audit row: that must not make every
    visitor's page stale."""
    from core import audit, pagecache

    before = pagecache.version()
    audit.record(next(iter(audit.ACTIONS)), actor=None)
    assert pagecache.version() == before
