"""A volunteer's own area: profile, self-care check-in, download of their data, erasure."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from organisations.models import OrganisationMember, Role
from volunteers import funnel, services
from volunteers.models import CheckIn, Engagement, FollowUp, Intake, Volunteer
from volunteers.tests.factories_sec import make_engagement, make_volunteer

ME = "/account/vrijwilliger/"
CHECK_IN = "/account/vrijwilliger/checkin/"
MY_DATA = "/account/vrijwilliger/gegevens.json"
ERASE = "/account/vrijwilliger/wissen/"

PROFILE = {
    "full_name": "Vera Vrijwilliger",
    "email": "vera@example.org",
    "phone": "0470 12 34 56",
    "postcode": "9000",
    "activities": [],
    "interests": "Huiswerkbegeleiding op woensdag",
    "days": ["wed", "sat"],
    "day_parts": ["afternoon"],
    "hours_per_month": "8",
    "can_interpret": "on",
    "interpreter_visible": "on",
    "language_1": "ar",
    "level_1": "fluent",
    "language_2": "fr",
    "level_2": "basic",
}


@pytest.fixture
def vera(people):
    """The volunteer's record, linked to her account, with an engagement in group A that
    has an intake, a follow-up and a history; and someone else's record."""
    volunteer = services.volunteer_for_user(people.volunteer)
    engagement = make_engagement(volunteer, people.group_a, created=40, contacted=38, activated=30)
    Intake.objects.create(engagement=engagement, notes="Vera wil graag met kinderen werken.", limits="Niet op maandag")
    from datetime import date

    FollowUp.objects.create(engagement=engagement, planned_for=date(2026, 12, 1), notes="Vraag hoe het gaat.")
    CheckIn.objects.create(volunteer=volunteer, load=2, note="Gaat goed")
    other = make_volunteer("Olaf Ander", email="olaf@example.org")
    other_engagement = make_engagement(other, people.group_a, created=10)
    Intake.objects.create(engagement=other_engagement, notes="Geheime notitie over Olaf.")
    CheckIn.objects.create(volunteer=other, load=5, note="Olaf is moe")
    return volunteer


def test_opening_the_page_stores_nothing_and_saving_makes_the_record(people):
    client = people.client("outsider")
    for url in (ME, MY_DATA, ERASE):
        assert client.get(url).status_code == 200
    assert not Volunteer.objects.filter(user=people.outsider).exists()
    form = client.get(ME).context["form"]
    assert (form["full_name"].value(), form["email"].value()) == (people.outsider.full_name, people.outsider.email)
    assert json.loads(client.get(MY_DATA).content)["volunteer"] is None
    response = client.post(ME, {**PROFILE, "full_name": "Olga Gent", "email": people.outsider.email})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(user=people.outsider)
    assert volunteer.full_name == "Olga Gent" and volunteer.email == people.outsider.email


def test_page_shows_groups_and_statuses(vera, people):
    html = people.client("volunteer").get(ME).content.decode()
    assert "Welcome in Mechelen (WiM)" in html and "Active" in html
    assert "Olaf" not in html
    assert "Vera wil graag" not in html  # intake notes are not shown on the page


def test_edit_profile(vera, people):
    response = people.client("volunteer").post(ME, PROFILE)
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.phone == "0470 12 34 56"
    assert vera.postal_code.code == "9000" and vera.latitude is not None
    assert (vera.days, vera.day_parts, vera.hours_per_month) == (["wed", "sat"], ["afternoon"], 8)
    assert vera.can_interpret and vera.interpreter_visible
    assert dict(vera.languages.values_list("code", "level")) == {"ar": "fluent", "fr": "basic"}
    # The form shows what is stored.
    form = people.client("volunteer").get(ME).context["form"]
    assert (form["language_1"].value(), form["level_1"].value()) == ("ar", "fluent")
    assert form["postcode"].value() == "9000"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"postcode": "12345"}, "postcode"),
        ({"postcode": "0000"}, "postcode"),
        ({"level_1": "native-ish"}, "level_1"),
        ({"days": ["someday"]}, "days"),
        ({"hours_per_month": "-3"}, "hours_per_month"),
        ({"full_name": "   "}, "full_name"),
        ({"email": "not-an-address"}, "email"),
        ({"activities": ["flying"]}, "activities"),
    ],
)
def test_bad_profile_input_keeps_what_was_typed(vera, people, change, field):
    response = people.client("volunteer").post(ME, {**PROFILE, **change})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form["interests"].value() == PROFILE["interests"]  # nothing typed is lost
    vera.refresh_from_db()
    assert vera.phone == ""  # nothing saved


