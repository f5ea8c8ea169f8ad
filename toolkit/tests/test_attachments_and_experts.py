"""Files on pages (checked by size and by their first bytes), and members who know a topic well."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core.tests.factories import UserFactory
from toolkit.models import Attachment, Expertise
from toolkit.tests.factories import make_page

PDF = b"%PDF-1.4\n%demo\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


PPTX = _zip(**{"ppt__presentation.xml": b"<p/>", "_rels__.rels": b"<r/>"})
ODP = _zip(mimetype=b"application/vnd.oasis.opendocument.presentation", **{"content.xml": b"<c/>"})


@pytest.fixture
def editor(db):
    return UserFactory(full_name="Eddy Editor", is_editor=True)


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _upload(client, page, name: str, data: bytes, title: str = "Presentatie netwerkdag"):
    return client.post(f"/toolkit/{page.slug}/bijlagen/", {"title": title, "file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type"),
    [
        ("verslag.pdf", PDF, "pdf", "application/pdf"),
        ("dias.pptx", PPTX, "slides", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("dias.odp", ODP, "slides", "application/vnd.oasis.opendocument.presentation"),
        ("foto.PNG", PNG, "image", "image/png"),
        ("foto.jpeg", JPEG, "image", "image/jpeg"),
    ],
)
def test_an_editor_adds_a_file_and_readers_of_the_page_download_it(people, editor, name, data, kind, content_type):
    page = make_page("Netwerkdag 2019")
    response = _upload(_client(editor), page, name, data)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.content_type, attachment.size) == (kind, content_type, len(data))
    assert attachment.get_absolute_url() in Client().get(page.get_absolute_url()).text
    download = Client().get(attachment.get_absolute_url())
    assert download.status_code == 200 and download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == data
    assert ("attachment;" in download["Content-Disposition"]) == (kind != "image")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("verslag.pdf", PNG),  # a PNG that says it is a PDF
        ("foto.png", PDF),
        ("dias.pptx", _zip(**{"word__document.xml": b"<w/>"})),  # a Word file named as slides
        ("dias.pptx", b"PK\x03\x04 not really a zip"),
        ("dias.odp", _zip(mimetype=b"application/vnd.oasis.opendocument.text")),
        ("script.svg", b"<svg onload=alert(1)></svg>"),
        ("programma.exe", b"MZ\x90\x00"),
        ("leeg.pdf", b""),
    ],
)
def test_a_file_that_lies_about_its_type_or_is_not_allowed_is_refused(people, editor, name, data):
    page = make_page("Netwerkdag")
    response = _upload(_client(editor), page, name, data)
    assert response.status_code in (200, 400) and "govuk-error-message" in response.text
    assert Attachment.objects.count() == 0


@override_settings(MAX_UPLOAD_BYTES=10)
def test_a_file_over_the_size_limit_is_refused_with_its_size(people, editor):
    page = make_page("Netwerkdag")
    response = _upload(_client(editor), page, "verslag.pdf", PDF)
    assert response.status_code == 400 and "the limit is" in response.text
    assert Attachment.objects.count() == 0


def test_members_cannot_add_files_and_files_of_members_only_pages_are_hidden(people, editor):
    page = make_page("Intern", visibility="members")
    assert _upload(people.client("volunteer"), page, "verslag.pdf", PDF).status_code == 403
    _upload(_client(editor), page, "verslag.pdf", PDF)
    attachment = Attachment.objects.get()
    assert Client().get(attachment.get_absolute_url()).status_code == 404
    assert people.client("outsider").get(attachment.get_absolute_url()).status_code == 200
    assert Client().get("/toolkit/bijlagen/999/").status_code == 404


def test_an_editor_removes_a_file_and_the_file_goes_too(people, editor, committed):
    page = make_page("Netwerkdag")
    _upload(_client(editor), page, "verslag.pdf", PDF)
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    assert people.client("volunteer").post(f"/toolkit/bijlagen/{attachment.pk}/verwijderen/").status_code == 403
    with committed():
        response = _client(editor).post(f"/toolkit/bijlagen/{attachment.pk}/verwijderen/")
    assert response.status_code == 302 and not Attachment.objects.exists() and not storage.exists(name)


def test_a_missing_file_on_disk_is_404(people, editor):
    page = make_page("Netwerkdag")
    _upload(_client(editor), page, "verslag.pdf", PDF)
    attachment = Attachment.objects.get()
    attachment.file.storage.delete(attachment.file.name)
    assert Client().get(attachment.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------- experts


def test_members_mark_a_topic_they_know_and_only_members_see_the_list(people):
    page = make_page("Gezinshereniging")
    client = people.client("coordinator")
    assert client.post(f"/toolkit/{page.slug}/expert/", {"expert": "1"}).status_code == 302
    client.post(f"/toolkit/{page.slug}/expert/", {"expert": "1"})
    assert Expertise.objects.filter(page=page, user=people.coordinator).count() == 1
    member_view = people.client("outsider").get(page.get_absolute_url()).text
    assert "Members who know this topic well" in member_view
    assert "Cora Coördinator" in member_view and "Welcome in Mechelen (WiM)" in member_view
    visitor_view = Client(HTTP_ACCEPT_LANGUAGE="en").get(page.get_absolute_url()).text
    assert "Cora Coördinator" not in visitor_view and "Members who know this topic well" not in visitor_view
    client.post(f"/toolkit/{page.slug}/expert/", {"expert": "0"})
    assert not Expertise.objects.exists()


def test_visitors_cannot_mark_a_topic(client, people):
    page = make_page("Gezinshereniging")
    response = client.post(f"/toolkit/{page.slug}/expert/", {"expert": "1"})
    assert response.status_code == 302 and "/account/inloggen/" in response.url
    assert not Expertise.objects.exists()


def test_page_query_count_does_not_grow_with_experts_and_files(people, editor):
    page = make_page("Gezinshereniging")
    client = people.client("volunteer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.get_absolute_url()).status_code == 200
        return len(queries)

    Expertise.objects.create(page=page, user=people.coordinator)
    _upload(_client(editor), page, "a.pdf", PDF, title="A")
    few = count()
    for n in range(8):
        Expertise.objects.create(page=page, user=UserFactory(full_name=f"Expert {n}"))
        _upload(_client(editor), page, f"b{n}.pdf", PDF, title=f"B{n}")
    Expertise.objects.create(page=page, user=people.outsider)
    assert count() == few
