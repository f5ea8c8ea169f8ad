"""The site's frame (base.html) rendered from kept variants (``core/templatetags/chrome.py``):
the request's own values are never kept, and each request gets its own."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from core.templatetags import chrome

pytestmark = pytest.mark.django_db


def _token(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_each_request_gets_its_own_token_and_address_and_nothing_of_them_is_kept(people):
    chrome._kept.clear()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(people.coordinator)
    first = client.get("/toolkit/?q=%3Cscript%3E%22").content.decode()
    second = Client(HTTP_ACCEPT_LANGUAGE="en")
    second.force_login(people.volunteer)
    other = second.get("/toolkit/?q=other").content.decode()
    # The logout form and the language switch carry the request's token, escaped as Django does.
    assert len(_token(first)) == 2 and len(set(_token(first))) == 1
    assert _token(first)[0] != _token(other)[0]
    assert '<input name="next" type="hidden" value="/toolkit/?q=%3Cscript%3E%22">' in first
    assert '<input name="next" type="hidden" value="/toolkit/?q=other">' in other
    kept = "".join(chrome._kept.values())
    assert "\x00" in kept  # the stand-ins, not the values
    for value in (_token(first)[0], _token(other)[0], "q=other", people.coordinator.full_name):
        assert value not in kept
    assert "\x00" not in first and "\x00" not in other


def test_the_variants_follow_the_language_and_whether_someone_is_signed_in(people):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/account/inloggen/").content.decode()
    assert '<a class="app-header__link" href="/account/inloggen/" aria-current="page">' in visitor
    assert '<html lang="fr"' in visitor and 'lang="fr" aria-current="true"' in visitor
    assert "Log out" not in visitor
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(people.coordinator)
    page = client.get("/account/").content.decode()
    assert 'href="/account/" aria-current="page">My account</a>' in page
    assert 'type="submit">Log out</button>' in page
    elsewhere = client.get("/toolkit/").content.decode()
    assert 'href="/account/">My account</a>' in elsewhere
    assert 'lang="en" aria-current="true"' in elsewhere