def test_unknown_language_code_is_refused_with_a_message(vera, people):
    response = people.client("volunteer").post(ME, {**PROFILE, "language_2": "xx"})
    assert response.status_code == 200
    assert "language_2" in response.context["form"].errors
    assert not vera.languages.exists()  # nothing saved


def test_an_address_of_another_sign_up_is_neither_taken_nor_revealed(vera, people, committed):
    """The answer is the one for any new address; the other sign-up's person gets their own link."""
    client = people.client("volunteer")
    with committed():
        taken = client.post(ME, {**PROFILE, "email": "olaf@example.org"}, follow=True)
    with committed():
        free = client.post(ME, {**PROFILE, "email": "vera.nieuw@example.org"}, follow=True)
    said = [[str(m) for m in r.context["messages"]] for r in (taken, free)]
    assert [m.replace("olaf@example.org", "X") for m in said[0]] == [
        m.replace("vera.nieuw@example.org", "X") for m in said[1]
    ]
    vera.refresh_from_db()
    assert vera.email == people.volunteer.email and vera.pending_email == "vera.nieuw@example.org"
    assert [m.to for m in mail.outbox] == [["olaf@example.org"], ["vera.nieuw@example.org"]]
    assert "/vrijwilligen/aanmelding/" in mail.outbox[0].body and "/vrijwilligen/adres/" in mail.outbox[1].body


# ---------------------------------------------------------------- check-in


def test_check_in(vera, people):
    response = people.client("volunteer").post(CHECK_IN, {"load": "4", "note": "Veel op dit moment"})
    assert response.status_code == 302
    latest = vera.check_ins.first()
    assert (latest.load, latest.note) == (4, "Veel op dit moment")
    html = people.client("volunteer").get(ME).content.decode()
    assert "Veel op dit moment" in html and "Olaf is moe" not in html


@pytest.mark.parametrize("load", ["0", "6", "", "zwaar", "3.5"])
def test_check_in_load_outside_one_to_five(vera, people, load):
    response = people.client("volunteer").post(CHECK_IN, {"load": load, "note": "Mijn notitie"})
    assert response.status_code == 200
    assert "Choose how heavy it feels, from 1 to 5." in response.content.decode()
    assert "Mijn notitie" in response.content.decode()  # kept
    assert vera.check_ins.count() == 1


def test_check_in_is_post_only(people):
    assert people.client("volunteer").get(CHECK_IN).status_code == 405
    assert people.client(None).post(CHECK_IN, {"load": "1"}).status_code == 302
    assert not CheckIn.objects.exists()


# ---------------------------------------------------------------- my data


def test_download_my_data(vera, people):
    response = people.client("volunteer").get(MY_DATA)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    data = json.loads(text)
    assert data["account"] == {"email": people.volunteer.email, "full_name": people.volunteer.full_name}
    assert data["volunteer"]["full_name"] == "Vera Vrijwilliger"
    [group] = data["groups"]
    assert group["group"] == "Welcome in Mechelen (WiM)" and group["status"] == "active"
    assert [h["status"] for h in group["history"]] == ["lead"]
    assert group["intakes"][0]["notes"] == "Vera wil graag met kinderen werken."
    assert group["intakes"][0]["limits"] == "Niet op maandag"
    assert group["follow_ups"][0]["notes"] == "Vraag hoe het gaat."
    assert [c["note"] for c in data["check_ins"]] == ["Gaat goed"]
    # Nobody else's data.
    assert "Olaf" not in text and "olaf@example.org" not in text


def test_my_data_after_editing_the_profile(vera, people):
    client = people.client("volunteer")
    client.post(ME, PROFILE)
    data = client.get(MY_DATA).json()
    assert {lang["code"]: lang["level"] for lang in data["languages"]} == {"ar": "fluent", "fr": "basic"}
    assert data["volunteer"]["postcode"] == "9000"


