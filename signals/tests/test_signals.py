"""Signals end to end: capture with the personal-data check, confirmation, co-signing,
dossiers (split, merge, policy note), routing and answers through a link, feedback to every
reporter, the overview and the public page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent
from signals import services
from signals.models import Addressee, AddresseeStatus, CoSign, Dossier, Signal, SignalStatus
from signals.tests.factories import flanders, make_addressee, make_dossier, make_signal, theme

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "theme": theme().pk,
        "description": "Jongeren die 18 worden verliezen hun verblijfsrecht en hun opvangplaats.",
        "life_domain": "housing",
        "region": flanders().pk,
        "postcode": "",
        "count": "6",
        "count_unit": "people",
        "example": "",
        "source_kind": "by_hand",
        "source_reference": "",
    }
    data.update(overrides)
    return data


def _file(people, **overrides):
    client = people.client("volunteer")
    data = _form(organisation=people.group_a.pk, **overrides)
    return client, client.post("/signalen/nieuw/", data)


# ---------------------------------------------------------------- capture


def test_a_volunteer_files_a_signal_as_a_draft_of_the_group(people):
    _client, response = _file(people, postcode="2800")
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.status == SignalStatus.DRAFT and signal.reporter == people.volunteer
    assert signal.organisation == people.group_a and signal.municipality is not None
    assert AuditEvent.objects.filter(action="signal.created", object_id=signal.pk).exists()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rijksregisternummer 85.07.30-033.28 kreeg geen leefloon.", "National register number"),
        ("Bel haar op 0470 12 34 56 voor meer uitleg.", "Phone number"),
        ("Bel +32 15 12 34 56 voor meer uitleg.", "Phone number"),
        ("Mail naar fatima@example.org voor meer uitleg.", "E-mail address"),
        ("Het gaat om een jongen geboren op 12/03/2008 in Kabul.", "Date of birth"),
        ("Vera Vrijwilliger zag dit gebeuren bij de huisvesting.", "Name"),
    ],
)
def test_personal_data_is_caught_explained_and_nothing_typed_is_lost(people, text, kind):
    _client, response = _file(people, description=text)
    assert response.status_code == 400
    body = response.content.decode()
    assert kind in body and "seems to contain personal data" in body
    assert text.split()[0] in body  # the text is still in the field
    assert not Signal.objects.exists()


def test_a_national_number_with_a_wrong_checksum_is_not_personal_data(people):
    _client, response = _file(people, description="Dossiernummer 85.07.30-033.27 bleef liggen.")
    assert response.status_code == 302


def test_the_writer_may_confirm_that_what_was_found_is_not_personal_data(people):
    client, response = _file(people, description="Bel 0470 12 34 56, het algemene nummer van het OCMW.")
    seen = re.search(r'name="personal_data_seen" value="([^"]+)"', response.content.decode())
    assert seen
    data = _form(
        organisation=people.group_a.pk,
        description="Bel 0470 12 34 56, het algemene nummer van het OCMW.",
        personal_data_seen=seen.group(1),
        personal_data_confirmed="on",
    )
    assert client.post("/signalen/nieuw/", data).status_code == 302
    event = AuditEvent.objects.get(action="signal.created")
    assert event.details["personal_data_accepted"] == ["phone"]


@pytest.mark.parametrize("count", ["zes", "0", "-3", "1e9", "<b>5</b>"])
def test_a_count_that_is_not_a_number_gets_a_clear_message(people, count):
    _client, response = _file(people, count=count)
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_html_is_shown_as_text(people):
    _client, response = _file(people, description="<script>alert(1)</script> geen woning")
    assert response.status_code == 302
    page = people.client("volunteer").get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


# ---------------------------------------------------------------- legitimacy


def test_the_coordinator_confirms_the_wording_and_the_volunteer_cannot(people):
    signal = make_signal(people.group_a, people.volunteer)
    url = f"/signalen/{signal.pk}/bevestigen/"
    assert people.client("volunteer").post(url, {"description": "x"}).status_code == 403
    response = people.client("coordinator").post(url, {"description": "Herschreven tekst.", "example": ""})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONFIRMED and signal.description == "Herschreven tekst."
    assert signal.confirmed_by == people.coordinator


def test_the_coordinator_withdraws_a_signal_and_a_volunteer_cannot(people):
    signal = make_signal(people.group_a, people.volunteer)
    url = f"/signalen/{signal.pk}/intrekken/"
    assert people.client("volunteer").post(url).status_code == 403
    assert people.client("coordinator").post(url).status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.WITHDRAWN
    assert people.client("outsider").get(signal.get_absolute_url()).status_code == 404


def test_a_draft_stays_in_its_group(people):
    signal = make_signal(people.group_a, people.volunteer)
    assert people.client("outsider").get(signal.get_absolute_url()).status_code == 404
    assert people.client("secretariat").get(signal.get_absolute_url()).status_code == 404


def test_another_group_cosigns_with_its_own_count_and_sees_small_counts_as_under_five(people):
    signal = make_signal(people.group_a, people.volunteer, status=SignalStatus.CONFIRMED, count=3)
    outsider = people.client("outsider")
    page = outsider.get(signal.get_absolute_url()).content.decode()
    assert "&lt;5" in page and "We see this too" in page
    response = outsider.post(f"/signalen/{signal.pk}/meetekenen/", {"organisation": people.group_b.pk, "count": "7"})
    assert response.status_code == 302
    assert CoSign.objects.get().count == 7
    inside = people.client("volunteer").get(signal.get_absolute_url()).content.decode()
    assert "2 groups" in inside and "3 people" in inside


def test_a_group_cannot_cosign_its_own_signal(people):
    signal = make_signal(people.group_a, people.volunteer, status=SignalStatus.CONFIRMED)
    with pytest.raises(services.ServiceError):
        services.cosign(signal, organisation=people.group_a, count=2, acting_user=people.coordinator)
    response = people.client("coordinator").post(
        f"/signalen/{signal.pk}/meetekenen/", {"organisation": people.group_a.pk, "count": "2"}
    )
    assert response.status_code == 403


def test_a_group_cosigns_once(people):
    signal = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    services.cosign(signal, organisation=people.group_b, count=2, acting_user=people.outsider)
    with pytest.raises(services.ServiceError):
        services.cosign(signal, organisation=people.group_b, count=2, acting_user=people.outsider)


# ---------------------------------------------------------------- dossiers


def test_the_secretariat_bundles_signals_and_splits_and_merges_with_history(people):
    one = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    two = make_signal(people.group_b, status=SignalStatus.CONFIRMED)
    client = people.client("secretariat")
    response = client.post("/secretariaat/dossiers/nieuw/", {"title": "Woningnood", "theme": theme().pk})
    dossier = Dossier.objects.get()
    assert response["Location"] == dossier.get_absolute_url()
    response = client.post(dossier.get_absolute_url(), {"action": "add", "add-signals": [one.pk, two.pk]})
    assert response.status_code == 302
    assert set(dossier.signals.values_list("pk", flat=True)) == {one.pk, two.pk}
    response = client.post(
        dossier.get_absolute_url(), {"action": "split", "chosen-signals": [two.pk], "chosen-title": "Gent apart"}
    )
    assert response.status_code == 302
    new = Dossier.objects.get(title="Gent apart")
    assert new.split_from == dossier and list(new.signals.all()) == [two]
    response = client.post(new.get_absolute_url(), {"action": "merge", "merge-target": dossier.pk})
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.status == "merged" and new.merged_into == dossier and dossier.signals.count() == 2
    actions = list(
        AuditEvent.objects.filter(object_type="signals.signal", object_id=two.pk).values_list("action", flat=True)
    )
    assert actions.count("signal.added_to_dossier") == 3 and actions.count("signal.removed_from_dossier") == 2


def test_the_dossier_page_and_the_policy_note(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED, count=12))
    client = people.client("secretariat")
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Een gezin van vijf" in page and "12" in page
    pdf = client.get(f"/secretariaat/dossiers/{dossier.pk}/nota.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from signals.pdf import policy_note_html

    assert "Een gezin van vijf" in policy_note_html(dossier, examples=True)
    assert "Een gezin van vijf" not in policy_note_html(dossier, examples=False)


# ---------------------------------------------------------------- routing, answers, feedback


def test_a_dossier_with_no_addressee_is_not_sent(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    response = people.client("secretariat").post(dossier.get_absolute_url(), {"action": "send"})
    assert response.status_code == 400
    assert "Add an addressee" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "open"


def test_send_answer_once_and_every_reporter_hears_of_it(people, committed):
    signal = make_signal(people.group_a, people.volunteer, status=SignalStatus.CONFIRMED)
    services.cosign(signal, organisation=people.group_b, count=5, acting_user=people.outsider)
    dossier = make_dossier(signal)
    client = people.client("secretariat")
    client.post(
        dossier.get_absolute_url(),
        {
            "action": "addressee",
            "addressee-kind": "municipality",
            "addressee-name": "Stad Mechelen",
            "addressee-email": "welzijn@mechelen.example",
        },
    )
    with committed():
        assert client.post(dossier.get_absolute_url(), {"action": "send"}).status_code == 302
    sent = [m for m in mail.outbox if m.to == ["welzijn@mechelen.example"]]
    link = re.search(r"http\S+/beleid/antwoord/(\S+)/", sent[0].body)
    assert link and "Jongeren" not in sent[0].body
    url = f"/beleid/antwoord/{link.group(1)}/"
    mail.outbox.clear()
    visitor = people.client(None)
    assert visitor.get(url).status_code == 200
    assert visitor.post(url, {"action": "read"}).status_code == 302
    with committed():
        assert (
            visitor.post(url, {"action": "answer", "answer": "We bekijken dit op de gemeenteraad."}).status_code == 302
        )
    addressee = Addressee.objects.get()
    assert addressee.status == AddresseeStatus.ANSWERED
    assert {m.to[0] for m in mail.outbox} == {people.volunteer.email, people.outsider.email}
    assert all("gemeenteraad" not in m.body for m in mail.outbox)
    # Used once: the link reads, but answers no more.
    again = visitor.post(url, {"action": "answer", "answer": "Nog eens"})
    assert again.status_code == 400
    addressee.refresh_from_db()
    assert "Nog eens" not in addressee.answer
    for who in ("volunteer", "outsider"):
        page = people.client(who).get(signal.get_absolute_url()).content.decode()
        assert "gemeenteraad" in page and "Transparency log" in page
    moves = AuditEvent.objects.filter(action="addressee.status_changed", object_id=addressee.pk)
    assert [e.details["new"] for e in moves.order_by("pk")] == ["sent", "read", "answered"]


def test_an_expired_link_finds_nothing(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    _addressee, token = make_addressee(dossier, days=-1)
    assert people.client(None).get(f"/beleid/antwoord/{token}/").status_code == 404


def test_a_reminder_after_n_weeks_with_a_fresh_link(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED))
    addressee, token = make_addressee(dossier)
    Addressee.objects.filter(pk=addressee.pk).update(sent_at=timezone.now() - timedelta(weeks=5))
    call_command("signals_remind", weeks=4)
    assert len(mail.outbox) == 0  # queued after commit; the service ran
    addressee.refresh_from_db()
    assert addressee.reminded_at is not None
    assert people.client(None).get(f"/beleid/antwoord/{token}/").status_code == 404
    assert services.unanswered(4).count() == 0


def test_signals_without_feedback_for_three_months_are_flagged(people):
    old = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    Signal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=100))
    make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    assert list(services.without_feedback()) == [old]
    page = people.client("secretariat").get("/secretariaat/dossiers/").content.decode()
    assert f"#{old.pk}" in page


# ---------------------------------------------------------------- overview and public page


def test_the_overview_has_a_chart_and_a_table_and_suppresses_small_counts(
    people, django_assert_max_num_queries, committed
):
    make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    client = people.client("outsider")
    client.get("/signalen/overzicht/")
    with django_assert_max_num_queries(20):
        page = client.get("/signalen/overzicht/").content.decode()
    assert "<svg" in page and "<table" in page and "&lt;5" in page and "style=" not in page
    for _ in range(9):
        make_signal(people.group_b, status=SignalStatus.CONFIRMED)
    draft = make_signal(people.group_b)
    with committed():  # a confirmation makes the cached overview stale, after commit
        services.confirm_signal(draft, description="Tekst.", example="", acting_user=people.outsider_coordinator)
    with django_assert_max_num_queries(20):
        page = client.get("/signalen/overzicht/").content.decode()
    assert ">10<" in page or ">11<" in page


def test_a_published_dossier_shows_aggregates_only(people):
    dossier = make_dossier(make_signal(people.group_a, status=SignalStatus.CONFIRMED, count=9))
    client = people.client("secretariat")
    assert people.client(None).get(f"/beleid/dossiers/{dossier.pk}/").status_code == 404
    client.post(dossier.get_absolute_url(), {"action": "publish"})
    page = people.client(None).get(f"/beleid/dossiers/{dossier.pk}/").content.decode()
    assert "Woningnood na erkenning" in page and "9" in page
    assert "Een gezin van vijf" not in page and "Gezinnen met een erkenning" not in page
