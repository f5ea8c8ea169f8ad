"""The public "I want to help" path: form, matches, choice, e-mails, the secret link."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from organisations.models import Activity, OrganisationMember
from volunteers.forms.public import read_payload, read_state, sign_payload
from volunteers.models import Engagement, Status, Volunteer
from volunteers.services import SignUp

from .factories import make_vacancy

FORM = {
    "full_name": "Amal Haddad",
    "email": "amal@example.org",
    "phone": "",
    "postcode": "9000",
    "activities": ["homework-help"],
    "interests": "Ik hou van rekenen.",
    "language_1": "ar",
    "level_1": "fluent",
    "language_2": "nl",
    "level_2": "good",
    "days": ["wed", "sat"],
    "day_parts": ["afternoon"],
    "hours_per_month": "8",
    "can_interpret": "on",
    "consent": "on",
}


@pytest.fixture
def gent(people):
    homework = Activity.objects.get(code="homework-help")
    people.group_b.activities.add(homework)
    vacancy = make_vacancy(people.group_b, activity=homework, languages=["ar"], postcode="9000")
    return people.group_b, vacancy


STEP_FIELDS = {
    "about": ("full_name", "email", "phone", "postcode"),
    "activities": ("activities", "interests"),
    "languages": ("can_interpret", "interpreter_visible"),
    "time": ("days", "day_parts", "hours_per_month"),
    "consent": ("allow_pass_on", "consent", "website_url"),
}


def _fields_of(step: str, answers: dict) -> dict:
    keep = STEP_FIELDS[step]
    return {
        k: v for k, v in answers.items() if k in keep or (step == "languages" and k.startswith(("language_", "level_")))
    }


def _state(response) -> str:
    found = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert found is not None, response.content.decode()[:500]
    return found.group(1)


def _step_one(client, *, start: str = "/vrijwilligen/", **changes):
    """Walk every step of the sign-up with these answers, as a person would (the state each
    page carries goes into the next post), waiting long enough for the spam check; the answer
    of the last step, or of the first step that refused its answers."""
    answers = {**FORM, **changes}
    page = client.get(start)
    for step in STEP_FIELDS:
        data = {"state": _state(page), "step": step, "nav": "next", **_fields_of(step, answers)}
        started = re.search(r'name="form_started" value="([^"]+)"', page.content.decode())
        if step in ("about", "consent"):  # the first page and the last carry the start moment
            assert started is not None
            data["form_started"] = (
                changes.get("form_started", started.group(1)) if step == "consent" else started.group(1)
            )
        page = client.post("/vrijwilligen/", data)
        if page.status_code != 200 or page.context.get("step") == step:
            return page
    return page


def _pick(client, response, **picks):
    form = response.context["form"]
    data = {"payload": form["payload"].value(), "submission_key": str(form["submission_key"].value()), **picks}
    return client.post("/vrijwilligen/kiezen/", data)


def test_the_form_shows_matches_with_reasons_and_saves_nothing_yet(client, gent):
    group, vacancy = gent
    response = _step_one(client)
    assert response.status_code == 200
    assert Volunteer.objects.count() == 0
    content = response.content.decode()
    assert group.name in content and vacancy.title in content
    first_group = response.context["result"].groups[0]
    assert first_group.obj == group
    assert "less than 1 km from your postcode" in first_group.reasons
    assert "looks for people who speak Arabic" in first_group.reasons
    assert "looks for people who speak Arabic" in content


def test_picking_a_group_shares_the_details_with_that_group_only(client, people, gent, committed):
    group, vacancy = gent
    OrganisationMember.objects.filter(organisation=people.group_a).update()
    response = _step_one(client)
    with committed():
        done = _pick(client, response, vacancies=[vacancy.pk])
    assert done.status_code == 302 and done.url == "/vrijwilligen/bedankt/"
    volunteer = Volunteer.objects.get()
    assert volunteer.full_name == "Amal Haddad" and volunteer.postal_code.code == "9000"
    assert {(lang.code, lang.level) for lang in volunteer.languages.all()} == {("ar", "fluent"), ("nl", "good")}
    assert list(volunteer.activities.values_list("code", flat=True)) == ["homework-help"]
    engagement = Engagement.objects.get()
    assert (engagement.organisation, engagement.vacancy, engagement.status) == (group, vacancy, Status.LEAD)
    assert list(engagement.history.values_list("status", flat=True)) == [Status.LEAD]
    # Group A never sees the lead; group B's coordinator does.
    assert not Engagement.objects.visible_to(people.coordinator).exists()
    assert Engagement.objects.visible_to(people.outsider_coordinator).get() == engagement
    # Two e-mails: the volunteer's confirmation with the link, the coordinator's notice with a link only.
    to_volunteer = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    to_coordinator = next(m for m in mail.outbox if m.to == [people.outsider_coordinator.email])
    assert "/vrijwilligen/aanmelding/" in to_volunteer.body
    assert "Amal" not in to_coordinator.body and "amal@example.org" not in to_coordinator.body
    assert f"/groepen/{group.slug}/vrijwilligers/" in to_coordinator.body


def test_the_same_choice_sent_twice_is_saved_once(client, gent):
    group, _vacancy = gent
    response = _step_one(client)
    _pick(client, response, groups=[group.slug])
    again = _pick(client, response, groups=[group.slug])
    assert again.status_code == 302
    assert Volunteer.objects.count() == 1 and Engagement.objects.count() == 1


def test_choosing_nothing_keeps_the_answers_and_says_why(client, gent):
    response = _step_one(client)
    again = _pick(client, response)
    assert again.status_code == 200
    assert "Choose at least one group or vacancy." in again.content.decode()
    assert again.context["form"]["payload"].value() == response.context["form"]["payload"].value()
    assert Volunteer.objects.count() == 0


def test_a_group_that_was_not_offered_cannot_be_picked(client, people, gent):
    response = _step_one(client, postcode="9000")
    again = _pick(client, response, groups=["does-not-exist"])
    assert again.status_code == 200
    assert Engagement.objects.count() == 0


def test_a_changed_payload_is_refused(client, gent):
    group, _vacancy = gent
    response = _step_one(client)
    form = response.context["form"]
    forged = form["payload"].value()[:-2] + "xx"
    done = client.post(
        "/vrijwilligen/kiezen/",
        {"payload": forged, "submission_key": str(form["submission_key"].value()), "groups": [group.slug]},
        follow=True,
    )
    assert "could not be read" in done.content.decode()
    assert Volunteer.objects.count() == 0


def test_going_back_from_the_matches_keeps_every_answer(client, gent):
    response = _step_one(client)
    back = client.post("/vrijwilligen/", {"payload": response.context["form"]["payload"].value()})
    form = back.context["form"]
    assert back.context["step"] == "about" and form.initial["full_name"] == "Amal Haddad"
    page, seen = back, {}
    for step in ("about", "activities", "languages", "time"):
        page = client.post(
            "/vrijwilligen/",
            {"state": _state(page), "step": step, "nav": "next"}
            | {k: v for k, v in (page.context["form"].initial or {}).items() if k != "form_started"},
        )
        seen.update(page.context["form"].initial)
    assert seen["language_1"] == "ar" and seen["level_1"] == "fluent" and seen["language_2"] == "nl"
    assert seen["days"] == ["wed", "sat"] and seen["consent"] == "on"


def test_each_step_asks_one_topic_and_shows_where_the_person_is(client, gent):
    page = client.get("/vrijwilligen/")
    titles = []
    for step in STEP_FIELDS:
        form = page.context["form"]
        visible = {f.name for f in form.visible_fields()}
        assert visible <= set(STEP_FIELDS[step]) | {f"language_{i}" for i in range(1, 9)} | {
            f"level_{i}" for i in range(1, 9)
        }, (step, visible)
        html = page.content.decode()
        assert f'aria-current="step">{form.title}' in html
        titles.append(str(form.title))
        page = client.post(
            "/vrijwilligen/", {"state": _state(page), "step": step, "nav": "next", **_fields_of(step, FORM)}
        )
    assert titles == ["About you", "What you would like to do", "Languages", "When you are free", "Consent"]


def test_back_keeps_what_was_typed_on_this_step_and_the_ones_before(client, gent):
    page = client.get("/vrijwilligen/")
    page = client.post(
        "/vrijwilligen/", {"state": _state(page), "step": "about", "nav": "next", **_fields_of("about", FORM)}
    )
    # Half a step typed, with a mistake, then "Back": nothing is checked and nothing is lost.
    back = client.post(
        "/vrijwilligen/",
        {
            "state": _state(page),
            "step": "activities",
            "nav": "back",
            "interests": "Graag <b>buiten</b>",
            "activities": ["sewing"],
        },
    )
    assert back.context["step"] == "about" and back.context["form"].initial["full_name"] == "Amal Haddad"
    assert not back.context["form"].errors
    again = client.post(
        "/vrijwilligen/", {"state": _state(back), "step": "about", "nav": "next", **_fields_of("about", FORM)}
    )
    assert again.context["form"].initial["interests"] == "Graag <b>buiten</b>"
    assert again.context["form"].initial["activities"] == ["sewing"]
    assert "Graag &lt;b&gt;buiten&lt;/b&gt;" in again.content.decode()


def test_another_language_is_added_a_row_at_a_time_with_and_without_javascript(client, gent):
    page = client.get("/vrijwilligen/")
    for step in ("about", "activities"):
        page = client.post(
            "/vrijwilligen/", {"state": _state(page), "step": step, "nav": "next", **_fields_of(step, FORM)}
        )
    assert page.context["form"].rows == 1
    typed = {"state": _state(page), "step": "languages", "language_1": "ar", "level_1": "fluent", "can_interpret": "on"}
    # Without JavaScript: a submit button that keeps everything typed and shows one more row.
    more = client.post("/vrijwilligen/", {**typed, "nav": "add_language"})
    form = more.context["form"]
    assert more.status_code == 200 and form.rows == 2 and not form.errors
    assert form.initial["language_1"] == "ar" and form.initial["can_interpret"] == "on"
    assert 'id="id_language_2"' in more.content.decode()
    # With htmx: only the new row comes back, to be appended.
    row = client.post("/vrijwilligen/", {**typed, "nav": "add_language"}, HTTP_HX_REQUEST="true")
    html = row.content.decode()
    assert row.status_code == 200 and "<form" not in html
    assert 'id="language-row-2"' in html and 'name="language_2"' in html and 'name="language_1"' not in html
    full = {**typed, **{f"language_{i}": "" for i in range(1, 9)}}
    assert client.post("/vrijwilligen/", {**full, "nav": "add_language"}, HTTP_HX_REQUEST="true").status_code == 204


def test_a_changed_state_between_steps_starts_again(client, gent):
    page = client.get("/vrijwilligen/")
    forged = _state(page)[:-2] + "xx"
    response = client.post(
        "/vrijwilligen/", {"state": forged, "step": "about", **_fields_of("about", FORM)}, follow=True
    )
    assert "could not be read" in response.content.decode()
    assert response.context["step"] == "about" and Volunteer.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"postcode": "75001"}, "postcode", "is not a Belgian postcode"),
        ({"postcode": "0000"}, "postcode", "We do not know the postcode"),
        ({"email": "", "phone": ""}, "email", "Give an e-mail address or a phone number"),
        ({"consent": ""}, "consent", "Without your consent"),
        ({"language_2": "ar"}, "language_2", "You chose this language twice."),
        ({"level_1": ""}, "level_1", "Say how well you speak this language."),
        ({"hours_per_month": "-3"}, "hours_per_month", "greater than or equal to 1"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, gent, changes, field, message):
    response = _step_one(client, **changes)
    assert response.status_code == 200  # the step again, with the errors (as every form of the site)
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert response.content.decode().count("govuk-error-summary__list") == 1
    assert read_state(_state(response))["steps"]["about"]["full_name"] == ["Amal Haddad"]
    assert Volunteer.objects.count() == 0


def test_html_in_text_fields_is_shown_escaped(client, gent):
    group, _vacancy = gent
    response = _step_one(client, full_name="<script>alert(1)</script>")
    done = _pick(client, response, groups=[group.slug])
    assert done.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.full_name == "<script>alert(1)</script>"
    page = client.post("/vrijwilligen/", {"payload": response.context["form"]["payload"].value()})
    assert b"<script>alert(1)</script>" not in page.content


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_an_address_already_signed_up_is_answered_as_any_other_and_gets_its_own_link(client, gent, committed):
    """The sign-up does not reveal whether an address is known, and does not replace the
    person's link: they get the link they have, by e-mail."""
    group, _vacancy = gent
    with committed():
        _pick(client, _step_one(client), groups=[group.slug])
    volunteer = Volunteer.objects.get()
    signed_up = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    link = re.search(r"/vrijwilligen/aanmelding/\S+/", signed_up.body).group(0)
    mail.outbox.clear()
    with committed():
        known = _pick(client, _step_one(client, full_name="Amal H.", email="AMAL@example.org"), groups=[group.slug])
    known_page = _without_csrf(client.get(known["Location"]).content.decode())
    with committed():
        new = _pick(client, _step_one(client, full_name="Amal H.", email="amal.h@example.org"), groups=[group.slug])
    new_page = _without_csrf(client.get(new["Location"]).content.decode())
    assert known.status_code == new.status_code == 302 and known["Location"] == new["Location"]
    assert known_page == new_page
    assert Volunteer.objects.filter(email="amal@example.org").count() == 1
    volunteer.refresh_from_db()
    assert volunteer.full_name == "Amal Haddad"  # nothing new was saved on the known record
    to_amal = [m for m in mail.outbox if m.to == ["amal@example.org"]]
    assert len(to_amal) == 1 and link in to_amal[0].body  # the same link, not a new one
    assert client.get(link).status_code == 200


