"""The family's own view, part two: "who read your file" grouped per person in plain words,
the forms through the one renderer in the family's language (right to left too), lang and
dir in the nine languages, dates in the family's language, a light page (no script, one
stylesheet, queries that do not grow with the record) and the catalogues' glossaries."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import audit
from core.tests.test_design_system import parse
from families import family_links, family_texts, meetings, services
from families.family_texts import CODES, LOCALE_DIR, read_po
from families.family_view import READS_PER_PAGE
from families.link_models import MAX_TRIES, RTL_LANGUAGES, FamilyLink
from families.tests.factories import make_family, make_meeting

pytestmark = pytest.mark.django_db


def _open(client, family, people, language="en"):
    _link, token, code = family_links.make_link(family, acting_user=people.coordinator, language=language)
    url = f"/gezin/{token}/"
    assert client.post(url, {"action": "code", "code": code}).status_code == 302
    return url


# ---------------------------------------------------------------- who read your file


def test_who_read_the_file_is_grouped_per_person_in_plain_words(people, client):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    for _ in range(3):
        services.record_read(family, people.volunteer, "map")
    services.record_read(family, people.volunteer, "plan")
    services.record_read(family, people.coordinator, "members")
    url = _open(client, family, people, "en")
    client.get(url)  # the family's own reads are not in the list
    html = client.get(f"{url}?gelezen=1").content.decode()
    summary, _, detail = html.partition('<details class="govuk-details" id="every-read"')
    assert "Your volunteer <bdi>Vera Vrijwilliger</bdi>" in summary
    assert "<bdi>Cora Coördinator</bdi>, coordinator of <bdi>Welcome in Mechelen (WiM)</bdi>" in summary
    assert summary.count("Vera Vrijwilliger") == 1  # one block per person
    assert summary.index("Cora Coördinator") < summary.index("Vera Vrijwilliger")  # the latest reader first
    volunteer_block = summary[summary.index("Vera Vrijwilliger") :]
    assert "Plan, Network map" in volunteer_block  # the parts, the latest first
    assert ">4<" in volunteer_block  # how many times
    assert family_texts.date("en", date.today()) in volunteer_block
    assert "Your family members" in summary
    # The detailed list, on demand: newest first, the family's own reads left out.
    rows = re.findall(r"<li>(.*?)</li>", detail)
    assert len(rows) == 5
    assert "Cora" in rows[0] and "Your family members" in rows[0]
    assert "family-view" not in html


def test_the_bridge_figure_is_the_familys_contact_person(people, client):
    family = make_family(people.group_a, people.coordinator)
    services.set_bridge_figure(family, people.coordinator, acting_user=people.coordinator)
    services.record_read(family, people.coordinator, "plan")
    url = _open(client, family, people, "nl")
    html = client.get(f"{url}?gelezen=1").content.decode()
    assert "<bdi>Cora Coördinator</bdi>, je contactpersoon bij <bdi>Welcome in Mechelen (WiM)</bdi>" in html


def test_the_reads_come_by_pages_with_an_older_link(people, client):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    for _ in range(READS_PER_PAGE + 3):
        services.record_read(family, people.volunteer, "map")
    url = _open(client, family, people, "en")
    first = client.get(f"{url}?gelezen=1").content.decode()
    assert first.count("Your volunteer") == 1 + READS_PER_PAGE
    assert 'href="?gelezen=2#every-read">Older' in first
    second = client.get(f"{url}?gelezen=2").content.decode()
    assert second.count("Your volunteer") == 1 + 3
    assert "Older" not in second and 'href="?gelezen=1#every-read">Newer' in second
    assert "<details" in second and " open>" in second  # a later page opens the list
    assert client.get(f"{url}?gelezen=zzz").status_code == 200


def test_who_read_takes_the_same_queries_for_few_or_many_readers(people, client):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    services.record_read(family, people.volunteer, "map")
    url = _open(client, family, people, "ar")
    client.get(url)  # the family's own reading, recorded once per session
    with CaptureQueriesContext(connection) as few:
        client.get(f"{url}?gelezen=1")
    for part in ("plan", "map", "contacts", "meeting", "members"):
        for who in (people.volunteer, people.coordinator):
            services.record_read(family, who, part)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{url}?gelezen=1")
    assert len(many) == len(few)
    audit_reads = [q for q in many.captured_queries if "core_auditevent" in q["sql"] and "SELECT" in q["sql"]]
    assert len(audit_reads) == 2  # the grouped summary and one page of reads


# ---------------------------------------------------------------- the forms, through the renderer


def test_a_wrong_code_comes_back_as_typed_with_the_error_in_the_familys_language(people, client):
    family = make_family(people.group_a, people.coordinator)
    _link, token, code = family_links.make_link(family, acting_user=people.coordinator, language="ar")
    url = f"/gezin/{token}/"
    first = client.get(url).content.decode()
    assert 'id="code"' in first and 'name="code"' in first and "govuk-input--width-5" in first
    wrong = "000001" if code != "000001" else "000002"
    response = client.post(url, {"action": "code", "code": wrong})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'lang="ar" dir="rtl"' in html
    assert "<title>خطأ: صفحة عائلتكم · Gastvrij</title>" in html
    assert "govuk-error-summary" in html and "هناك مشكلة" in html  # the summary, in Arabic
    assert 'href="#code"' in html and 'id="code"' in html  # it links to the field
    assert 'class="govuk-error-message"' in html and "خطأ:</span> هذا الرمز غير صحيح." in html
    assert f'value="{wrong}"' in html  # kept as typed
    assert "There is a problem" not in html and "Fout:" not in html  # no site words in another language
    for _ in range(MAX_TRIES - 1):
        client.post(url, {"action": "code", "code": wrong})
    paused = client.post(url, {"action": "code", "code": code})
    assert paused.status_code == 429 and "انتظروا 15 دقيقة" in paused.content.decode()


def test_an_empty_code_and_a_too_long_code_say_so(people, client):
    family = make_family(people.group_a, people.coordinator)
    _link, token, _code = family_links.make_link(family, acting_user=people.coordinator, language="uk")
    url = f"/gezin/{token}/"
    empty = client.post(url, {"action": "code", "code": ""})
    assert empty.status_code == 400 and "Введіть код, який ми вам дали." in empty.content.decode()
    long = client.post(url, {"action": "code", "code": "1" * 500})
    assert long.status_code == 400 and "Цей код неправильний" in long.content.decode()


def test_the_correction_form_shows_its_error_at_the_field_and_in_the_summary(people, client):
    family = make_family(people.group_a, people.coordinator)
    meeting = make_meeting(family, people.coordinator)
    meeting = meetings.save_report(meeting, acting_user=people.coordinator, version=0, texts={})
    meetings.share_report(meeting, acting_user=people.coordinator)
    url = _open(client, family, people, "fa")
    response = client.post(url, {"action": "correction", "meeting": meeting.pk, "correction": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'dir="rtl"' in html and "یک مشکل وجود دارد" in html
    anchor = f"m{meeting.pk}-correction"
    assert f'href="#{anchor}"' in html and anchor in parse(html).ids()
    assert "بنویسید چه چیز درست نیست." in html
    assert html.count(f'name="meeting" value="{meeting.pk}"') == 2  # both forms, through the renderer
    too_long = "ن" * 2001
    response = client.post(url, {"action": "correction", "meeting": meeting.pk, "correction": too_long})
    assert response.status_code == 400
    assert too_long in response.content.decode()  # nothing typed is lost
    assert "حداکثر ۲۰۰۰ حرف" in response.content.decode()


# ---------------------------------------------------------------- languages


@pytest.mark.parametrize("language", CODES)
def test_every_language_sets_lang_and_dir_and_its_own_words(people, client, language):
    family = make_family(people.group_a, people.coordinator)
    url = _open(client, family, people, language)
    html = client.get(url).content.decode()
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    assert f'<html lang="{language}" dir="{direction}"' in html
    assert family_texts.fv(language, "Your plan") in html
    assert family_texts.fv(language, "Housing") in html
    assert "Een huis met drie slaapkamers" in html  # the goal in the words it was written in
    assert "<script" not in html  # no JavaScript on the family's page
    assert "preload" not in html  # no web font pushed
    own_fonts = language in family_texts.SYSTEM_FONT_LANGUAGES
    assert ("family_view.css" in html) == own_fonts
    assert html.count('rel="stylesheet"') == (2 if own_fonts else 1)


def test_dates_are_written_in_the_familys_language():
    day = date(2026, 12, 2)
    assert family_texts.date("ar", day) == "2 ديسمبر 2026"
    assert family_texts.date("fa", day) == "۲ دسمبر ۲۰۲۶"
    assert family_texts.date("ti", day) == "2 ታሕሳስ 2026"
    assert family_texts.date("uk", day) == "2 грудня 2026"
    assert family_texts.date("nl", day) == "2 december 2026"
    dutch = {family_texts.fv("nl", month) for month in family_texts.MONTHS}
    for language in CODES:
        if language != "nl":
            assert not {family_texts.fv(language, m) for m in family_texts.MONTHS} & (dutch - {"september"}), language


# ---------------------------------------------------------------- the catalogues


def _glossary(language: str) -> dict[str, list[str]]:
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "familyview.po").read_text(encoding="utf-8")
    return {
        found.group(1): found.group(2).split("|") for found in re.finditer(r"^#   (\w+) = (.+)$", text, re.MULTILINE)
    }


@pytest.mark.parametrize("language", CODES)
def test_the_glossary_terms_are_used_everywhere(language):
    glossary = _glossary(language)
    assert set(glossary) >= {"plan", "map", "meeting", "report", "file", "volunteer", "coordinator"}
    entries = read_po(LOCALE_DIR / language / "LC_MESSAGES" / "familyview.po")
    for english, terms in glossary.items():
        for msgid, msgstr in entries.items():
            if re.search(rf"\b{english}s?\b", msgid, re.IGNORECASE):
                assert any(term.lower() in msgstr.lower() for term in terms), (language, msgid, msgstr)


@pytest.mark.parametrize("language", CODES)
def test_placeholders_survive_translation(language):
    for msgid, msgstr in read_po(LOCALE_DIR / language / "LC_MESSAGES" / "familyview.po").items():
        assert sorted(re.findall(r"{\w+}", msgid)) == sorted(re.findall(r"{\w+}", msgstr)), (language, msgid)
        assert msgstr.count("{") == msgstr.count("}") == len(re.findall(r"{\w+}", msgstr)), (language, msgid)


# ---------------------------------------------------------------- light


def test_the_page_takes_the_same_queries_for_a_small_or_a_big_record(people, client):
    family = make_family(people.group_a, people.coordinator)
    url = _open(client, family, people, "ti")
    client.get(url)  # the family's own reading, recorded once per session
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(4):
        services.add_goal(family, acting_user=people.coordinator, domain="work", what=f"Doel {n}", steps=["a", "b"])
        services.save_domain(family, "health", acting_user=people.coordinator, goes_well="Goed")
    meeting = make_meeting(family, people.coordinator)
    item = meeting.items.first()
    texts = {item.pk: {"said": "Gezegd", "decided": "Beslist"}} if item else {}
    meeting = meetings.save_report(meeting, acting_user=people.coordinator, version=0, texts=texts)
    meetings.share_report(meeting, acting_user=people.coordinator)
    audit.record("family.read", actor=people.volunteer, obj=family, part="map")
    with CaptureQueriesContext(connection) as big:
        html = client.get(url).content.decode()
    assert "Gezegd" in html
    assert len(big) == len(small) + 1  # the shown report's agenda items


def test_the_cursor_reads_equal_the_orm(people):
    """families/family_reads.py gives the rows QuerySet.values() gives: decrypted, dates and
    moments converted, in the models' order."""
    from datetime import timedelta

    from django.utils import timezone

    from families import family_reads
    from families.meeting_models import AgendaItem, Meeting
    from families.models import Actor, DomainEntry, Goal, Step

    family = make_family(people.group_a, people.coordinator)
    other = make_family(people.group_a, people.coordinator)
    goal = services.add_goal(family, acting_user=people.coordinator, domain="work", what="Werk", steps=["x", "y"])
    Step.objects.filter(goal=goal).update(deadline=date(2026, 12, 24), done_at=timezone.now(), owner="Amal")
    services.save_domain(family, "health", acting_user=people.coordinator, goes_well="Goed", less_well="Slaap")
    DomainEntry.objects.filter(trajectory=family, domain="health").update(skipped=False)
    for trajectory in (family, other):
        meeting = make_meeting(trajectory, people.coordinator, starts_at=timezone.now() + timedelta(days=3))
        item = meeting.items.first()
        texts = {item.pk: {"said": "Gezegd", "decided": "Beslist"}} if item else {}
        meeting = meetings.save_report(meeting, acting_user=people.coordinator, version=0, texts=texts)
        meetings.share_report(meeting, acting_user=people.coordinator)
    pk = family.pk
    assert family_reads.goals(pk) == list(
        Goal.objects.filter(trajectory=family).values("pk", "domain", "what", "translation", "reached_at")
    )
    assert family_reads.steps(pk) == list(
        Step.objects.filter(goal__trajectory=family).values("pk", "goal_id", "text", "owner", "deadline", "done_at")
    )
    assert family_reads.domains(pk) == list(
        DomainEntry.objects.filter(trajectory=family, skipped=False).values(
            "pk", "domain", "own_label", "goes_well", "less_well", "help_needed"
        )
    )
    assert family_reads.actors(pk) == list(Actor.objects.filter(trajectory=family).values("domain_id", "name", "kind"))
    shared = list(
        Meeting.objects.filter(trajectory=family, report_shared_at__isnull=False).values(
            "pk", "starts_at", "family_confirmed_at", "family_correction"
        )
    )
    assert family_reads.shared_meetings(pk) == shared and len(shared) == 1
    assert shared[0]["starts_at"].tzinfo is not None
    first = shared[0]["pk"]
    assert family_reads.agenda(first) == list(
        AgendaItem.objects.filter(meeting_id=first).values("title", "said", "decided")
    )
    assert any(step["deadline"] == date(2026, 12, 24) for step in family_reads.steps(pk))


