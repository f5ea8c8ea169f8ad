"""The family's own view: the link and the code (hashed, limited tries then a pause),
revocation, its content (plan, map, shared reports, who read the file), ticking a step, the
nine languages (right-to-left for ar, fa, ps) and its own complete catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.models import AuditEvent
from families import family_links, family_texts, meetings
from families.family_texts import CODES, LOCALE_DIR, read_po
from families.family_view import WORDS
from families.link_models import MAX_TRIES, FamilyLink
from families.models import Step
from families.tests.factories import make_family, make_meeting

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "families" / "templates" / "families" / "family"
PYTHON = [Path(settings.BASE_DIR) / "families" / name for name in ("family_view.py", "family_forms.py")]


def _view_strings() -> set[str]:
    found = {"Your file", family_texts.BRIDGE_FIGURE_WORDS, family_texts.NO_NAME_WORDS}
    found |= set(family_texts.DOMAIN_WORDS.values()) | set(family_texts.PART_WORDS.values())
    found |= set(family_texts.ROLE_WORDS.values()) | set(family_texts.MONTHS) | set(family_texts.RENDERER_WORDS)
    found |= set(WORDS.values())
    for path in TEMPLATES.glob("*.html"):
        found |= set(re.findall(r'{% fv "([^"]+)" %}', path.read_text()))
    for path in PYTHON:
        found |= set(re.findall(r'fv\(language, "([^"]+)"\)', path.read_text()))
    return found


def test_every_string_of_the_view_is_translated_in_the_nine_languages():
    strings = _view_strings()
    assert len(strings) > 30
    assert CODES == ["nl", "fr", "en", "ar", "fa", "ps", "ti", "so", "uk"]
    for code in CODES:
        path = LOCALE_DIR / code / "LC_MESSAGES" / "familyview.po"
        text = path.read_text(encoding="utf-8")
        assert "fuzzy" not in text, code
        entries = read_po(path)
        missing = [s for s in strings if not entries.get(s)]
        assert not missing, f"{code}: {missing}"
        if code not in ("en",):
            # Translated, not copied: most strings differ from the English.
            assert sum(entries[s] != s for s in strings) > len(strings) * 0.8, code


def test_the_nine_languages_are_not_in_the_site_switcher():
    codes = {code for code, _name in settings.LANGUAGES}
    assert codes == {"nl", "fr", "en"}


def _open(client, family, people, language="ar"):
    link, token, code = family_links.make_link(family, acting_user=people.coordinator, language=language)
    url = f"/gezin/{token}/"
    response = client.post(url, {"action": "code", "code": code})
    assert response.status_code == 302
    return link, url


def test_the_family_opens_its_page_in_arabic_right_to_left(people, client):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    meeting = make_meeting(family, people.coordinator)
    item = meeting.items.get()
    meeting = meetings.save_report(
        meeting,
        acting_user=people.coordinator,
        version=0,
        texts={item.pk: {"said": "Lange wachtlijst", "decided": "Twee inschrijvingen"}},
    )
    people.client("volunteer").get(f"/gezinnen/{family.pk}/netwerkkaart/")  # a read the family will see
    link, url = _open(client, family, people, "ar")
    page = client.get(url).content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "صفحة عائلتك" in page and "خطتك" in page and "من قرأ ملفك" in page
    assert "Een huis met drie slaapkamers" in page  # the goal in the words it was written in
    assert "Lange wachtlijst" not in page  # the report is not shared yet
    meetings.share_report(meeting, acting_user=people.coordinator)
    page = client.get(url).content.decode()
    assert "Lange wachtlijst" in page
    reads = client.get(f"{url}?gelezen=1").content.decode()
    assert str(people.volunteer) in reads  # who read the file
    # Ticking a step.
    step = Step.objects.get(goal__trajectory=family, meeting__isnull=True)
    assert client.post(url, {"action": "done", "step": step.pk}).status_code == 302
    assert Step.objects.get(pk=step.pk).done_at is not None
    # The page's own form: one per goal, the pressed button names the step.
    assert client.post(url, {"open": step.pk}).status_code == 302
    assert Step.objects.get(pk=step.pk).done_at is None
    assert client.post(url, {"done": step.pk}).status_code == 302
    assert Step.objects.get(pk=step.pk).done_at is not None
    assert AuditEvent.objects.filter(action="family.step_changed", actor_role="person").exists()
    assert AuditEvent.objects.filter(action="family.read", part="family-view").exists()
    # A step of another family: 404.
    other = make_family(people.group_a, people.coordinator)
    other_step = Step.objects.filter(goal__trajectory=other).first()
    assert client.post(url, {"action": "done", "step": other_step.pk}).status_code == 404


def test_tigrinya_is_left_to_right(people, client):
    family = make_family(people.group_a, people.coordinator)
    _link, url = _open(client, family, people, "ti")
    page = client.get(url).content.decode()
    assert 'lang="ti" dir="ltr"' in page and "መደብኩም" in page


def test_a_wrong_code_counts_and_pauses_then_nothing_opens(people, client):
    family = make_family(people.group_a, people.coordinator)
    link, token, code = family_links.make_link(family, acting_user=people.coordinator, language="uk")
    url = f"/gezin/{token}/"
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(MAX_TRIES - 1):
        response = client.post(url, {"action": "code", "code": wrong})
        assert response.status_code == 400
        assert "Цей код неправильний" in response.content.decode()
    assert client.post(url, {"action": "code", "code": wrong}).status_code == 400
    response = client.post(url, {"action": "code", "code": code})
    assert response.status_code == 429  # paused: even the right code waits
    assert "15" in response.content.decode()
    assert FamilyLink.objects.get().is_paused
    assert token not in str(FamilyLink.objects.values_list("token_hash", "code_hash").get())
    assert code not in FamilyLink.objects.get().code_hash


def test_a_revoked_link_or_closed_trajectory_says_so(people, client):
    family = make_family(people.group_a, people.coordinator)
    _link, url = _open(client, family, people, "fr")
    assert client.get(url).status_code == 200
    coordinator = people.client("coordinator")
    assert coordinator.post(f"/gezinnen/{family.pk}/gezinslink/", {"action": "revoke"}).status_code == 302
    response = client.get(url)
    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()


def test_the_coordinator_makes_a_link_and_sees_the_code_once(people):
    family = make_family(people.group_a, people.coordinator)
    coordinator = people.client("coordinator")
    response = coordinator.post(f"/gezinnen/{family.pk}/gezinslink/", {"action": "make", "language": "ps"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "/gezin/" in page
    assert FamilyLink.objects.get().language == "ps"
    assert (
        coordinator.post(f"/gezinnen/{family.pk}/gezinslink/", {"action": "make", "language": "xx"}).status_code == 400
    )
    assert people.client("volunteer").get(f"/gezinnen/{family.pk}/gezinslink/").status_code == 404


def test_the_family_says_a_report_is_right_or_asks_a_correction(people, client):
    family = make_family(people.group_a, people.coordinator)
    meeting = make_meeting(family, people.coordinator)
    meeting = meetings.save_report(meeting, acting_user=people.coordinator, version=0, texts={})
    _link, url = _open(client, family, people, "so")
    # Not shared yet: 404.
    assert client.post(url, {"action": "right", "meeting": meeting.pk}).status_code == 404
    meetings.share_report(meeting, acting_user=people.coordinator)
    response = client.post(url, {"action": "correction", "meeting": meeting.pk, "correction": ""})
    assert response.status_code == 400 and "Qor waxa aan saxda ahayn" in response.content.decode()
    assert (
        client.post(
            url, {"action": "correction", "meeting": meeting.pk, "correction": "Taariikhda waa khalad"}
        ).status_code
        == 302
    )
    coordinator_page = people.client("coordinator").get(f"/gezinnen/{family.pk}/overleg/{meeting.pk}/").content.decode()
    assert "Taariikhda waa khalad" in coordinator_page
    assert client.post(url, {"action": "right", "meeting": meeting.pk}).status_code == 302
    from families.meeting_models import Meeting

    answered = Meeting.objects.get(pk=meeting.pk)
    assert answered.family_confirmed_at is not None and answered.family_correction == ""
    assert "Waxaad sheegtay in warbixintani sax tahay." in client.get(url).content.decode()
