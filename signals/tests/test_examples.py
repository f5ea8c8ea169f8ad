"""Publishing examples with consent: none by default; the group records and withdraws it; the
secretariat picks among examples with consent only; the personal-data check runs again; the
public page checks the consent in its query, so a withdrawal hides the example at once."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from signals import services
from signals.models import Signal, SignalStatus, publishable_examples
from signals.tests.factories import make_dossier, make_signal

pytestmark = pytest.mark.django_db

EXAMPLE = "Een gezin van vijf zoekt al acht maanden."


def _consent(client, signal, **data):
    return client.post(f"/signalen/{signal.pk}/toestemming/", {"agreed": "on", "how": "spoken", **data})


def _publish(people, dossier, *signals):
    client = people.client("secretariat")
    response = client.post(
        dossier.get_absolute_url(), {"action": "examples", "examples-signals": [s.pk for s in signals]}
    )
    return client, response


def test_no_example_is_public_without_consent_and_withdrawal_hides_it_at_once(people):
    signal = make_signal(people.group_a, people.volunteer, status=SignalStatus.CONFIRMED)
    dossier = make_dossier(signal)
    services.set_published(dossier, True, acting_user=people.secretariat)
    public = people.client(None)
    assert EXAMPLE not in public.get(f"/beleid/dossiers/{dossier.pk}/").content.decode()
    # Not selectable without consent: the form refuses (the choice is not offered).
    _client, response = _publish(people, dossier, signal)
    assert response.status_code == 400
    assert not Signal.objects.get(pk=signal.pk).example_public
    # The group records the consent; the secretariat picks the example.
    volunteer = people.client("volunteer")
    assert _consent(volunteer, signal, on="1/11/2026").status_code == 302
    signal.refresh_from_db()
    assert signal.example_consent_on and signal.example_consent_how == "spoken"
    _client, response = _publish(people, dossier, signal)
    assert response.status_code == 302
    assert EXAMPLE in public.get(f"/beleid/dossiers/{dossier.pk}/").content.decode()
    # Withdrawn: gone from the public page at once.
    assert volunteer.post(f"/signalen/{signal.pk}/toestemming/", {"action": "withdraw"}).status_code == 302
    assert EXAMPLE not in public.get(f"/beleid/dossiers/{dossier.pk}/").content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"signal.example_consent_recorded", "signal.example_consent_withdrawn", "dossier.examples_chosen"} <= actions


def test_the_public_page_checks_the_consent_in_its_query(people):
    signal = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    dossier = make_dossier(signal)
    # Chosen without consent behind the services' back: still not shown.
    Signal.objects.filter(pk=signal.pk).update(example_public=True)
    assert list(publishable_examples(dossier)) == []


def test_the_personal_data_check_runs_again_when_publishing(people):
    signal = make_signal(
        people.group_a, status=SignalStatus.CONFIRMED, example="Bel de moeder op 0470 12 34 56 voor meer uitleg."
    )
    dossier = make_dossier(signal)
    services.record_example_consent(signal, on=signal.created_at.date(), how="written", acting_user=people.volunteer)
    client, response = _publish(people, dossier, signal)
    assert response.status_code == 400
    assert "personal data" in response.content.decode()
    assert not Signal.objects.get(pk=signal.pk).example_public


def test_only_the_signals_group_records_consent_and_bad_input_comes_back(people):
    signal = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    assert _consent(people.client("outsider"), signal, on="1/11/2026").status_code == 403
    assert _consent(people.client("secretariat"), signal, on="1/11/2026").status_code == 403
    client = people.client("volunteer")
    future = client.post(f"/signalen/{signal.pk}/toestemming/", {"agreed": "on", "how": "spoken", "on": "1/1/2099"})
    assert future.status_code == 400 and "future" in future.content.decode()
    hostile = client.post(
        f"/signalen/{signal.pk}/toestemming/", {"agreed": "on", "how": "<script>", "on": "'; drop table"}
    )
    assert hostile.status_code == 400 and "<script>" not in hostile.content.decode()
    not_ticked = client.post(f"/signalen/{signal.pk}/toestemming/", {"how": "spoken", "on": "1/11/2026"})
    assert not_ticked.status_code == 400
    assert Signal.objects.get(pk=signal.pk).example_consent_on is None


def test_moving_a_signal_to_another_dossier_unpicks_its_example(people):
    a = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    b = make_signal(people.group_a, status=SignalStatus.CONFIRMED)
    dossier = make_dossier(a, b)
    services.record_example_consent(a, on=a.created_at.date(), how="spoken", acting_user=people.volunteer)
    services.choose_public_examples(dossier, [a], acting_user=people.secretariat)
    new = services.split_dossier(dossier, [a], title="Apart", acting_user=people.secretariat)
    assert list(publishable_examples(new)) == []
