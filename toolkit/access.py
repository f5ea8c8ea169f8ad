"""Who may read and edit the Toolkit. Deny by default; 404 for missing and hidden alike.

- Everyone reads public pages and the glossary.
- Members-only pages: any member with rights (of a group that is a member of the network),
  a Toolkit editor, the secretariat.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.access import Policy

from .models import Answer, Attachment, Checklist, EditSuggestion, Page, Question


def reads_members_only(user) -> bool:
    """Named check: the user may read members-only pages, questions and answers: a member
    with rights (``User.member_organisation_ids``: not of a group that left), an editor or
    the secretariat."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_secretariat or user.is_editor or user.has_member_rights())


def edits_toolkit(user) -> bool:
    """Named check: the user publishes Toolkit changes (an editor or the secretariat)."""
    return bool(user.is_authenticated and user.is_active and (user.is_editor or user.is_secretariat))


def get_page_for(user, slug: str) -> Page:
    """The page if the user may read it; 404 for a missing and a hidden page alike."""
    page = Page.objects.visible_to(user).filter(slug=slug).prefetch_related("tags").first()
    if page is None:
        raise Http404
    return page


MEMBER = Policy("toolkit member", reads_members_only)
EDITOR = Policy("toolkit editor", edits_toolkit)


def get_suggestion_for(user, pk: int, *, decide: bool = False) -> EditSuggestion:
    """A suggestion for the editors and for its author to discuss; 404 for anyone else and
    for a missing one; 403 when the author asks to ``decide`` (publish or decline) it."""
    suggestion = (
        EditSuggestion.objects.select_related("page", "base_revision", "author", "decided_by").filter(pk=pk).first()
    )
    if suggestion is None or not (edits_toolkit(user) or suggestion.author_id == user.pk):
        raise Http404
    if decide and not edits_toolkit(user):
        raise PermissionDenied
    return suggestion


def get_question_for(user, pk: int) -> Question:
    """A question for a member; 404 for a missing one and for anyone who is not a member."""
    question = Question.objects.visible_to(user).select_related("author", "accepted_answer").filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def get_answer_for(user, pk: int) -> Answer:
    """An answer for a member (who may read its question); 404 otherwise."""
    answer = (
        Answer.objects.filter(question__in=Question.objects.visible_to(user))
        .select_related("question", "author")
        .filter(pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    return answer


def asked(user, question: Question) -> bool:
    """Named check: the user asked this question (and so marks the answer that helped)."""
    return bool(user.is_authenticated and question.author_id == user.pk)


def get_checklist_for(user, slug: str) -> tuple[Checklist, list]:
    """A checklist (public) and its items; an item's page is kept only when the user may read
    it, so a visitor never gets a link to a members-only page. 404 for a missing checklist."""
    checklist = Checklist.objects.filter(slug=slug).first()
    if checklist is None:
        raise Http404
    members = reads_members_only(user)
    items = list(
        checklist.items.select_related("page").only(
            "position", "text", "deadline", "page__title", "page__slug", "page__visibility", "checklist_id"
        )
    )
    for item in items:
        if item.page is not None and not (members or item.page.is_public):
            item.page = None
    return checklist, items


def get_attachment_for(user, pk: int) -> Attachment:
    """An attachment of a page the user may read; 404 for a missing one and a hidden page alike."""
    attachment = (
        Attachment.objects.filter(page__in=Page.objects.visible_to(user)).select_related("page").filter(pk=pk).first()
    )
    if attachment is None:
        raise Http404
    return attachment
