"""The Toolkit's rows of the access matrix (core/tests/roles.py explains the format).

Members-only pages and the network's questions are for people of a member group, the
editors and the secretariat; never for visitors, nor for a person of a group that left the
network (FORMER)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from core.tests.roles import (
    EDITOR,
    EDITORS,
    FORMER,
    GUEST,
    MEMBERS,
    POLICY,
    PUBLIC,
    SEC,
    VOL,
    V,
    allowed_or,
    logged_in,
    row,
)
from toolkit import services as toolkit_services
from toolkit.models import Attachment, Checklist, Synonym
from toolkit.tests.factories import make_page, make_suggestion

# A members-only page (or its file): hidden (404) from whoever may not read it.
# A guest professional (decision 0024) is in no group: like a former member, it never learns the page exists;
# nor does a policy recipient's account (decision 0026).
MEMBERS_ONLY_PAGE = {**allowed_or(MEMBERS, 200), V: 404, FORMER: 404, GUEST: 404, POLICY: 404}
# Editors' actions (POST only): editors and the secretariat act (302), everyone else is refused.
EDITOR_ACTION_GET = {**logged_in(403), EDITOR: 405, SEC: 405}
EDITOR_ACTION_POST = {**logged_in(403), EDITOR: 302, SEC: 302}
# A member's action (POST only) on a page or a question.
MEMBER_ACTION_GET = allowed_or(MEMBERS, 405)


def urls(people) -> dict:
    members_page = make_page("Alleen voor leden", visibility="members")
    public_page = make_page("Voor iedereen", visibility="public")
    suggestion = make_suggestion(public_page, people.volunteer)
    question = toolkit_services.ask_question(
        author=people.volunteer, title="Waar vind ik een huurwaarborg?", body="", life_domain="housing"
    )
    answer = toolkit_services.answer_question(question, author=people.outsider, body="Bij het OCMW.")
    Checklist.objects.create(title="Huiswerk", slug="huiswerk")
    synonym = Synonym.objects.create(term="groeipakket", synonyms="kindergeld")
    attachment = Attachment(
        page=members_page, title="Dia's", kind="pdf", content_type="application/pdf", extension=".pdf", size=9
    )
    attachment.file.save("dias.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    members, public = members_page.slug, public_page.slug
    return {
        "api:search": row("/api/v1/search?q=leden", PUBLIC),
        "toolkit:index": row("/toolkit/", PUBLIC),
        "toolkit:search": row("/toolkit/zoeken/?q=leden", PUBLIC),
        "toolkit:glossary": row("/toolkit/woordenlijst/", PUBLIC),
        "toolkit:page": row(f"/toolkit/{members}/", MEMBERS_ONLY_PAGE),
        "toolkit:print": row(f"/toolkit/{public}/afdrukken/", PUBLIC),
        "toolkit:pdf": row(f"/toolkit/{members}/pdf/", MEMBERS_ONLY_PAGE),
        "toolkit:history": row(f"/toolkit/{public}/geschiedenis/", PUBLIC),
        "toolkit:revision": row(f"/toolkit/{members}/geschiedenis/1/", MEMBERS_ONLY_PAGE),
        "toolkit:compare": row(f"/toolkit/{public}/geschiedenis/vergelijken/?van=1&naar=1", PUBLIC),
        "toolkit:restore": row(f"/toolkit/{public}/geschiedenis/1/terugzetten/", EDITOR_ACTION_GET, EDITOR_ACTION_POST),
        "toolkit:mark_checked": row(f"/toolkit/{public}/nagekeken/", EDITOR_ACTION_GET, EDITOR_ACTION_POST),
        # An empty suggestion comes back with its errors.
        "toolkit:propose": row(f"/toolkit/{members}/voorstellen/", MEMBERS, MEMBERS),
        "toolkit:suggestions": row("/toolkit/voorstellen/", EDITORS),
        # The editors' synonyms for the search (an empty post shows the form again).
        "toolkit:synonyms": row("/toolkit/synoniemen/", EDITORS, EDITORS),
        "toolkit:synonym": row(f"/toolkit/synoniemen/{synonym.pk}/", EDITORS, EDITORS),
        # The author (A's volunteer) discusses the suggestion but may not decide it (403); other
        # members do not find it (404). An empty decision comes back with a message (200).
        "toolkit:review": row(
            f"/toolkit/voorstellen/{suggestion.pk}/",
            {**allowed_or(MEMBERS, 404), VOL: 200, EDITOR: 200, SEC: 200},
            {**allowed_or(MEMBERS, 404), VOL: 403, EDITOR: 200, SEC: 200},
        ),
        "toolkit:checklist": row("/toolkit/checklists/huiswerk/", PUBLIC),
        "toolkit:checklist_text": row("/toolkit/checklists/huiswerk/tekst/", PUBLIC),
        # An empty POST shows the empty upload form (200).
        "toolkit:attachments": row(f"/toolkit/{public}/bijlagen/", EDITORS, EDITORS),
        "toolkit:attachment": row(f"/toolkit/bijlagen/{attachment.pk}/", MEMBERS_ONLY_PAGE),
        "toolkit:delete_attachment": row(
            f"/toolkit/bijlagen/{attachment.pk}/verwijderen/", EDITOR_ACTION_GET, EDITOR_ACTION_POST
        ),
        "toolkit:expert": row(f"/toolkit/{public}/expert/", MEMBER_ACTION_GET, allowed_or(MEMBERS, 302)),
        "toolkit:questions": row("/toolkit/vragen/", MEMBERS),
        "toolkit:ask": row("/toolkit/vragen/nieuw/", MEMBERS, MEMBERS),
        "toolkit:question": row(f"/toolkit/vragen/{question.pk}/", MEMBERS),
        # An empty answer comes back with its error (400).
        "toolkit:answer": row(
            f"/toolkit/vragen/{question.pk}/antwoorden/", MEMBER_ACTION_GET, allowed_or(MEMBERS, 400)
        ),
        "toolkit:follow": row(f"/toolkit/vragen/{question.pk}/volgen/", MEMBER_ACTION_GET, allowed_or(MEMBERS, 302)),
        # Only the asker (A's volunteer) marks the answer that helped.
        "toolkit:accept_answer": row(
            f"/toolkit/vragen/antwoorden/{answer.pk}/geholpen/",
            MEMBER_ACTION_GET,
            {**allowed_or(MEMBERS, 403), VOL: 302},
        ),
        "toolkit:link_answer": row(
            f"/toolkit/vragen/antwoorden/{answer.pk}/koppelen/", EDITOR_ACTION_GET, EDITOR_ACTION_POST
        ),
    }