def test_the_known_address_is_mailed_at_most_once_an_hour(client, gent, committed):
    group, _vacancy = gent
    _pick(client, _step_one(client), groups=[group.slug])
    mail.outbox.clear()
    with committed():
        for _ in range(3):
            _pick(client, _step_one(client, email="amal@example.org"), groups=[group.slug])
    assert [m.to for m in mail.outbox] == [["amal@example.org"]]


def test_honeypot_and_rate_limit_stop_bulk_submissions(client, gent, settings):
    bot = _step_one(client, website_url="http://spam.example")
    assert "looks automated" in bot.content.decode() and Volunteer.objects.count() == 0
    fast = _step_one(client, form_started="forged")
    assert "This form has expired" in fast.content.decode() and "result" not in fast.context
    settings.SPAM_MAX_PER_HOUR = 2
    for _ in range(2):
        _step_one(client)
    blocked = _step_one(client)
    assert "Too many sign-ups" in blocked.content.decode()
    assert "result" not in blocked.context


def test_step_two_without_a_form_goes_back_to_step_one(client, db):
    assert client.get("/vrijwilligen/kiezen/").url == "/vrijwilligen/"


def test_payload_round_trip_is_signed():
    data = SignUp(full_name="X", postcode="9000", languages=[("ar", "good")])
    assert read_payload(sign_payload(data)) == data


