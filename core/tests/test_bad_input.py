"""Bad input gets a clear answer in the visitor's language, never a 500 (issue 9; decision 0011).

These run on SQLite and on PostgreSQL (scripts/test): a NUL byte is invisible to SQLite and a
500 on PostgreSQL, and integers past 2**63 overflow SQLite only.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from core.inputs import MAX_ID, ascii_digits, parse_id, parse_int, parse_page
from core.text import clean_email, clean_name
from organisations import services as organisation_services
from volunteers.models import Volunteer


def dutch(**kwargs) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="nl", raise_request_exception=False, **kwargs)


# ---------------------------------------------------------------- reading numbers and names


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("٢٨٠٠", 2800),  # Arabic-Indic digits
        ("۲۸۰۰", 2800),  # Persian digits
        ("２８００", 2800),  # full-width digits
        ("²", None),  # superscript two: isdigit() says yes, int() says no
        ("1²", None),
        ("½", None),
        ("1_000", None),
        ("+5", None),
        ("-5", None),
        ("0", None),  # ids start at 1
        ("", None),
        (None, None),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 400, None),
    ],
)
def test_an_id_is_read_from_digits_of_any_script_and_nothing_else(typed, read):
    assert parse_id(typed) == read


def test_a_page_number_falls_back_to_the_first_page():
    assert [parse_page(v) for v in ("3", "²", "0", "abc", None, "9" * 30)] == [3, 1, 1, 1, 1, 1]
    assert parse_int("0", minimum=0) == 0
    assert ascii_digits("B-٢٨٠٠") == "B-2800"


def test_invisible_controls_are_removed_from_names_and_addresses_but_not_joiners_in_names():
    assert clean_name("  \u202eAmal\u200b Haddad\u2066 ") == "Amal Haddad"
    assert clean_name("نیم\u200cفاصله") == "نیم\u200cفاصله"  # Persian needs the zero-width non-joiner
    assert clean_email("am\u200dal@exam\u202eple.org ") == "amal@example.org"


def test_the_bdi_filter_isolates_and_escapes_user_text():
    from django.template import Context, Template

    html = Template("{% load text %}<p>{{ name|bdi }} ({{ empty|bdi }})</p>").render(
        Context({"name": "\u202e<b>Amal</b>", "empty": ""})
    )
    assert html == "<p><bdi>\u202e&lt;b&gt;Amal&lt;/b&gt;</bdi> ()</p>"


# ---------------------------------------------------------------- NUL bytes


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/%00",
        "/api/v1/match?postcode=9000&activities=%00",
        "/api/v1/organisations?q=a%00b",
        "/api/v1/search?q=%00",
    ],
)
def test_a_nul_byte_on_the_api_is_a_json_400(db, url):
    response = dutch().get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/groepen/?q=a%00", "/vacatures/?near=%00", "/toolkit/zoeken/?q=%00"])
def test_a_nul_byte_in_a_query_string_is_a_400_page_in_dutch(db, url):
    response = dutch().get(url)
    assert response.status_code == 400
    assert '<html lang="nl"' in response.text
    assert "NUL" in response.text and "Er is niets bewaard" in response.text


def test_a_nul_byte_in_a_form_names_the_field_and_saves_nothing(people):
    Volunteer.objects.create(full_name="Amal", email="amal@example.org", token_hash="x" * 64)
    response = dutch().post("/vrijwilligen/link/", {"email": "amal\x00@example.org"})
    assert response.status_code == 400
    assert "email" in response.text and "NUL" in response.text
    assert mail.outbox == []


def test_the_400_page_offers_the_way_back_to_the_form(db):
    response = dutch().get("/groepen/?q=%00", HTTP_REFERER="http://testserver/groepen/")
    assert 'href="http://testserver/groepen/"' in response.text
    elsewhere = dutch().get("/groepen/?q=%00", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in elsewhere.text


# ---------------------------------------------------------------- too many fields, too large, CSRF


def test_more_than_1000_fields_get_the_site_page_saying_nothing_was_kept(db):
    data = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = dutch().post("/vrijwilligen/link/", data)
    assert response.status_code == 400
    assert '<html lang="nl"' in response.text
    assert "niet bewaard" in response.text and str(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS) in response.text


def test_a_body_over_the_limit_is_a_413_page(db):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = dutch().post("/vrijwilligen/link/", big, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert '<html lang="nl"' in response.text and "MB" in response.text


def test_a_form_without_its_csrf_token_gets_the_sites_page(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr", enforce_csrf_checks=True)
    response = client.post("/vrijwilligen/link/", {"email": "amal@example.org"})
    assert response.status_code == 403
    assert '<html lang="fr"' in response.text
    assert "Gastvrij" in response.text and 'href="/vrijwilligen/link/"' in response.text
    assert "CSRF verification failed" not in response.text


# ---------------------------------------------------------------- HEAD and OPTIONS


@pytest.mark.parametrize("url", ["/", "/healthz", "/groepen/", "/aansluiten/", "/api/v1/organisations", "/toolkit/"])
def test_head_answers_like_get_without_a_body(db, url):
    client = dutch()
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/groepen/", "GET, HEAD, OPTIONS"),
        ("/aansluiten/", "GET, POST, HEAD, OPTIONS"),
        ("/api/v1/organisations", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_answers_200_with_the_allowed_methods(db, url, allowed):
    response = dutch().options(url)
    assert response.status_code == 200
    assert response["Allow"] == allowed


def test_options_goes_through_the_access_policy(people):
    assert dutch().options(f"/groepen/{people.group_a.slug}/bewerken/").status_code == 302


def test_a_wrong_method_names_the_allowed_ones(db):
    response = dutch().post("/groepen/")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"


# ---------------------------------------------------------------- the API answers JSON


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/nothing-here", 404),
        ("get", "/api/v1/organisations/no-such-group", 404),
        ("post", "/api/v1/organisations", 405),
        ("delete", "/api/v1/search", 405),
    ],
)
def test_api_errors_are_json_in_the_callers_language(db, method, url, status):
    response = getattr(dutch(), method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail and "Not Found" not in detail
    if status == 405:
        assert "GET" in response["Allow"]


def test_api_type_errors_are_translated(db):
    response = dutch().get("/api/v1/organisations?page=twee")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["page"] == ["Geef een geheel getal, zoals 2."]
    assert "Input should be" not in response.text


def test_api_too_many_parameters_is_a_json_400(db):
    query = "&".join(f"q{i}=x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = dutch().get(f"/api/v1/organisations?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_the_openapi_description_documents_what_the_api_checks(db):
    schema = dutch().get("/api/v1/openapi.json").json()

    def parameter(path, name):
        return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)["schema"]

    assert parameter("/api/v1/organisations/nearest", "limit")["maximum"] == 50
    assert parameter("/api/v1/organisations/nearest", "postcode")["pattern"]
    assert parameter("/api/v1/organisations", "q")["maxLength"] == 100
    assert "homework-help" in parameter("/api/v1/organisations", "activity")["items"]["enum"]
    assert "housing" in parameter("/api/v1/search", "domain")["enum"]
    assert parameter("/api/v1/match", "limit")["minimum"] == 1


# ---------------------------------------------------------------- e-mails are text


def test_email_subjects_and_bodies_are_not_html_escaped(people, committed):
    org = people.group_a
    org.name = "'t Mechelen & Co <Noord>"
    org.save()
    with committed():
        organisation_services.invite_person(org, email="nieuw@example.org", acting_user=people.coordinator)
    (message,) = mail.outbox
    assert "'t Mechelen & Co <Noord>" in message.subject
    assert "'t Mechelen & Co <Noord>" in message.body
    assert "&amp;" not in message.subject + message.body and "&#x27;" not in message.subject
