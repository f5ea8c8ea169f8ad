"""Every form of every app, filled with random and hostile values (hypothesis): never a 5xx,
and what was typed comes back when the form is shown again (issue 9, decision 0017).

The forms are found, not listed: for every row of the access matrix that some role may POST
to, the test opens the matrix's pages as that role and reads the ``<form method="post">`` that
sends there (core/tests/forms_on_pages.py), as a browser would. Each example picks a role, one
of those forms, and for each field a value: the page's own value or a choice it offers, or
something hostile (NUL, 1 MB, right-to-left override, "²", emoji, markup, huge numbers, empty,
white space). Hidden fields keep their value in most examples, so the form is really read.

``EXAMPLES`` examples a form, derandomised, so the suite stays fast and finds the same thing
every run. ``GASTVRIJ_FUZZ_EXAMPLES`` raises it for a heavier run by hand (docs/decisions/0017-bad-input.md).
Each request runs in a savepoint that is rolled back. Runs on SQLite and on PostgreSQL, where a
value longer than its column or a NUL byte would be a 500.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tests.access_matrix import TABLES, send
from core.tests.forms_on_pages import Field, Form, post_forms
from core.tests.roles import LOGIN, NO_OTP, OTP, ROLES, Row

EXAMPLES = int(os.environ.get("GASTVRIJ_FUZZ_EXAMPLES", "25"))

HOSTILE = [
    "",
    " ",
    "\t \n ",
    "\x00",
    "a\x00b",
    "x" * 1_000_000,
    "\u202eevil.exe\u202c",
    "Amal\u200b Haddad\u2066",
    "²",
    "٢٨٠٠",
    "\U0001f600" * 20,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "%00",
    "{{ 7*7 }}",
    str(2**64),
    "9" * 40,
    "-1",
    "0",
    "1e308",
    "a" * 300 + "@example.org",
    "a@b",
    "2800",
    "2026-02-30",
    "../../etc/passwd",
    "line\r\nbreak",
]

REFUSED = {LOGIN, OTP, 403, 404, 405}
SENT: dict[int, int] = {}  # requests sent, by status (printed with GASTVRIJ_FUZZ_REPORT=1)
TEXT_KINDS = {"text", "textarea"}


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE), st.text(max_size=40))


def files() -> st.SearchStrategy[SimpleUploadedFile]:
    contents = st.one_of(
        st.binary(max_size=300),
        st.sampled_from(
            [
                b"%PDF-1.4\n%%EOF\n",
                b"\x89PNG\r\n\x1a\n",
                b"PK\x03\x04not a zip",
                b"name;legal_form;postcode\n" + b"x" * 50_000 + b";vzw;2800\n",
                b"name,legal_form,postcode\n\x00,vzw,2800\n",
                "name;legal_form;postcode;website\nÉcole;vzw;٢٨٠٠;http://\u202e.example\n".encode(),
            ]
        ),
    )
    names = st.sampled_from(["leden.csv", "leden.xlsx", "statuten.pdf", "dia.pptx", "foto.png", "x", "a\u202e.pdf"])
    return st.builds(lambda body, name: SimpleUploadedFile(name, body), contents, names)


def plausible(field: Field) -> str | list[str] | None:
    """A value a person would send: the page's own, an offered choice, or a typical value for
    the field's kind, so that one hostile field in an otherwise good form reaches the database."""
    name, kind = field.name.lower(), field.input_type
    if field.kind == "file":
        return None
    if field.options:
        chosen = [o for o in field.options if o] or field.options
        return chosen[:2] if field.multiple else chosen[0]
    if field.value or field.kind == "hidden":
        return field.value
    if kind == "email" or "email" in name:
        return "fuzz@example.org"
    if "postcode" in name or name == "near":
        return "2800"
    if kind == "date" or name.endswith(("_on", "since", "until", "_for")):
        return "2026-03-01"
    if kind == "number" or "hours" in name:
        return "4"
    if kind == "url" or "website" in name:
        return "https://example.org"
    if kind == "tel" or "phone" in name:
        return "0470 12 34 56"
    if kind == "password" or "password" in name:
        return "een lang wachtwoord 2026"
    if name == "area":
        return "Mechelen"
    if name == "website_url":  # the honeypot stays empty
        return ""
    return "Gastvrij"


def hostile_for(field: Field) -> st.SearchStrategy[str]:
    """Hostile values, first of all those aimed at this field: one character past its length,
    an address longer than any column."""
    aimed = []
    if field.maxlength:
        aimed += ["x" * (field.maxlength + 1), "é" * field.maxlength]
    if field.input_type == "email" or "email" in field.name:
        aimed += ["a" * 300 + "@example.org", "a@" + "b" * 250 + ".be"]
    if not aimed:
        return hostile_text()
    return st.one_of(st.sampled_from(aimed), st.sampled_from(aimed), st.sampled_from(aimed), hostile_text())


