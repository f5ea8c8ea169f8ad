"""A Toolkit page as PDF (WeasyPrint), and pages not checked for 12 months flagged to editors."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from core.tests.factories import UserFactory
from toolkit import services
from toolkit.tests.factories import make_page


def test_a_page_as_pdf(client, people):
    page = make_page("Huurwaarborg betalen", "## Wat is het?\n\nEen waarborg voor de verhuurder.")
    response = client.get(f"/toolkit/{page.slug}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{page.slug}.pdf"'
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Huurwaarborg betalen" in text
    assert f"/toolkit/{page.slug}/pdf/" in client.get(page.get_absolute_url()).text


def test_a_members_only_page_as_pdf_is_hidden_from_visitors(client, people):
    page = make_page("Intern", visibility="members")
    assert client.get(f"/toolkit/{page.slug}/pdf/").status_code == 404
    assert people.client("volunteer").get(f"/toolkit/{page.slug}/pdf/").content.startswith(b"%PDF")
    assert client.get("/toolkit/bestaat-niet/pdf/").status_code == 404
    assert people.client("volunteer").post(f"/toolkit/{page.slug}/pdf/").status_code == 405


def test_the_pdf_never_fetches_other_addresses_or_files(monkeypatch):
    import socket

    from toolkit.pdf import _static_fetcher, html_to_pdf

    connections: list = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    html = '<img src="http://169.254.169.254/latest"><img src="file:///etc/passwd"><p>Tekst</p>'
    assert html_to_pdf(html, base_url="http://testserver/").startswith(b"%PDF")
    assert connections == []
    fetcher = _static_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://testserver/static/../../etc/passwd")
    assert b"print" in fetcher.fetch("http://testserver/static/toolkit/print.css").read()


@pytest.fixture
def dated_pages(people):
    today = date(2026, 11, 22)
    return today, [
        make_page("Vers", last_checked=today - timedelta(days=30)),
        make_page("Net een jaar", last_checked=today - timedelta(days=365)),
        make_page("Oud", last_checked=today - timedelta(days=400)),
        make_page("Nooit nagekeken", last_checked=None),
    ]


def test_pages_not_checked_for_12_months_are_stale_the_oldest_first(dated_pages):
    today, _pages = dated_pages
    assert [p.title for p in services.stale_pages(today)] == ["Nooit nagekeken", "Oud"]


def test_the_editors_page_lists_stale_pages(people, db):
    make_page("Oud", last_checked=date(2020, 1, 1))
    make_page("Vers", last_checked=date.today())
    text = people.client("secretariat").get("/toolkit/voorstellen/").text
    assert "Pages not checked for 12 months" in text and "/toolkit/oud/" in text and "/toolkit/vers/" not in text


def test_the_command_lists_them_and_e_mails_each_editor_links_only(people, committed):
    make_page("Oud", "Geheim detail van een gezin.", last_checked=date(2020, 1, 1))
    editor = UserFactory(full_name="Eddy Editor", is_editor=True)
    out = StringIO()
    with committed():
        call_command("stale_toolkit_pages", "--email", stdout=out)
    assert "oud" in out.getvalue() and "1 editor(s) e-mailed." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "/toolkit/oud/" in mail.outbox[0].body and "Geheim detail" not in mail.outbox[0].body


def test_no_e_mail_when_every_page_is_current(people, committed):
    make_page("Vers", last_checked=date.today())
    UserFactory(is_editor=True)
    with committed():
        assert services.notify_editors_of_stale_pages() == 0
    assert mail.outbox == []