def test_the_link_is_found_with_its_trajectory_as_the_orm_would(people):
    family = make_family(people.group_a, people.coordinator)
    services.set_bridge_figure(family, people.coordinator, acting_user=people.coordinator)
    made, token, _code = family_links.make_link(family, acting_user=people.coordinator, language="ps")
    found = family_links.find_link(token)
    stored = FamilyLink.objects.select_related("trajectory").get(pk=made.pk)
    fields = [f.attname for f in FamilyLink._meta.concrete_fields]
    assert [getattr(found, f) for f in fields] == [getattr(stored, f) for f in fields]
    plain = ["id", "organisation_id", "status", "bridge_figure_id", "created_at"]
    assert [getattr(found.trajectory, f) for f in plain] == [getattr(stored.trajectory, f) for f in plain]
    assert found.trajectory.pseudonym == stored.trajectory.pseudonym  # deferred: read when asked
    assert family_links.find_link("x" * 65) is None and family_links.find_link("unknown") is None
    family_links.revoke_links(family, acting_user=people.coordinator)
    assert family_links.find_link(token) is None


def test_the_familys_own_reading_is_recorded_once_per_session(people, client):
    from core.models import AuditEvent

    family = make_family(people.group_a, people.coordinator)
    url = _open(client, family, people, "so")
    for path in (url, url, f"{url}?gelezen=1", url):
        assert client.get(path).status_code == 200
    own = AuditEvent.objects.filter(action="family.read", part="family-view", actor_role="person")
    assert own.count() == 1
    other = Client()
    second = _open(other, family, people, "so")  # a new link, a new session: recorded again
    other.get(second)
    other.get(second)
    assert own.count() == 2


def test_a_goal_stays_in_its_words_with_the_translation_a_volunteer_added_under_it(people, client):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    goal = family.goals.first()
    assert goal is not None
    response = people.client("coordinator").post(
        f"/gezinnen/{family.pk}/handelingsplan/{goal.pk}/",
        {"action": "save", "domain": goal.domain, "what": goal.what, "translation": "نريد بيتًا أكبر"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.translation == "نريد بيتًا أكبر"
    assert goal.revisions.count() == 1  # the change is kept in the goal's history
    html = client.get(_open(client, family, people, language="ar")).content.decode()
    original = html.index(str(goal.what))
    translated = html.index("نريد بيتًا أكبر")
    assert original < translated  # under the goal as it was written
    assert re.search(r'<p class="govuk-body" lang="ar">[^<]*(<bdi>)?نريد بيتًا أكبر', html)