def value_for(data: st.DataObject, field: Field, keep: bool):
    """A value for ``field``: kept (hidden fields, when ``keep``), one the page offers, or hostile."""
    if field.kind == "hidden":
        return field.value if keep else data.draw(st.one_of(st.just(field.value), hostile_text()))
    if field.kind == "submit" and keep:  # the button pressed says which form is sent
        return data.draw(st.sampled_from(field.options))
    if field.kind == "file":
        return data.draw(st.one_of(st.none(), files()))
    if field.options:
        offered = st.sampled_from(field.options)
        if field.multiple:
            return data.draw(st.lists(st.one_of(offered, hostile_text()), max_size=4))
        return data.draw(st.one_of(offered, offered, hostile_text(), st.none()))
    return data.draw(st.one_of(st.just(field.value), hostile_text(), hostile_text()))


def draw_payload(data: st.DataObject, form: Form | None) -> tuple[dict, dict[str, str], bool]:
    """(what is posted, the text typed into visible fields, whether hidden fields were kept).

    Two kinds of example: a good form with one hostile field (which then reaches the service
    and the database), and a form where every field is drawn."""
    fields = [f for f in form.fields.values() if f.name != "csrfmiddlewaretoken"] if form else []
    aimed = [f for f in fields if f.kind not in {"hidden", "submit"}] or fields
    one_field = aimed and data.draw(st.integers(0, 3)) > 0  # three examples in four
    one = data.draw(st.sampled_from(aimed)) if one_field else None
    keep = one is not None or data.draw(st.booleans())
    payload: dict = {}
    typed: dict[str, str] = {}
    for field in fields:
        value: Any
        if one is not None and field is not one:
            value = plausible(field)
        elif one is not None:
            value = data.draw(st.one_of(hostile_text(), files()) if field.kind == "file" else hostile_for(field))
        else:
            value = value_for(data, field, keep)
        if value is None or value == []:
            continue
        payload[field.name] = value
        if field.kind in TEXT_KINDS and isinstance(value, str):
            typed[field.name] = value
    extra = data.draw(st.dictionaries(st.sampled_from(["action", "page", "id", "\u202e", "x" * 200]), hostile_text()))
    for name, value in extra.items():
        payload.setdefault(name, value)
    return payload, typed, keep


def has_nul(payload: dict) -> bool:
    values = [v for value in payload.values() for v in (value if isinstance(value, list) else [value])]
    return any("\x00" in str(item) for item in [*payload, *values] if not isinstance(item, SimpleUploadedFile))


def reachable(row: Row) -> list:
    """The roles that may POST to this row (the matrix does not refuse them)."""
    return [role for role in ROLES if role != NO_OTP and row.expected("POST", role) not in REFUSED]


NOT_PAGES = ("/pdf/", "export.")  # files that take long to make and hold no forms


def forms_for(client, role, rows: dict[str, Row], target: str, cache: dict) -> list[Form]:
    """The POST forms sending to ``target``'s view on any page of ``rows`` this role may open
    (a form found on another object's page is sent to ``target``)."""
    if "all" not in cache:
        found: list[Form] = []
        for row in rows.values():
            if row.expected("GET", role) != 200 or any(part in row.url for part in NOT_PAGES):
                continue
            response = send(client, "GET", row.url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                found += post_forms(response.content.decode(), row.url)
        cache["all"] = found
    view = _view(target)
    return [form for form in cache["all"] if _view(form.action) == view]


def _view(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__.split(".")[0])
def test_no_form_answers_5xx_and_typed_values_come_back(everybody, table):
    rows = table.urls(everybody)
    clients: dict = {}
    pages: dict = {}
    problems: list[str] = []
    for name, row in rows.items():
        roles = reachable(row)
        if not roles:
            continue
        target = urlsplit(row.url).path
        for role in roles:
            if role not in clients:
                clients[role] = everybody.client(role)
                clients[role].raise_request_exception = False
        forms = {role: forms_for(clients[role], role, rows, target, pages.setdefault(role, {})) for role in roles}
        if os.environ.get("GASTVRIJ_FUZZ_REPORT"):
            print(name, {str(r): [sorted(f.fields) for f in fs] for r, fs in forms.items()})
        try:
            fuzz(name, row, roles, forms, clients)()
        except AssertionError as exc:
            problems.append(str(exc)[:2000])
    if os.environ.get("GASTVRIJ_FUZZ_REPORT"):
        print(f"{table.__name__}: {sum(SENT.values())} requests, by status {dict(sorted(SENT.items()))}")
    assert not problems, "\n\n".join(problems)


def fuzz(name: str, row: Row, roles: list, forms: dict, clients: dict):
    """The property for one row: any role that may post, any of its forms, any values."""

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        role = data.draw(st.sampled_from(roles))
        form = data.draw(st.sampled_from(forms[role])) if forms[role] else None
        payload, typed, kept = draw_payload(data, form)
        response = send(clients[role], "POST", row.url, payload)
        SENT[response.status_code] = SENT.get(response.status_code, 0) + 1
        assert response.status_code < 500, f"{name} as {role}: {response.status_code} for {payload!r:.300}"
        if not kept or response.status_code not in (200, 400, 409):
            return
        if has_nul(payload) or "text/html" not in response.get("Content-Type", ""):
            return  # a NUL is refused before any form (decision 0017): nothing comes back
        html = response.content.decode()
        for field, value in typed.items():
            if value.strip() and f'name="{field}"' in html:
                assert escape(value) in html, f"{name} as {role}: {field}={value!r:.80} did not come back"

    return run
