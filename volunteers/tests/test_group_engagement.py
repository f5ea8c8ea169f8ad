"""A lead or volunteer seen by the group's coordinators, and what they do with them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ServiceError
from core.tests.factories import UserFactory
from organisations import services as org_services
from organisations.models import Invitation, OrganisationMember, Role
from volunteers import coordination
from volunteers.models import Engagement, FollowUp, Intake, Status, StatusChange
from volunteers.tests.factories_group import make_engagement


@pytest.fixture
def lead(people) -> Engagement:
    return make_engagement(
        people.group_a,
        full_name="Nadia El Amrani",
        email="nadia@example.org",
        phone="0470 12 34 56",
        languages={"ar": "fluent", "nl": "good"},
        activities=["homework-help"],
        can_interpret=True,
    )


def url(people, engagement) -> str:
    return f"/groepen/{people.group_a.slug}/vrijwilligers/{engagement.pk}/"


def post(people, engagement, action: str, **data):
    payload = {"action": action, **{f"{action}-{k}": v for k, v in data.items()}}
    return people.client("coordinator").post(url(people, engagement), payload)


def history(engagement) -> list[str]:
    return list(StatusChange.objects.filter(engagement=engagement).values_list("status", flat=True))


# ---------------------------------------------------------------- the page and who may open it


def test_coordinator_sees_every_detail_shared(people, lead):
    lead.volunteer.interests = "Ik help graag met wiskunde <script>alert(1)</script>"
    lead.volunteer.days, lead.volunteer.hours_per_month = ["wed"], 8
    lead.volunteer.save()
    response = people.client("coordinator").get(url(people, lead))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Nadia El Amrani", "nadia@example.org", "0470 12 34 56", "Arabic", "Homework help", "Wednesday"):
        assert text in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_secretariat_opens_only_a_lead_waiting_14_days_that_may_be_passed_on(people, lead):
    secretariat = people.client("secretariat")
    assert secretariat.get(url(people, lead)).status_code == 404  # new: the group's business
    waiting = make_engagement(people.group_a, days_ago=15)
    assert secretariat.get(url(people, waiting)).status_code == 404  # waiting, but no consent
    waiting.volunteer.allow_pass_on = True
    waiting.volunteer.save()
    assert secretariat.get(url(people, waiting)).status_code == 200


def test_wrong_method_is_refused(people, lead):
    assert people.client("coordinator").put(url(people, lead)).status_code == 405


def test_outsider_coordinator_gets_404(people, lead):
    assert people.client("outsider_coordinator").get(url(people, lead)).status_code == 404
    assert post(people, lead, "contacted").status_code == 302  # (the group's own coordinator may)
    outsider = people.client("outsider_coordinator")
    assert outsider.post(url(people, lead), {"action": "contacted"}).status_code == 404


def test_group_volunteer_gets_403(people, lead):
    assert people.client("volunteer").get(url(people, lead)).status_code == 403


def test_another_groups_lead_is_not_found_through_my_group(people):
    theirs = make_engagement(people.group_b)
    assert people.client("coordinator").get(url(people, theirs)).status_code == 404
    other_url = f"/groepen/{people.group_b.slug}/vrijwilligers/{theirs.pk}/"
    assert people.client("coordinator").get(other_url).status_code == 404


def test_withdrawn_lead_is_not_found(people, lead):
    from volunteers import services

    services.withdraw(lead)
    assert people.client("coordinator").get(url(people, lead)).status_code == 404


def test_unknown_action_changes_nothing(people, lead):
    response = people.client("coordinator").post(url(people, lead), {"action": "delete-everything"})
    assert response.status_code == 400
    assert "Unknown action" in response.content.decode()


# ---------------------------------------------------------------- contacted, intake


def test_marking_contacted_clears_the_seven_day_flag(people):
    old = make_engagement(people.group_a, days_ago=9)
    assert Engagement.objects.unanswered_since(7).filter(pk=old.pk).exists()
    response = post(people, old, "contacted", note="Gebeld, belt terug")
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.contacted_at is not None and old.status == Status.LEAD
    assert not Engagement.objects.unanswered_since(7).filter(pk=old.pk).exists()
    assert StatusChange.objects.filter(engagement=old, note="Gebeld, belt terug").exists()


def test_recording_an_intake_plans_the_follow_up(people, lead):
    today = timezone.localdate()
    response = post(
        people,
        lead,
        "intake",
        held_on=today.isoformat(),
        notes="Goed gesprek",
        agreed_tasks="Huiswerkbegeleiding op woensdag",
        limits="Geen avonden",
        follow_up_on=(today + timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == Status.INTAKE and lead.contacted_at is not None
    assert lead.next_follow_up == today + timedelta(days=30)
    intake = Intake.objects.get(engagement=lead)
    assert intake.limits == "Geen avonden" and intake.recorded_by == people.coordinator
    assert FollowUp.objects.filter(engagement=lead, planned_for=today + timedelta(days=30)).exists()
    assert history(lead) == [Status.LEAD, Status.INTAKE]
    html = people.client("coordinator").get(url(people, lead)).content.decode()
    assert "Geen avonden" in html and "Huiswerkbegeleiding op woensdag" in html


def test_intake_with_bad_dates_comes_back_filled_in(people, lead):
    response = post(people, lead, "intake", held_on="31-31-2026", notes="Mijn lange notities", follow_up_on="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid date" in html and "Mijn lange notities" in html
    assert not Intake.objects.exists()
    today = timezone.localdate()
    response = post(
        people,
        lead,
        "intake",
        held_on=today.isoformat(),
        follow_up_on=(today - timedelta(days=3)).isoformat(),
    )
    assert response.status_code == 400
    assert "must come after the intake" in response.content.decode()
    response = post(people, lead, "intake", held_on=(today + timedelta(days=3)).isoformat())
    assert "cannot be in the future" in response.content.decode()


# ---------------------------------------------------------------- make volunteer


def test_make_volunteer_invites_and_only_accepting_makes_active_and_links_the_account(people, lead, committed):
    old_hash = lead.volunteer.token_hash
    with committed():
        response = post(people, lead, "make_volunteer")
    assert response.status_code == 302
    lead.refresh_from_db()
    invitation = Invitation.objects.get(email="nadia@example.org")
    assert lead.invitation == invitation and invitation.role == Role.VOLUNTEER
    assert lead.status == Status.INVITED and lead.activated_at is None
    assert history(lead) == [Status.LEAD, Status.INVITED]
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]

    user = UserFactory(email="nadia@example.org", full_name="Nadia El Amrani")
    org_services.accept_invitation(invitation, user)
    lead.refresh_from_db()
    lead.volunteer.refresh_from_db()
    assert lead.status == Status.ACTIVE and lead.activated_at is not None and lead.volunteer.user == user
    assert history(lead) == [Status.LEAD, Status.INVITED, Status.ACTIVE]
    assert OrganisationMember.objects.filter(organisation=people.group_a, user=user, role=Role.VOLUNTEER).exists()
    assert lead.volunteer.token_hash != old_hash  # the secret link stops working: the account replaces it


def test_make_volunteer_without_email_says_so(people):
    phone_only = make_engagement(people.group_a, email="", phone="0470 00 00 00")
    response = post(people, phone_only, "make_volunteer")
    assert response.status_code == 400
    assert "has no e-mail address" in response.content.decode()
    phone_only.refresh_from_db()
    assert phone_only.status == Status.LEAD and not Invitation.objects.exists()


def test_a_sign_up_with_a_members_address_is_joined_only_when_the_member_accepts(people):
    """Never by the address alone: the member gets an invitation and must accept it while
    logged in as themselves."""
    sign_up = make_engagement(people.group_a, email=people.volunteer.email)
    assert post(people, sign_up, "make_volunteer").status_code == 302
    sign_up.refresh_from_db()
    sign_up.volunteer.refresh_from_db()
    assert sign_up.status == Status.INVITED and sign_up.volunteer.user is None
    invitation = Invitation.objects.get(email=people.volunteer.email)
    org_services.accept_invitation(invitation, people.volunteer)
    sign_up.refresh_from_db()
    sign_up.volunteer.refresh_from_db()
    assert sign_up.status == Status.ACTIVE and sign_up.volunteer.user == people.volunteer


def test_a_volunteer_whose_account_is_already_in_the_group_is_active_at_once(people):
    linked = make_engagement(people.group_a)
    linked.volunteer.user = people.volunteer
    linked.volunteer.save()
    assert post(people, linked, "make_volunteer").status_code == 302
    linked.refresh_from_db()
    assert linked.status == Status.ACTIVE and not Invitation.objects.exists()
    assert history(linked) == [Status.LEAD, Status.INVITED, Status.ACTIVE]


# ---------------------------------------------------------------- status


def test_pause_resume_and_stop_keep_the_history(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    assert post(people, item, "status", status="paused").status_code == 302
    assert post(people, item, "status", status="active").status_code == 302
    assert post(people, item, "status", status="stopped", reason="moved", keep_in_touch="on").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.STOPPED and item.stop_reason == "moved" and item.keep_in_touch
    assert item.stopped_at is not None
    assert history(item) == [Status.ACTIVE, Status.PAUSED, Status.ACTIVE, Status.STOPPED]
    assert StatusChange.objects.filter(engagement=item, status=Status.STOPPED).get().reason == "moved"
    html = people.client("coordinator").get(url(people, item)).content.decode()
    assert "Stopped: Moved." in html and "Agrees that we keep in touch." in html
    assert 'id="plan"' not in html  # no follow-up for someone who stopped


def test_stop_without_reason_is_refused_with_a_message(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    response = post(people, item, "status", status="stopped", note="Te druk op het werk")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose why the volunteer stops." in html and "Te druk op het werk" in html
    item.refresh_from_db()
    assert item.status == Status.ACTIVE


def test_keep_in_touch_needs_the_checkbox(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    post(people, item, "status", status="stopped", reason="too-heavy")
    item.refresh_from_db()
    assert item.status == Status.STOPPED and not item.keep_in_touch


def test_a_lead_cannot_be_paused(people, lead):
    html = people.client("coordinator").get(url(people, lead)).content.decode()
    assert 'value="stopped"' in html and 'value="paused"' not in html  # only the allowed moves
    response = post(people, lead, "status", status="paused")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ServiceError, match="cannot be set to"):
        coordination.change_status(lead, Status.PAUSED, acting_user=people.coordinator)
    lead.refresh_from_db()
    assert lead.status == Status.LEAD and history(lead) == [Status.LEAD]


def test_a_note_on_someone_who_stopped_keeps_the_stop(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    coordination.change_status(item, Status.STOPPED, acting_user=people.coordinator, reason="study")
    coordination.mark_contacted(item, acting_user=people.coordinator, note="Kerstkaartje gestuurd")
    item.refresh_from_db()
    assert item.status == Status.STOPPED and item.stop_reason == "study" and item.stopped_at is not None


def test_stopping_cancels_planned_follow_ups(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    coordination.plan_follow_up(item, timezone.localdate() + timedelta(days=5), acting_user=people.coordinator)
    coordination.change_status(item, Status.STOPPED, acting_user=people.coordinator, reason="work")
    item.refresh_from_db()
    assert item.next_follow_up is None and not FollowUp.objects.filter(engagement=item).exists()
    with pytest.raises(ServiceError):
        coordination.plan_follow_up(item, timezone.localdate(), acting_user=people.coordinator)


# ---------------------------------------------------------------- follow-up


def test_plan_and_hold_follow_ups_advance_the_next_date(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    today = timezone.localdate()
    in_a_week, in_a_month = today + timedelta(days=7), today + timedelta(days=30)
    assert post(people, item, "plan", planned_for=in_a_month.isoformat()).status_code == 302
    assert post(people, item, "plan", planned_for=in_a_week.isoformat()).status_code == 302
    item.refresh_from_db()
    assert item.next_follow_up == in_a_week

    assert post(people, item, "held", held_on=today.isoformat(), notes="Gaat goed").status_code == 302
    item.refresh_from_db()
    assert item.next_follow_up == in_a_month
    held = FollowUp.objects.get(engagement=item, done_on=today)
    assert held.planned_for == in_a_week and held.notes == "Gaat goed"

    response = post(people, item, "held", held_on=today.isoformat(), next_on=(today + timedelta(days=60)).isoformat())
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.next_follow_up == today + timedelta(days=60)

    post(people, item, "held", held_on=today.isoformat())
    item.refresh_from_db()
    assert item.next_follow_up is None


def test_follow_up_bad_dates_are_explained(people):
    item = make_engagement(people.group_a, status=Status.ACTIVE)
    today = timezone.localdate()
    response = post(people, item, "plan", planned_for=(today - timedelta(days=1)).isoformat())
    assert response.status_code == 400 and "Choose today or a date in the future." in response.content.decode()
    response = post(people, item, "plan", planned_for="morgen")
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    response = post(people, item, "held", held_on=today.isoformat(), notes="Notities", next_on=today.isoformat())
    html = response.content.decode()
    assert response.status_code == 400 and "must come after this one" in html and "Notities" in html
    assert not FollowUp.objects.exists()


def test_invitation_can_be_sent_again_to_an_active_volunteer_without_account(people, lead, committed):
    coordination.make_volunteer(lead, acting_user=people.coordinator)
    first = Invitation.objects.get()
    html = people.client("coordinator").get(url(people, lead)).content.decode()
    assert "Send the account invitation again" in html
    with committed():
        assert post(people, lead, "make_volunteer").status_code == 302
    lead.refresh_from_db()
    first.refresh_from_db()
    assert lead.invitation != first and first.revoked_at is not None
    assert history(lead) == [Status.LEAD, Status.INVITED]


def test_notes_the_platform_writes_are_shown_in_the_readers_language():
    from django.utils import translation

    from volunteers.models import StatusChange

    with translation.override("nl"):
        assert StatusChange(note="contacted").note_label == "Gecontacteerd"
        assert StatusChange(note="Examens in juni").note_label == "Examens in juni"
    with translation.override("fr"):
        assert StatusChange(note="passed on to another group").note_label.startswith("Transmis")


# ---------------------------------------------------------------- the lead page's next step


@pytest.mark.parametrize(
    "status,contacted,follow_up,expected",
    [
        (Status.LEAD, False, False, "contacted"),
        (Status.LEAD, True, False, "intake"),
        (Status.INTAKE, True, False, "make_volunteer"),
        (Status.INVITED, True, False, "make_volunteer"),
        (Status.ACTIVE, True, False, "plan"),
        (Status.ACTIVE, True, True, "held"),
        (Status.PAUSED, True, False, "status"),
        (Status.STOPPED, True, False, None),
    ],
)
def test_the_lead_page_shows_one_next_step_by_status(people, status, contacted, follow_up, expected):
    from volunteers.coordination import lead_actions, moves_from

    item = make_engagement(people.group_a, status=status)
    item.contacted_at = timezone.now() if contacted else None
    item.next_follow_up = timezone.localdate() if follow_up else None
    item.save()
    actions = lead_actions(item)
    assert actions.next_step == expected
    assert expected not in actions.others
    # Every action that changes the status is one the transition table allows.
    if "make_volunteer" in (actions.next_step, *actions.others) and status in (Status.LEAD, Status.INTAKE):
        assert Status.INVITED in moves_from(status)
    response = people.client("coordinator").get(url(people, item))
    html = response.content.decode()
    if expected:
        section = html[html.index('class="app-next-step"') :]
        assert f'name="action" value="{expected}"' in section[: section.index("</section>")]
    else:
        assert 'class="app-next-step"' not in html
    # The other actions sit behind a disclosure each.
    assert html.count('<details class="govuk-details"') == len(actions.others)


def test_an_action_with_htmx_answers_with_the_fragment_and_without_it_redirects(people):
    item = make_engagement(people.group_a)
    client = people.client("coordinator")
    swapped = client.post(
        url(people, item), {"action": "contacted", "contacted-note": "Gebeld"}, HTTP_HX_REQUEST="true"
    )
    assert swapped.status_code == 200
    html = swapped.content.decode()
    assert "<html" not in html and "Marked as contacted." in html
    # The fragment shows the new state: the next step moved on to the intake.
    assert 'name="action" value="intake"' in html[html.index('class="app-next-step"') :][:3000]
    item.refresh_from_db()
    assert item.contacted_at is not None
    plain = client.post(url(people, item), {"action": "contacted", "contacted-note": ""})
    assert plain.status_code == 302 and plain["Location"] == url(people, item)


def test_an_htmx_action_with_errors_comes_back_inline_with_what_was_typed(people):
    item = make_engagement(people.group_a)
    response = people.client("coordinator").post(
        url(people, item),
        {"action": "intake", "intake-held_on": "31-02-2026", "intake-notes": "Fijn gesprek"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only a 2xx answer
    html = response.content.decode()
    assert "govuk-error-summary" in html and "Fijn gesprek" in html


def test_the_lead_page_speaks_dutch_to_a_dutch_coordinator(people):
    from django.test import Client

    item = make_engagement(people.group_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(people.coordinator)
    html = client.get(url(people, item)).content.decode()
    assert "Volgende stap" in html and "Mark as contacted" not in html and "Other actions" not in html
