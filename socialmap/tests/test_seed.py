"""The demo services: development only, about 60, marked demo, no invented phone numbers or
street addresses, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from socialmap.models import Location, Service

pytestmark = pytest.mark.django_db


def test_the_demo_services_refuse_to_load_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="runs only in development"):
        call_command("seed_socialmap", stdout=io.StringIO())
    assert not Service.objects.exists()


def test_the_demo_services_load_once(development, client):
    call_command("seed_socialmap", stdout=io.StringIO())
    count = Service.objects.count()
    assert 55 <= count <= 75 and not Service.objects.filter(is_demo=False).exists()
    assert not Service.objects.exclude(phone="").exists() and not Location.objects.exclude(address="").exists()
    assert Service.objects.filter(status="published").count() == count
    call_command("seed_socialmap", stdout=io.StringIO())
    assert Service.objects.count() == count
    page = client.get("/sociale-kaart/?near=2800&welcome=no_papers&domain=health").content.decode()
    assert "Dokters van de Wereld" in page
