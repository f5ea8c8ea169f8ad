"""The service's own update link: hashed, expiring, its changes going to review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from socialmap import services
from socialmap.models import EntryStatus, Service, ServiceChange, hash_token

from .factories import make_service

pytestmark = pytest.mark.django_db


def _form(service, **changes):
    data = {
        "name": service.name,
        "description": service.description,
        "domain_list": service.domain_codes,
        "language_list": service.language_codes,
        "appointment": service.appointment,
        "cost": service.cost,
    }
    return {**data, **changes}


def test_an_editor_makes_a_link_only_its_hash_is_stored(people, client):
    service = make_service()
    client.force_login(people.secretariat)
    response = client.post(f"/sociale-kaart/{service.pk}/link/")
    assert response.status_code == 200
    link = response.context["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    service.refresh_from_db()
    assert service.link_hash == hash_token(token) and token not in service.link_hash
    assert AuditEvent.objects.filter(action="socialmap.link_made", object_id=service.pk).exists()


def test_the_service_updates_its_entry_through_the_link_and_an_editor_publishes_it(people, client):
    service = make_service()
    token = services.make_link(service, editor=people.secretariat)
    url = f"/sociale-kaart/bijwerken/{token}/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(service, notice="Wachtlijst tot maart", message="Drukte"))
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    change = ServiceChange.objects.get()
    assert change.source == "service" and change.author is None and change.data == {"notice": "Wachtlijst tot maart"}
    assert Service.objects.get(pk=service.pk).notice == ""  # not before review
    client.force_login(people.secretariat)
    assert client.post(f"/sociale-kaart/nalezen/wijzigingen/{change.pk}/", {"decision": "publish"}).status_code == 302
    service.refresh_from_db()
    assert service.notice == "Wachtlijst tot maart" and service.verified_by == "the service itself"
    change.refresh_from_db()
    assert change.status == EntryStatus.PUBLISHED


def test_an_expired_or_replaced_or_wrong_link_is_a_clear_page(people, client):
    service = make_service()
    old = services.make_link(service, editor=people.secretariat)
    new = services.make_link(Service.objects.get(pk=service.pk), editor=people.secretariat)
    for token in (old, "nonsense", "x" * 300):
        response = client.get(f"/sociale-kaart/bijwerken/{token}/")
        assert response.status_code == 404 and "This link no longer works" in response.content.decode()
    Service.objects.filter(pk=service.pk).update(link_expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(f"/sociale-kaart/bijwerken/{new}/", _form(service, notice="x"))
    assert response.status_code == 404 and not ServiceChange.objects.exists()


def test_html_in_an_update_is_shown_as_text(people, client):
    service = make_service()
    token = services.make_link(service, editor=people.secretariat)
    client.post(f"/sociale-kaart/bijwerken/{token}/", _form(service, notice="<script>alert(1)</script>"))
    services.publish_change(ServiceChange.objects.get(), editor=people.secretariat)
    page = client.get(service.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