# ---------------------------------------------------------------- the secret link


def _signed_up(client, group, committed) -> tuple[Volunteer, str]:
    with committed():
        _pick(client, _step_one(client), groups=[group.slug])
    body = next(str(m.body) for m in mail.outbox if m.to == ["amal@example.org"])
    link = re.search(r"https?://\S+(/vrijwilligen/aanmelding/\S+/)", body)
    assert link is not None
    return Volunteer.objects.get(), link.group(1)


def test_the_link_shows_and_changes_the_sign_up(client, gent, committed):
    group, _vacancy = gent
    volunteer, url = _signed_up(client, group, committed)
    page = client.get(url)
    assert page.status_code == 200 and group.name in page.content.decode()
    changed = client.post(
        url, {**FORM, "action": "save", "full_name": "Amal Haddad-Peeters", "language_2": "", "level_2": ""}
    )
    assert changed.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.full_name == "Amal Haddad-Peeters"
    assert list(volunteer.languages.values_list("code", flat=True)) == ["ar"]


def test_a_bad_change_keeps_the_typed_values(client, gent, committed):
    group, _vacancy = gent
    _volunteer, url = _signed_up(client, group, committed)
    response = client.post(url, {**FORM, "action": "save", "postcode": "12", "full_name": "Nieuwe naam"})
    assert response.status_code == 200
    assert response.context["form"]["full_name"].value() == "Nieuwe naam"
    assert "is not a Belgian postcode" in response.content.decode()


