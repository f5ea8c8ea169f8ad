"""Bad input on the volunteers' pages: a message, never a 500, and what was typed comes back
(issue 9). Runs on SQLite and PostgreSQL: a 312-character address was a 500 on PostgreSQL
after the person had filled in everything; an id past 2**63 overflowed SQLite."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from volunteers.models import Engagement, Volunteer

from .factories_sec import make_engagement, make_volunteer
from .test_signup import FORM, _pick, _step_one, gent  # noqa: F401 (fixture)

LONG_EMAIL = "a" * 300 + "@example.org"


def test_a_312_character_address_is_refused_at_the_first_step_and_kept(client, gent):  # noqa: F811
    response = _step_one(client, email=LONG_EMAIL)
    assert response.status_code == 200
    assert "at most 254 characters" in response.context["form"].errors["email"][0]
    assert LONG_EMAIL in response.text and "Amal Haddad" in response.text
    assert Volunteer.objects.count() == 0


def test_the_profile_refuses_a_312_character_address(people):
    response = people.client("volunteer").post("/account/vrijwilliger/", {"full_name": "Vera", "email": LONG_EMAIL})
    assert response.status_code == 200
    assert "at most 254 characters" in response.context["form"].errors["email"][0]


@pytest.mark.parametrize("vacancy", ["²", str(2**64), "-1", "1e3", "1_0"])
def test_a_strange_vacancy_number_on_the_sign_up_is_ignored(client, gent, vacancy):  # noqa: F811
    assert client.get("/vrijwilligen/", {"vacature": vacancy}).status_code == 200
    response = _step_one(client, vacancy=vacancy)
    assert response.status_code == 200 and response.context["vacancy"] is None


def test_a_postcode_and_hours_in_arabic_indic_digits_are_read(client, gent):  # noqa: F811
    group, _vacancy = gent
    response = _step_one(client, postcode="٩٠٠٠", hours_per_month="٨")
    assert response.status_code == 200 and "result" in response.context
    _pick(client, response, groups=[group.slug])
    volunteer = Volunteer.objects.get()
    assert (volunteer.postal_code.code, volunteer.hours_per_month) == ("9000", 8)


@pytest.mark.parametrize(("field", "value"), [("postcode", "9⁰00"), ("hours_per_month", "²")])
def test_superscript_digits_are_refused_with_a_message(client, gent, field, value):  # noqa: F811
    response = _step_one(client, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert value in response.text


def test_names_and_addresses_are_stored_without_invisible_controls(client, gent):  # noqa: F811
    group, _vacancy = gent
    response = _step_one(client, full_name="\u202eAmal Haddad\u2069", email="amal\u200b@example.org")
    _pick(client, response, groups=[group.slug])
    volunteer = Volunteer.objects.get()
    assert (volunteer.full_name, volunteer.email) == ("Amal Haddad", "amal@example.org")


def test_a_changed_submission_key_at_the_second_step_says_so_and_then_works(client, gent):  # noqa: F811
    group, _vacancy = gent
    response = _step_one(client)
    payload = response.context["form"]["payload"].value()
    again = client.post("/vrijwilligen/kiezen/", {"payload": payload, "submission_key": "²", "groups": [group.slug]})
    assert again.status_code == 200
    assert "Part of this form that you do not see was changed" in again.text
    fresh = again.context["form"]["submission_key"].value()
    done = client.post("/vrijwilligen/kiezen/", {"payload": payload, "submission_key": fresh, "groups": [group.slug]})
    assert done.status_code == 302 and Volunteer.objects.count() == 1


@pytest.mark.parametrize("engagement", ["²", str(2**64), "abc", ""])
def test_a_strange_engagement_number_on_the_secret_link_withdraws_nothing(people, engagement):
    volunteer = make_volunteer("Amal", email="amal@example.org")
    make_engagement(volunteer, people.group_a, created=3)
    token = volunteer.new_token()
    volunteer.save()
    response = people.client(None).post(
        f"/vrijwilligen/aanmelding/{token}/", {"action": "withdraw", "engagement": engagement}
    )
    assert response.status_code == 302
    assert not Engagement.objects.filter(withdrawn_at__isnull=False).exists()


@pytest.mark.parametrize("email", ["a" * 50_000 + "@example.org", "not an address", ""])
def test_asking_for_the_link_with_a_wrong_address_says_so(client, db, email):
    response = client.post("/vrijwilligen/link/", {"email": email})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_asking_for_the_link_with_a_known_address_still_sends_it(client, db, committed):
    volunteer = make_volunteer("Amal", email="amal@example.org")
    with committed():
        response = client.post("/vrijwilligen/link/", {"email": "AMAL@example.org "})
    assert response.status_code == 200 and "the link to the sign-up is on its way" in response.text
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert re.search(r"/vrijwilligen/aanmelding/\S+/", mail.outbox[0].body)


def test_the_sign_up_still_accepts_the_usual_form(client, gent):  # noqa: F811
    assert _step_one(client, **FORM).status_code == 200
