"""Gender in the volunteer suggestion (issue 11): the volunteer's optional self-declared
gender, the family's optional wish for a woman or a man, and why each person is suggested."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from core.tests.factories import UserFactory
from families import services
from families.tests.factories import make_family
from organisations.models import OrganisationMember, Role
from volunteers.models import Volunteer, VolunteerLanguage

pytestmark = pytest.mark.django_db


def _volunteer(people, name, gender="", **extra):
    user = UserFactory(full_name=f"{name} {name}")
    OrganisationMember.objects.create(organisation=people.group_a, user=user, role=Role.VOLUNTEER)
    record = Volunteer(full_name=name, user=user, gender=gender, **extra)
    record.new_token()
    record.save()
    return user, record


def test_without_a_wish_gender_changes_nothing(people):
    family = make_family(people.group_a, people.coordinator)
    woman, _ = _volunteer(people, "Wendy", "woman")
    man, _ = _volunteer(people, "Mo", "man")
    rows = services.suggestions(family, limit=20)
    users = [r["user"] for r in rows]
    assert woman in users and man in users
    assert not any("as the family asks" in " ".join(r["reasons"]) for r in rows)


def test_the_family_asks_for_a_woman(people):
    family = make_family(people.group_a, people.coordinator)
    woman, record = _volunteer(people, "Zora", "woman", days=["wed"], day_parts=["afternoon"], hours_per_month=8)
    man, _ = _volunteer(people, "Mo", "man")
    unsaid, _ = _volunteer(people, "Alex", "")
    other, _ = _volunteer(people, "Sam", "other")
    arabic, arabic_record = _volunteer(people, "Aya", "")
    VolunteerLanguage.objects.create(volunteer=arabic_record, code="ar")
    client = people.client("coordinator")
    response = client.post(f"/gezinnen/{family.pk}/team/", {"action": "preference", "p-volunteer_gender": "woman"})
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.volunteer_gender == "woman"
    assert AuditEvent.objects.filter(action="family.changed", details__volunteer_gender="woman").exists()

    rows = services.suggestions(family, limit=20)
    users = [r["user"] for r in rows]
    assert man not in users  # said he is a man: left out
    assert users[0] == woman  # the wish first, before the language
    assert unsaid in users and other in users and arabic in users
    assert users.index(arabic) < users.index(unsaid)  # then the contact language
    reasons = {r["user"]: r["reasons"] for r in rows}
    assert "a woman, as the family asks" in reasons[woman]
    assert any(r.startswith("free: wednesday, afternoon, 8 hours a month") for r in reasons[woman])
    assert "has not said whether they are a woman or a man" in reasons[unsaid]
    assert any("the family's contact language" in r for r in reasons[arabic])
    page = client.get(f"/gezinnen/{family.pk}/team/").content.decode()
    assert "Zora Zora" in page and "Mo Mo" not in page.split("Suggestions", 1)[1].split("<form", 1)[0]
    assert "a woman, as the family asks" in page


def test_a_wish_that_is_not_a_choice_is_refused_with_a_message(people):
    family = make_family(people.group_a, people.coordinator)
    client = people.client("coordinator")
    response = client.post(f"/gezinnen/{family.pk}/team/", {"action": "preference", "p-volunteer_gender": "x" * 300})
    assert response.status_code == 400
    assert "volunteer_gender" in response.context["preference_form"].errors
    family.refresh_from_db()
    assert family.volunteer_gender == ""


def test_a_volunteer_may_say_their_gender_on_their_profile_or_leave_it(people):
    from volunteers.tests.test_me import ME, PROFILE

    record = Volunteer(full_name="Vera", user=people.volunteer)
    record.new_token()
    record.save()
    client = people.client("volunteer")
    assert client.post(ME, {**PROFILE, "gender": "woman"}).status_code == 302
    record.refresh_from_db()
    assert record.gender == "woman"
    assert client.get(ME).context["form"]["gender"].value() == "woman"
    assert client.post(ME, {**PROFILE, "gender": ""}).status_code == 302  # never required
    record.refresh_from_db()
    assert record.gender == ""
    response = client.post(ME, {**PROFILE, "gender": "nonsense"})
    assert response.status_code == 200 and "gender" in response.context["form"].errors