# ---------------------------------------------------------------- erasure


def test_erase_asks_to_confirm(vera, people):
    client = people.client("volunteer")
    assert client.get(ERASE).status_code == 200
    response = client.post(ERASE, {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert get_user_model().objects.filter(pk=people.volunteer.pk).exists()


def test_erase_removes_the_person_and_keeps_the_counts(vera, people):
    figures = funnel.network(funnel.Period.default())
    engagement = Engagement.objects.get(volunteer=vera)
    client = people.client("volunteer")
    response = client.post(ERASE, {"confirm": "on"})
    assert response.status_code == 200
    assert "You have been erased" in response.content.decode()
    assert not get_user_model().objects.filter(pk=people.volunteer.pk).exists()
    assert not OrganisationMember.objects.filter(user_id=people.volunteer.pk).exists()
    vera.refresh_from_db()
    assert vera.is_erased and vera.full_name == "" and vera.email == "" and vera.user is None
    intake = Intake.objects.get(engagement=engagement)
    assert intake.notes == "" and intake.limits == ""
    assert FollowUp.objects.get(engagement=engagement).notes == ""
    assert not vera.check_ins.exists()
    after = funnel.network(funnel.Period.default())
    steps = ("leads", "answered_in_time", "intakes", "active_3m", "active_12m")
    assert {k: after[k] for k in steps} == {k: figures[k] for k in steps}
    assert Engagement.objects.filter(pk=engagement.pk).exists()
    # Logged out; a second try goes to the login page, nothing breaks.
    assert client.get(ME).status_code == 302
    assert client.post(ERASE, {"confirm": "on"}).status_code == 302
    # Someone else's data is untouched.
    assert Intake.objects.filter(notes="Geheime notitie over Olaf.").exists()


def test_last_coordinator_cannot_erase(people):
    client = people.client("coordinator")
    response = client.get(ERASE)
    assert "last coordinator of Welcome in Mechelen (WiM)" in response.content.decode()
    response = client.post(ERASE, {"confirm": "on"}, follow=True)
    assert "last coordinator" in response.content.decode()
    assert get_user_model().objects.filter(pk=people.coordinator.pk).exists()


def test_coordinator_with_a_colleague_may_erase(people):
    OrganisationMember.objects.create(organisation=people.group_a, user=people.outsider, role=Role.COORDINATOR)
    response = people.client("coordinator").post(ERASE, {"confirm": "on"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=people.coordinator.pk).exists()


def test_visitor_is_sent_to_log_in(people):
    for url in (ME, MY_DATA, ERASE):
        assert people.client(None).get(url).status_code == 302


def test_empty_profile_post_shows_errors(vera, people):
    response = people.client("volunteer").post(ME, {})
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors


def test_export_data_works_without_an_account(people):
    """The sign-up's secret-link page reuses the export for people without an account."""
    from volunteers import privacy

    person = make_volunteer("Sam Zonder", email="sam@example.org")
    make_engagement(person, people.group_b, created=2)
    data = privacy.export_data(person)
    assert data["account"] is None
    assert data["volunteer"]["email"] == "sam@example.org"
    assert [g["group"] for g in data["groups"]] == ["Werkgroep Vluchtelingen Gent"]
    json.dumps(data)  # serialisable as it is


def test_erase_an_account_whose_volunteer_record_was_already_erased(vera, people):
    from volunteers import privacy

    services.erase(vera)  # e.g. through the sign-up's secret link
    privacy.erase_account(people.volunteer)
    assert not get_user_model().objects.filter(pk=people.volunteer.pk).exists()


def test_profile_shows_every_language_even_more_than_the_sign_up_form_has_rows(vera, people):
    from volunteers.models import VolunteerLanguage

    codes = ["ar", "fa", "fr", "nl", "ti"]
    VolunteerLanguage.objects.bulk_create(VolunteerLanguage(volunteer=vera, code=c, level="good") for c in codes)
    form = people.client("volunteer").get(ME).context["form"]
    assert [form[f"language_{i}"].value() for i in range(1, 6)] == codes
    assert form["language_6"].value() in (None, "")  # and a free row for one more