def test_withdrawing_hides_the_person_from_that_group(client, people, gent, committed):
    group, _vacancy = gent
    volunteer, url = _signed_up(client, group, committed)
    engagement = volunteer.engagements.get()
    client.post(url, {"action": "withdraw", "engagement": engagement.pk})
    assert not Engagement.objects.visible_to(people.outsider_coordinator).exists()
    assert not Engagement.objects.visible_to(people.secretariat).exists()


def test_adding_a_group_later_notifies_only_that_group(client, people, gent, committed):
    group, _vacancy = gent
    volunteer, url = _signed_up(client, group, committed)
    people.group_a.activities.add(Activity.objects.get(code="homework-help"))
    offer = client.post(url, {"action": "add"})
    assert people.group_a in [m.obj for m in offer.context["result"].groups]
    mail.outbox.clear()
    with committed():
        client.post(url, {"action": "add_groups", "groups": [people.group_a.slug]})
    assert set(volunteer.engagements.values_list("organisation", flat=True)) == {group.pk, people.group_a.pk}
    assert [m.to for m in mail.outbox] == [[people.coordinator.email]]


def test_erasing_removes_the_person_and_keeps_the_count(client, people, gent, committed):
    group, _vacancy = gent
    volunteer, url = _signed_up(client, group, committed)
    client.post(url, {"action": "erase"})  # without the tick: nothing happens
    assert Volunteer.objects.get().erased_at is None
    client.post(url, {"action": "erase", "confirm": "yes"})
    volunteer.refresh_from_db()
    assert volunteer.erased_at is not None and volunteer.full_name == "" and volunteer.email == ""
    assert not volunteer.languages.exists()
    assert Engagement.objects.filter(organisation=group).count() == 1
    assert client.get(url).status_code == 404


