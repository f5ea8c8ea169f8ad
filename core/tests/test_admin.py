"""The Django admin is no second door past the services: fields
the services own cannot be changed there, saves take the services' steps, and bulk deletes
go through the services or are not offered."""

from __future__ import annotations

import json

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection

from core.models import AuditEvent
from core.tests.factories import UserFactory
from organisations.models import MembershipStatus, OrganisationMember, Role
from organisations.services.figures import DIRECTORY_VERSION_KEY
from toolkit import search
from toolkit.tests.factories import make_page
from volunteers import matching
from volunteers.tests.factories_group import make_engagement, make_vacancy


@pytest.fixture
def staff(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _change_form_data(client, url: str, **changes) -> dict:
    """What the admin's change form would send back unchanged, with ``changes`` on top."""
    form = client.get(url).context["adminform"].form
    data: dict = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(field, forms.JSONField):
            data[name] = json.dumps(value if value is not None else [])
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [getattr(v, "pk", v) for v in (value or [])]
        elif value is None:
            data[name] = ""
        else:
            data[name] = getattr(value, "pk", value)
    data.update(changes)
    return data


def test_a_groups_status_slug_and_place_cannot_be_changed_in_the_admin(staff, people):
    org = people.group_a
    url = f"/beheer/organisations/organisation/{org.pk}/change/"
    cache.set(DIRECTORY_VERSION_KEY, 1, None)
    data = _change_form_data(staff, url, name="WiM Mechelen", status="former", slug="anders", latitude="0")
    with_commit = staff.post(url, data)
    assert with_commit.status_code == 302
    org.refresh_from_db()
    assert org.name == "WiM Mechelen"  # the repair is saved...
    assert (org.status, org.slug) == (MembershipStatus.MEMBER, "welcome-in-mechelen-wim")  # ...the rest is not
    assert org.latitude != 0
    event = AuditEvent.objects.get(action="organisation.changed_in_admin")
    assert event.actor_role == "account" and "name" in event.details["fields"]


def test_the_directory_cache_follows_an_admin_save(staff, people, committed):
    url = f"/beheer/organisations/organisation/{people.group_a.pk}/change/"
    cache.set(DIRECTORY_VERSION_KEY, 1, None)
    with committed():
        staff.post(url, _change_form_data(staff, url, name="WiM Mechelen"))
    assert cache.get(DIRECTORY_VERSION_KEY) != 1


def test_groups_are_neither_added_nor_deleted_in_the_admin(staff, people):
    assert staff.get("/beheer/organisations/organisation/add/").status_code == 403
    assert staff.get(f"/beheer/organisations/organisation/{people.group_a.pk}/delete/").status_code == 403
    changelist = staff.get("/beheer/organisations/organisation/")
    assert "delete_selected" not in changelist.content.decode()


def test_the_last_coordinator_cannot_be_demoted_or_removed_in_the_admin(staff, people):
    member = OrganisationMember.objects.get(organisation=people.group_a, user=people.coordinator)
    url = f"/beheer/organisations/organisationmember/{member.pk}/change/"
    assert staff.post(url, {"role": "volunteer", "left_at_0": "2026-01-01", "left_at_1": "10:00"}).status_code == 403
    assert (
        staff.post(f"/beheer/organisations/organisationmember/{member.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    member.refresh_from_db()
    assert member.role == Role.COORDINATOR and member.left_at is None


def test_a_vacancy_saved_in_the_admin_reaches_the_matching_at_once(staff, people):
    vacancy = make_vacancy(people.group_a, postcode="2800")
    url = f"/beheer/volunteers/vacancy/{vacancy.pk}/change/"
    before = cache.get(matching.VERSION_KEY)
    response = staff.post(url, _change_form_data(staff, url, title="Taallessen", closed_at="2026-01-01 10:00"))
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Taallessen" and vacancy.closed_at is None
    assert cache.get(matching.VERSION_KEY) != before
    assert AuditEvent.objects.filter(action="vacancy.changed", organisation_id=people.group_a.pk).exists()


def test_a_bulk_delete_of_toolkit_pages_removes_them_from_the_search(staff, db):
    page = make_page("Huurwaarborg aanvragen", "Bij het OCMW.")
    assert search.search("huurwaarborg", user=AnonymousUser()).total == 1
    response = staff.post(
        "/beheer/toolkit/page/", {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert search.search("huurwaarborg", user=AnonymousUser()).total == 0
    if connection.vendor == "sqlite":  # PostgreSQL keeps the vector on the page's own row
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM toolkit_search WHERE kind = 'page' AND ref = %s", [page.pk])
            assert cursor.fetchone()[0] == 0
    assert AuditEvent.objects.filter(action="toolkit.page_deleted", object_id=page.pk).exists()


def test_engagements_volunteers_and_the_audit_log_cannot_be_deleted_in_the_admin(staff, people):
    engagement = make_engagement(people.group_a)
    assert staff.get(f"/beheer/volunteers/engagement/{engagement.pk}/delete/").status_code == 403
    assert staff.get(f"/beheer/volunteers/volunteer/{engagement.volunteer_id}/delete/").status_code == 403
    from core import audit

    event = audit.record("vacancy.changed", organisation=people.group_a)
    assert staff.get(f"/beheer/core/auditevent/{event.pk}/delete/").status_code == 403
    assert staff.post(f"/beheer/core/auditevent/{event.pk}/change/", {"action": "x.y"}).status_code == 403


def test_network_roles_given_in_the_admin_are_recorded(staff, people):
    url = f"/beheer/accounts/user/{people.volunteer.pk}/change/"
    staff.post(url, _change_form_data(staff, url, is_editor="on"))
    people.volunteer.refresh_from_db()
    assert people.volunteer.is_editor
    assert AuditEvent.objects.get(action="account.roles_changed").details == {"is_editor": True}
