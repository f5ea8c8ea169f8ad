"""Asking an interpreter of the network's pool: the request, the candidates, the link, the
answers (accept, decline, withdraw), a social interpreter, and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ServiceError
from core.models import AuditEvent
from families.meeting_models import Interpreting
from families.tests.factories import make_family, make_meeting
from interpreting import services
from interpreting.models import STATUS, Answer, InterpreterRequest, RequestStatus
from interpreting.tests.factories import ask_with_token, make_interpreter, make_request, token_in
from volunteers.models import Status
from volunteers.tests.factories_group import make_engagement

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(people):
    return make_family(people.group_a, people.coordinator, volunteer=people.volunteer)


def _form(**extra):
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "on": day.isoformat(),
        "at": "14:30",
        "place": "Basisschool De Regenboog",
        "language": "ar",
        "topic": "Oudercontact over huiswerk",
        "sensitivity": "everyday",
        "submission_key": "6f1c7a8e-1b7e-4d55-9a55-0f1f3c1d2e3f",
    }
    data.update(extra)
    return data


def test_the_whole_way_from_request_to_a_withdrawal_and_someone_else(people, family, committed):
    coordinator = people.client("coordinator")
    meeting = make_meeting(family, people.coordinator)
    nabil = make_interpreter(people.group_b, name="Netwerk Nabil", email="nabil@example.org")
    esra = make_interpreter(
        people.group_a, name="Eigen Esra", email="esra@example.org", interpreter_visible=False, phone="0470 11 11 11"
    )
    t = f"/gezinnen/{family.pk}/tolken"
    # The form for the meeting is filled in with its time and place.
    page = coordinator.get(f"{t}/nieuw/?meeting={meeting.pk}").content.decode()
    assert "Het buurthuis" in page
    response = coordinator.post(
        f"{t}/nieuw/", _form(meeting=meeting.pk, place="Het buurthuis", sensitivity="sensitive")
    )
    assert response.status_code == 302
    request = InterpreterRequest.objects.get()
    assert (request.meeting, request.status, request.requested_by) == (meeting, RequestStatus.OPEN, people.coordinator)
    # The candidates: name, group, languages, accepted recently; never the family.
    page = coordinator.get(f"{t}/{request.pk}/").content.decode()
    assert "Netwerk Nabil" in page and "Eigen Esra" in page
    assert "Werkgroep Vluchtelingen Gent" in page
    assert "0470 11 11 11" not in page
    # Asking: the interpreter gets a link, nothing else.
    mail.outbox.clear()
    with committed():
        assert coordinator.post(f"{t}/{request.pk}/", {"action": "ask", "volunteer": nabil.pk}).status_code == 302
    assert [m.to for m in mail.outbox] == [["nabil@example.org"]]
    text = mail.outbox[0].subject + mail.outbox[0].body
    for secret in ("Het buurthuis", "Oudercontact", "Familie Amal", "Amal", "Welcome in Mechelen"):
        assert secret not in text
    token = token_in(mail.outbox[0])
    # The interpreter's page: time, place, language, topic, sensitivity, contact; never the record.
    visitor = people.client(None)
    page = visitor.get(f"/tolk/{token}/").content.decode()
    for shown in ("Het buurthuis", "Oudercontact over huiswerk", "Arabic", "Sensitive", "Cora Coördinator"):
        assert shown in page
    for hidden in ("Familie Amal", "drie slaapkamers", "Groter huis", "Eerste bezoek"):
        assert hidden not in page
    # Accepting tells the requester (a link only).
    mail.outbox.clear()
    with committed():
        assert visitor.post(f"/tolk/{token}/", {"action": "accept"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.interpreter) == (RequestStatus.ACCEPTED, nabil)
    assert [m.to for m in mail.outbox] == [[people.coordinator.email]]
    assert "Nabil" not in mail.outbox[0].body and "Oudercontact" not in mail.outbox[0].body
    # The meeting notes an informal interpreter of the network.
    assert coordinator.post(f"{t}/{request.pk}/", {"action": "meeting"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.interpreting, meeting.sensitive_topic) == (Interpreting.VOLUNTEER, True)
    # Withdrawing after accepting: a reason is needed; the request opens again.
    response = visitor.post(f"/tolk/{token}/", {"action": "withdraw", "reason": ""})
    assert response.status_code == 400
    mail.outbox.clear()
    with committed():
        response = visitor.post(f"/tolk/{token}/", {"action": "withdraw", "reason": "Ziek geworden"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.interpreter) == (RequestStatus.OPEN, None)
    assert [m.to for m in mail.outbox] == [[people.coordinator.email]]
    assert "You withdrew" in visitor.get(f"/tolk/{token}/").content.decode()
    # Nothing lost: the withdrawal and its reason show on the request; ask someone else.
    page = coordinator.get(f"{t}/{request.pk}/").content.decode()
    assert "Ziek geworden" in page and "Withdrew after accepting" in page
    assert coordinator.post(f"{t}/{request.pk}/", {"action": "ask", "volunteer": esra.pk}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.interpreter) == (RequestStatus.ASKED, esra)
    parts = set(
        AuditEvent.objects.filter(object_id=family.pk, action__startswith="family.interpreter").values_list(
            "part", flat=True
        )
    )
    assert parts == {"interpreting"}
    actions = set(AuditEvent.objects.filter(part="interpreting").values_list("action", flat=True))
    assert {
        "family.interpreter_requested",
        "family.interpreter_asked",
        "family.interpreter_read",
        "family.interpreter_accepted",
        "family.interpreter_withdrawn",
        "family.read",
    } <= actions


def test_candidates_are_the_own_group_and_those_who_agreed_to_be_found(people, family):
    request = make_request(family, people.coordinator)
    own = make_interpreter(people.group_a, name="Eigen Esra", email="esra@example.org", interpreter_visible=False)
    found = make_interpreter(people.group_b, name="Netwerk Nabil", email="nabil@example.org")
    private = make_interpreter(
        people.group_b, name="Privé Pieter", email="pieter@example.org", interpreter_visible=False
    )
    other_language = make_interpreter(
        people.group_b, name="Farsi Fatima", email="f@example.org", languages={"fa": "good"}
    )
    lead = make_engagement(
        people.group_a, full_name="Lead Lina", status=Status.LEAD, can_interpret=True, languages={"ar": "good"}
    ).volunteer
    names = {v.full_name for v in services.candidates(request)}
    assert names == {own.full_name, found.full_name}
    for refused in (private, other_language, lead):
        with pytest.raises(ServiceError):
            services.ask(request, refused.pk, acting_user=people.coordinator)
    assert request.asks.count() == 0


def test_accepted_recently_counts_the_last_90_days(people, family):
    nabil = make_interpreter(people.group_b)
    for _ in range(2):
        ask, _token = ask_with_token(
            make_request(family, people.coordinator), nabil, people.coordinator, answer="accepted"
        )
    type(ask).objects.filter(pk=ask.pk).update(accepted_at=timezone.now() - timedelta(days=120))
    (person,) = services.candidates(make_request(family, people.coordinator))
    assert person.accepted_recently == 1


def test_asking_someone_else_closes_the_earlier_link(people, family):
    request = make_request(family, people.coordinator)
    first, first_token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    second = make_interpreter(people.group_a, name="Eigen Esra", email="esra@example.org")
    services.ask(request, second.pk, acting_user=people.coordinator)
    first.refresh_from_db()
    assert first.answer == Answer.CLOSED
    response = people.client(None).get(f"/tolk/{first_token}/")
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


def test_asking_the_same_person_twice_asks_once(people, family):
    request = make_request(family, people.coordinator)
    nabil = make_interpreter(people.group_b)
    url = f"/gezinnen/{family.pk}/tolken/{request.pk}/"
    coordinator = people.client("coordinator")
    for _ in range(2):
        assert coordinator.post(url, {"action": "ask", "volunteer": nabil.pk}).status_code == 302
    assert request.asks.count() == 1


def test_a_declined_request_is_asked_again_and_the_link_says_it_was_declined(people, family, committed):
    request = make_request(family, people.coordinator)
    ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    visitor = people.client(None)
    mail.outbox.clear()
    with committed():
        assert visitor.post(f"/tolk/{token}/", {"action": "decline", "reason": "Op reis"}).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert len(mail.outbox) == 1
    page = visitor.get(f"/tolk/{token}/").content.decode()
    assert "You declined" in page
    assert "Gesprek op school" not in page  # no details once no longer needed
    # Declining twice (a double submit) changes nothing; accepting after declining is refused.
    assert visitor.post(f"/tolk/{token}/", {"action": "decline", "reason": "Op reis"}).status_code == 302
    response = visitor.post(f"/tolk/{token}/", {"action": "accept"})
    assert response.status_code == 400
    assert "already answered" in response.content.decode()
    assert request.asks.get().answer == Answer.DECLINED


def test_declining_after_accepting_keeps_what_was_typed_and_offers_to_withdraw(people, family):
    request = make_request(family, people.coordinator)
    ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator, answer="accepted")
    response = people.client(None).post(f"/tolk/{token}/", {"action": "decline", "reason": "Toch geen tijd"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You accepted this request earlier" in page
    assert "Toch geen tijd" in page  # moved into the withdrawal form
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert request.asks.get().answer == Answer.ACCEPTED


def test_accepting_twice_records_once(people, family):
    request = make_request(family, people.coordinator)
    _ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    visitor = people.client(None)
    for _ in range(2):
        assert visitor.post(f"/tolk/{token}/", {"action": "accept"}).status_code == 302
    assert AuditEvent.objects.filter(action="family.interpreter_accepted").count() == 1


def test_an_expired_or_unknown_link_gets_a_clear_page(people, family):
    request = make_request(family, people.coordinator)
    ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    type(ask).objects.filter(pk=ask.pk).update(link_expires_at=timezone.now() - timedelta(seconds=1))
    visitor = people.client(None)
    for url in (f"/tolk/{token}/", "/tolk/nonsense/", "/tolk/" + "x" * 300 + "/"):
        for method in ("get", "post"):
            response = getattr(visitor, method)(url, {"action": "accept"})
            assert response.status_code == 404
            assert "This link no longer works" in response.content.decode()
    assert request.asks.get().answer == Answer.PENDING


def test_a_social_interpreter_booked_through_a_professional(people, family):
    request = make_request(family, people.coordinator)
    ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    url = f"/gezinnen/{family.pk}/tolken/{request.pk}/"
    coordinator = people.client("coordinator")
    response = coordinator.post(url, {"action": "social", "booked_by": ""})
    assert response.status_code == 400
    assert "Say which professional" in response.content.decode()
    assert coordinator.post(url, {"action": "social", "booked_by": "Maatschappelijk werker OCMW"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.social_booked_by) == (RequestStatus.SOCIAL, "Maatschappelijk werker OCMW")
    assert people.client(None).get(f"/tolk/{token}/").status_code == 404  # the pending ask is closed
    assert coordinator.post(url, {"action": "done"}).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    # Done is final: cancelling is refused with a message.
    response = coordinator.post(url, {"action": "cancel"})
    assert response.status_code == 400
    assert "cannot change" in response.content.decode()


def test_cancelling_an_accepted_request_tells_the_interpreter(people, family, committed):
    request = make_request(family, people.coordinator)
    nabil = make_interpreter(people.group_b)
    ask_with_token(request, nabil, people.coordinator, answer="accepted")
    mail.outbox.clear()
    with committed():
        services.cancel(request, acting_user=people.coordinator)
    assert [m.to for m in mail.outbox] == [[nabil.email]]
    page = people.client(None).get(f"/tolk/{token_in(mail.outbox[0])}/").content.decode()
    assert "cancelled by the group" in page


def test_the_assigned_volunteer_reads_the_status_only(people, family):
    request = make_request(family, people.coordinator)
    volunteer = people.client("volunteer")
    page = volunteer.get(f"/gezinnen/{family.pk}/tolken/").content.decode()
    assert "Open: nobody asked yet" in page
    assert "/tolken/nieuw/" not in page
    nabil = make_interpreter(people.group_b, name="Kandidaat Nabil")
    url = f"/gezinnen/{family.pk}/tolken/{request.pk}/"
    assert "Kandidaat Nabil" not in volunteer.get(url).content.decode()
    assert volunteer.post(url, {"action": "ask", "volunteer": nabil.pk}).status_code == 403
    assert request.asks.count() == 0
    # The interpreters' answers and reasons are for those who ask.
    ask_with_token(request, nabil, people.coordinator, answer="declined")
    page = volunteer.get(url).content.decode()
    assert "Declined: ask someone else" in page and "Geen tijd" not in page


def test_the_bridge_figure_asks(people, family):
    from families.models import Trajectory

    Trajectory.objects.filter(pk=family.pk).update(bridge_figure=people.volunteer)
    response = people.client("volunteer").post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form())
    assert response.status_code == 302


# ---------------------------------------------------------------- bad input


def test_a_past_date_is_refused_and_nothing_typed_is_lost(people, family):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = people.client("coordinator").post(
        f"/gezinnen/{family.pk}/tolken/nieuw/", _form(on=yesterday, topic="Bezoek aan de huisarts")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be in the past" in page
    assert "Bezoek aan de huisarts" in page
    assert not InterpreterRequest.objects.exists()
    with pytest.raises(ServiceError):
        make_request(family, people.coordinator, starts_at=timezone.now() - timedelta(minutes=1))


def test_an_unknown_language_is_refused(people, family):
    response = people.client("coordinator").post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form(language="xx"))
    assert response.status_code == 400
    assert "Choose a language from the list" in response.content.decode()
    with pytest.raises(ServiceError):
        make_request(family, people.coordinator, language="klingon")
    assert not InterpreterRequest.objects.exists()


def test_a_double_submit_saves_once(people, family):
    coordinator = people.client("coordinator")
    first = coordinator.post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form())
    second = coordinator.post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form())
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert InterpreterRequest.objects.count() == 1


def test_a_changed_submission_key_is_a_message_not_a_500(people, family):
    response = people.client("coordinator").post(
        f"/gezinnen/{family.pk}/tolken/nieuw/", _form(submission_key="not-a-uuid")
    )
    assert response.status_code == 400
    assert "Part of this form that you do not see" in response.content.decode()


def test_hostile_text_is_shown_as_text_and_lengths_are_held(people, family):
    coordinator = people.client("coordinator")
    url = f"/gezinnen/{family.pk}/tolken/nieuw/"
    hostile = "<script>alert(1)</script> ‮ &amp; \"'"
    assert coordinator.post(url, _form(topic=hostile)).status_code == 302
    request = InterpreterRequest.objects.get()
    assert request.topic == hostile.strip()
    page = coordinator.get(request.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    for data in (
        _form(topic="x" * 201, submission_key="11111111-1111-4111-8111-111111111111"),
        _form(place="p" * 201, submission_key="22222222-2222-4222-8222-222222222222"),
        _form(topic="nul\x00byte", submission_key="33333333-3333-4333-8333-333333333333"),
        _form(on="31-02-2026", submission_key="44444444-4444-4444-8444-444444444444"),
        _form(at="25:99", submission_key="55555555-5555-4555-8555-555555555555"),
        _form(meeting="999999999999999999999", submission_key="66666666-6666-4666-8666-666666666666"),
    ):
        assert coordinator.post(url, data).status_code == 400
    assert InterpreterRequest.objects.count() == 1
    _ask, token = ask_with_token(request, make_interpreter(people.group_b), people.coordinator)
    response = people.client(None).post(f"/tolk/{token}/", {"action": "decline", "reason": "r" * 501})
    assert response.status_code == 400
    assert "r" * 501 in response.content.decode()  # kept, with the message
    page = people.client(None).get(f"/tolk/{token}/").content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_a_closed_trajectory_takes_no_new_requests(people, family):
    from families import services as family_services

    family_services.change_status(family, "closed", acting_user=people.coordinator)
    response = people.client("coordinator").post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form())
    assert response.status_code == 400
    assert "closed" in response.content.decode()


def test_the_transition_table():
    allowed = {(old, new) for old, new, ok in STATUS.moves() if ok}
    assert (RequestStatus.ACCEPTED, RequestStatus.OPEN) in allowed  # a withdrawal reopens
    assert (RequestStatus.DONE, RequestStatus.OPEN) not in allowed
    assert not any(old in (RequestStatus.DONE, RequestStatus.CANCELLED) for old, _new in allowed)
    assert (RequestStatus.OPEN, RequestStatus.ACCEPTED) not in allowed  # nobody asked yet


def test_an_erased_interpreter_leaves_no_reason_and_no_working_link(people, family):
    from volunteers import services as volunteer_services

    nabil = make_interpreter(people.group_b)
    ask, _token = ask_with_token(make_request(family, people.coordinator), nabil, people.coordinator, answer="declined")
    pending, token = ask_with_token(make_request(family, people.coordinator), nabil, people.coordinator)
    volunteer_services.erase(nabil)
    ask.refresh_from_db()
    assert (ask.answer, ask.reason) == (Answer.DECLINED, "")
    assert people.client(None).get(f"/tolk/{token}/").status_code == 404
    assert services.candidates(make_request(family, people.coordinator)) == []


def test_the_candidates_cost_the_same_queries_for_two_or_eight(people, family):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = make_request(family, people.coordinator)
    coordinator = people.client("coordinator")
    counts = []
    for n in (2, 8):
        while len(services.candidates(request)) < n:
            k = len(services.candidates(request))
            make_interpreter(people.group_b, name=f"Tolk {n}-{k}", email=f"tolk{n}-{k}@example.org")
        with CaptureQueriesContext(connection) as queries:
            page = coordinator.get(request.get_absolute_url()).content.decode()
        assert page.count('value="ask"') == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_familys_submission_key_finds_nothing(people, family):
    other = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    assert coordinator.post(f"/gezinnen/{other.pk}/tolken/nieuw/", _form()).status_code == 302
    response = coordinator.post(f"/gezinnen/{family.pk}/tolken/nieuw/", _form())
    assert response.status_code == 400
    assert "already sent" in response.content.decode()
    assert not InterpreterRequest.objects.filter(trajectory=family).exists()


def test_the_interpreters_own_data_export_lists_the_requests_and_their_own_answers(people):
    """A volunteer's export of their data (volunteers/privacy.py) holds being asked and their
    answer with its reason; not the family's topic or place."""
    import json

    from volunteers import privacy

    family = make_family(people.group_a, people.coordinator)
    interpreter = make_interpreter(people.group_a)
    ask, _token = ask_with_token(
        make_request(family, people.coordinator, topic="Schoolgesprek-Z1"), interpreter, people.coordinator
    )
    services.decline(ask, reason="Die dag werk ik")
    data = privacy.export_data(interpreter)
    assert [(r["language"], r["answer"], r["reason"]) for r in data["interpreter_requests"]] == [
        ("ar", "declined", "Die dag werk ik")
    ]
    assert "Schoolgesprek-Z1" not in json.dumps(data)