def test_the_link_downloads_the_persons_data(client, gent, committed):
    group, _vacancy = gent
    _volunteer, url = _signed_up(client, group, committed)
    response = client.get(url + "?download=json")
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert "Amal Haddad" in str(data) and group.name in str(data)


def test_bad_posts_on_the_link_are_answered_not_crashed(client, people, gent, committed):
    group, _vacancy = gent
    _volunteer, url = _signed_up(client, group, committed)
    assert client.post(url, {"action": "withdraw", "engagement": "abc"}).status_code == 302
    assert Engagement.objects.get().withdrawn_at is None
    assert client.post(url, {"action": "add_groups", "vacancies": ["abc"]}).status_code == 200
    assert client.post(url, {"action": "nonsense"}).status_code == 200


def test_a_volunteer_without_postcode_is_asked_for_it_before_choosing_groups(client, people):
    from volunteers.services import volunteer_for_user

    volunteer = volunteer_for_user(people.volunteer)  # an account holder: no postcode yet
    token = volunteer.new_token()
    volunteer.save()
    response = client.post(f"/vrijwilligen/aanmelding/{token}/", {"action": "add"}, follow=True)
    assert response.status_code == 200
    assert "Add your postcode to your details first" in response.content.decode()


def test_an_unknown_link_says_so(client, db):
    response = client.get("/vrijwilligen/aanmelding/not-a-token/")
    assert response.status_code == 404 and "This link does not work" in response.content.decode()


