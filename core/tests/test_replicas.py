"""Read replicas (decision 0015): where each request's queries go.

On the test PostgreSQL the alias ``replica`` is a second connection to the same test
database (``TEST: MIRROR``, gastvrij/settings_test.py). A mirror connection sees only
committed rows, so these tests use a transactional database. The router and the middleware
are switched on here only, as ``DATABASE_REPLICA_URL`` does in gastvrij/settings.py."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core.replicas import PIN_COOKIE, REPLICA_VIEWS, ReplicaRouter

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="read replicas are a PostgreSQL set-up; the test settings add the mirror alias on PostgreSQL only",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]

ROUTED = override_settings(
    DATABASE_ROUTERS=["core.replicas.ReplicaRouter"],
    MIDDLEWARE=[*settings.MIDDLEWARE, "core.replicas.ReplicaMiddleware"],
    PAGE_CACHE_SECONDS=0,  # every request runs its view and its queries
)


@contextmanager
def queries_per_alias():
    """{"default": [sql, ...], "replica": [sql, ...]} of what ran inside the block."""
    found: dict[str, list[str]] = {}
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield found
    found["default"] = [q["sql"] for q in primary.captured_queries]
    found["replica"] = [q["sql"] for q in replica.captured_queries]


@pytest.fixture
def public_page():
    from toolkit.tests.factories import make_page

    return make_page("Huurwaarborg betalen", "Het OCMW kan helpen met de huurwaarborg.")


@pytest.fixture
def member():
    """A Toolkit editor: logged in and reading members-only pages (no group, so no places
    are needed, which a transactional test starts without)."""
    from core.tests.factories import UserFactory

    return UserFactory(email="vera@example.org", is_editor=True)


def _client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@ROUTED
def test_a_visitors_public_page_and_search_read_from_the_replica_only(public_page):
    client = _client()
    for url in (public_page.get_absolute_url(), "/toolkit/zoeken/?q=huurwaarborg", "/toolkit/woordenlijst/"):
        with queries_per_alias() as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert queries["replica"] and queries["default"] == [], (url, queries["default"])
    assert "Huurwaarborg betalen" in client.get("/toolkit/zoeken/?q=huurwaarborg").text


@ROUTED
def test_the_api_reads_from_the_replica_for_visitors(public_page):
    with queries_per_alias() as queries:
        response = _client().get("/api/v1/search?q=huurwaarborg")
    assert [r["title"] for r in response.json()["results"]] == ["Huurwaarborg betalen"]
    assert queries["replica"] and queries["default"] == []


@ROUTED
def test_a_logged_in_member_reads_from_the_primary_only(public_page, member):
    client = _client()
    client.force_login(member)
    for url in (public_page.get_absolute_url(), "/api/v1/search?q=huurwaarborg", "/toolkit/vragen/"):
        with queries_per_alias() as queries:
            assert client.get(url).status_code == 200
        assert queries["default"] and queries["replica"] == [], url


@ROUTED
def test_pages_that_are_not_declared_read_only_use_the_primary(db):
    with queries_per_alias() as queries:  # the "send me my link again" form: public, not declared
        assert _client().get("/vrijwilligen/link/").status_code == 200
    assert queries["replica"] == []


@ROUTED
def test_a_write_pins_the_visitor_to_the_primary_for_a_while(public_page, member, settings):
    client = _client()
    client.force_login(member)
    response = client.post("/account/uitloggen/")  # the session row is deleted: a write
    assert response.status_code == 302
    pinned_until = int(response.cookies[PIN_COOKIE].value)
    assert 0 < pinned_until - time.time() <= settings.REPLICA_PIN_SECONDS
    with queries_per_alias() as queries:  # now a visitor again, but just after a write
        assert client.get(public_page.get_absolute_url()).status_code == 200
    assert queries["default"] and queries["replica"] == []

    client.cookies[PIN_COOKIE] = str(int(time.time()) - 1)  # the window has passed
    with queries_per_alias() as queries:
        assert client.get(public_page.get_absolute_url()).status_code == 200
    assert queries["replica"] and queries["default"] == []


@ROUTED
def test_a_read_only_request_sets_no_pin(public_page):
    response = _client().get(public_page.get_absolute_url())
    assert PIN_COOKIE not in response.cookies


@ROUTED
def test_a_post_to_a_read_only_page_never_reads_from_the_replica(public_page):
    with queries_per_alias() as queries:
        assert _client().post("/toolkit/zoeken/", {"q": "ocmw"}).status_code == 405
    assert queries["replica"] == []


def test_the_router_writes_and_migrates_on_the_primary_only():
    router = ReplicaRouter()
    assert router.db_for_write(None) == "default" and router.db_for_read(None) == "default"
    assert router.allow_migrate("default", "toolkit") and not router.allow_migrate("replica", "toolkit")


def test_every_replica_view_is_a_public_page():
    from django.urls import get_resolver

    from core.access import PUBLIC, declared_policy
    from core.tests.test_access_matrix import all_patterns

    names = {f"{':'.join(ns)}:{p.name}" if ns else p.name: p for ns, p in all_patterns()}
    assert REPLICA_VIEWS <= set(names)
    assert all(declared_policy(names[name].callback) is PUBLIC for name in REPLICA_VIEWS)
    assert get_resolver()  # the project's URLs, as served


@ROUTED
def test_healthz_reports_the_replica(db):
    report = _client().get("/healthz").json()
    assert report["replica"]["status"] == "ok" and report["replica"]["lag_seconds"] is None  # a mirror, not a standby


@ROUTED
def test_healthz_fails_when_the_replica_does_not_answer(db, monkeypatch):
    def unreachable():
        raise OSError("replica down")

    monkeypatch.setattr(connections["replica"], "cursor", unreachable)
    response = _client().get("/healthz")
    assert response.status_code == 503 and response.json()["replica"] == {"status": "error", "error": "OSError"}