def test_asking_for_the_link_never_reveals_whether_an_address_is_known(client, gent, committed):
    group, _vacancy = gent
    _signed_up(client, group, committed)
    mail.outbox.clear()
    with committed():
        known = client.post("/vrijwilligen/link/", {"email": "amal@example.org"})
        unknown = client.post("/vrijwilligen/link/", {"email": "nobody@example.org"})
    assert known.content.decode().count("If this address is signed up") == 1
    assert unknown.content.decode().count("If this address is signed up") == 1
    assert [m.to for m in mail.outbox] == [["amal@example.org"]]


def test_wrong_methods(client, db):
    assert client.put("/vrijwilligen/").status_code == 405
    assert client.post("/vrijwilligen/bedankt/").status_code == 405
    assert client.post("/vacatures/").status_code == 405


def test_signing_up_from_a_far_vacancy_keeps_it_first_and_ticked(client, people, gent):
    far = make_vacancy(people.group_a, title="Praatavond Mechelen", postcode="2800")
    form_page = client.get(f"/vrijwilligen/?vacature={far.pk}")
    assert read_state(_state(form_page))["vacancy"] == str(far.pk)
    response = _step_one(client, start=f"/vrijwilligen/?vacature={far.pk}")
    rows = response.context["vacancy_rows"]
    assert rows[0][0].obj == far and rows[0][1] is True  # first, and ticked
    assert rows[0][0].distance_km > 40
    done = _pick(client, response, vacancies=[far.pk], vacancy=str(far.pk))
    assert done.status_code == 302
    assert Engagement.objects.get().vacancy == far


def test_help_this_group_preselects_the_group_even_when_it_is_far(client, people, gent):
    wim = people.group_a  # Mechelen, 50 km from the postcode 9000
    page = client.get(wim.get_absolute_url())
    assert f'href="/vrijwilligen/?groep={wim.slug}"' in page.content.decode()
    response = _step_one(client, start=f"/vrijwilligen/?groep={wim.slug}")
    rows = response.context["group_rows"]
    assert rows[0][0].obj == wim and rows[0][1] is True
    done = _pick(client, response, groups=[wim.slug], group=wim.slug)
    assert done.status_code == 302 and Engagement.objects.get().organisation == wim


def test_a_groups_page_lists_its_open_vacancies(client, gent):
    group, vacancy = gent
    closed = make_vacancy(group, title="Gesloten vacature", postcode="9000")
    closed.closed_at = closed.created_at
    closed.save()
    html = client.get(group.get_absolute_url()).content.decode()
    assert vacancy.title in html and vacancy.get_absolute_url() in html
    assert "Gesloten vacature" not in html


def test_the_matches_read_in_plain_words_with_one_distinct_action_each(client, gent):
    group, vacancy = gent
    response = _step_one(client)
    html = response.content.decode()
    assert "match" not in re.sub(r"<[^>]+>", " ", html).lower().replace("matches", "")
    assert "less than 1 km from your postcode" in html
    assert "looks for people who speak Arabic" in html
    assert f"Yes, {group.name} may contact me" in html
    links = re.findall(r'<a href="[^"]+" target="_blank" rel="noopener">([^<]+)</a>', html)
    assert len(links) == len(set(links)) >= 2
