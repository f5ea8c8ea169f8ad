"""Writes to the Toolkit. Every page save goes through ``save_page`` so the rendered HTML,
the table of contents and the search index never drift from the Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from core.transitions import Transitions

from . import search
from .models import (
    Answer,
    Attachment,
    Chapter,
    DigestState,
    EditSuggestion,
    Expertise,
    GlossaryTerm,
    Page,
    PageRevision,
    Question,
    QuestionFollow,
    SuggestionComment,
    SuggestionStatus,
    Synonym,
    Tag,
    TagKind,
)
from .rendering import render

# A member's suggestion: open until an editor publishes or declines it.
SUGGESTION = Transitions(
    SuggestionStatus,
    {SuggestionStatus.OPEN: {SuggestionStatus.ACCEPTED, SuggestionStatus.DECLINED}},
    refused=gettext_lazy("This suggestion has already been handled."),
)

# Slugs taken by the Toolkit's own pages (/toolkit/zoeken/, /toolkit/woordenlijst/, ...).
RESERVED_SLUGS = frozenset({"zoeken", "woordenlijst", "voorstellen", "vragen", "checklists", "bijlagen", "synoniemen"})


class Conflict(ServiceError):
    """The page was published again after the version a suggestion started from."""

    def __init__(self, current: PageRevision, base: PageRevision) -> None:
        super().__init__(_("The page has changed since this suggestion was written."))
        self.current, self.base = current, base


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:190] or "pagina"
    slug, n = base, 2
    others = Page.objects.exclude(pk=exclude_pk) if exclude_pk else Page.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_page(
    page: Page,
    *,
    author=None,
    message: str = "",
    life_domains: Iterable[str] | None = None,
    people: Iterable[str] | None = None,
    related: Iterable[Page] | None = None,
) -> Page:
    """Render the Markdown, save the page with its tags and related pages, record the
    revision when the title or text changed, and update the search index."""
    rendered = render(page.body)
    page.body_html, page.body_text, page.toc = rendered.html, rendered.text, rendered.toc
    if not page.slug or page.slug in RESERVED_SLUGS:
        page.slug = unique_slug(page.title, exclude_pk=page.pk)
    page.save()
    if life_domains is not None or people is not None:
        wanted = [(TagKind.LIFE_DOMAIN, code) for code in life_domains or []]
        wanted += [(TagKind.PEOPLE, code) for code in people or []]
        page.tags.set([t for t in Tag.objects.all() if (t.kind, t.code) in wanted])
    if related is not None:
        page.related.set([p for p in related if p.pk != page.pk])
    _record_revision(page, author=author, message=message)
    search.index_page(page)
    return page


def refresh_rendering(page: Page) -> bool:
    """Render a page again (after a change to the renderer); saves only when the output changed."""
    rendered = render(page.body)
    if (page.body_html, page.body_text, page.toc) == (rendered.html, rendered.text, rendered.toc):
        return False
    page.body_html, page.body_text, page.toc = rendered.html, rendered.text, rendered.toc
    page.save(update_fields=["body_html", "body_text", "toc", "updated_at"])
    search.index_page(page)
    return True


def _record_revision(page: Page, *, author, message: str) -> PageRevision:
    latest = page.current_revision()
    if latest is not None and (latest.title, latest.body) == (page.title, page.body):
        return latest
    return PageRevision.objects.create(
        page=page,
        number=latest.number + 1 if latest else 1,
        title=page.title,
        body=page.body,
        author=author,
        message=message[:300],
    )


def chapters_for(user) -> list[tuple[str, str, list[Page]]]:
    """The table of contents of the Toolkit for this user: (chapter, label, pages) in
    the handbook's order, chapters without visible pages left out."""
    pages = list(Page.objects.visible_to(user).only("title", "slug", "chapter", "position", "summary", "visibility"))
    out = []
    for chapter in Chapter:
        in_chapter = sorted((p for p in pages if p.chapter == chapter.value), key=lambda p: (p.position, p.title))
        if in_chapter:
            out.append((chapter.value, str(chapter.label), in_chapter))
    return out


@transaction.atomic
def save_term(term: GlossaryTerm) -> GlossaryTerm:
    """Save a glossary term and keep it findable."""
    if not term.slug:
        base, n = slugify(term.term)[:130] or "term", 2
        term.slug = base
        others = GlossaryTerm.objects.exclude(pk=term.pk) if term.pk else GlossaryTerm.objects.all()
        while others.filter(slug=term.slug).exists():
            term.slug, n = f"{base}-{n}", n + 1
    term.save()
    search.index_term(term)
    return term


@transaction.atomic
def delete_page(page: Page, *, acting_user=None) -> None:
    pk = page.pk
    audit.record("toolkit.page_deleted", actor=acting_user, obj=page)
    page.delete()
    search.unindex_page(pk)


@transaction.atomic
def delete_term(term: GlossaryTerm, *, acting_user=None) -> None:
    pk = term.pk
    audit.record("toolkit.term_deleted", actor=acting_user, obj=term)
    term.delete()
    search.unindex_term(pk)


@transaction.atomic
def save_synonym(synonym: Synonym, *, acting_user=None) -> Synonym:
    """Save the editors' synonyms of a word; the search uses them at once."""
    synonym.term = synonym.term.strip()
    synonym.synonyms = ", ".join(dict.fromkeys(synonym.synonym_list()))
    synonym.save()
    audit.record("toolkit.synonyms_saved", actor=acting_user, obj=synonym)
    search.forget_thesaurus()
    return synonym


@transaction.atomic
def delete_synonym(synonym: Synonym, *, acting_user=None) -> None:
    audit.record("toolkit.synonyms_deleted", actor=acting_user, obj=synonym)
    synonym.delete()
    search.forget_thesaurus()


# ---------------------------------------------------------------- keeping the Toolkit current


@transaction.atomic
def propose_edit(page: Page, *, author, base_revision_id: int | None, title: str, body: str, message: str):
    """A member suggests a change. Refused with ``Conflict`` when the page was published
    again after the version the member started from: nothing is ever overwritten silently."""
    current = page.current_revision()
    if current is None:
        raise ServiceError(_("This version of the page no longer exists. Reload the page and try again."))
    base = page.revisions.filter(pk=base_revision_id).first() if base_revision_id else None
    if base is None or base.pk != current.pk:
        # Started from a version that is not the newest (or not this page's at all): the member
        # compares with the newest version, keeping their text (the conflict page).
        raise Conflict(current=current, base=base or current)
    if (title.strip(), body.strip()) == (current.title.strip(), current.body.strip()):
        raise ServiceError(_("You have not changed anything yet."))
    return EditSuggestion.objects.create(
        page=page, base_revision=base, title=title.strip(), body=body, message=message.strip(), author=author
    )


@transaction.atomic
def accept_suggestion(suggestion: EditSuggestion, *, editor, note: str = "", overwrite: bool = False) -> PageRevision:
    """Publish a suggestion as the page's new revision (credited to its author). A suggestion
    written on an older revision raises ``Conflict`` unless the editor has seen both texts
    and chosen to overwrite."""
    page = Page.objects.select_for_update().get(pk=suggestion.page_id)
    suggestion = _open(suggestion)
    current = page.current_revision()
    if current is not None and current.pk != suggestion.base_revision_id and not overwrite:
        raise Conflict(current=current, base=suggestion.base_revision)
    page.title, page.body = suggestion.title, suggestion.body
    save_page(page, author=suggestion.author, message=suggestion.message)
    revision = page.current_revision()
    _decide(suggestion, SuggestionStatus.ACCEPTED, editor=editor, note=note, published=revision)
    audit.record("toolkit.suggestion_published", actor=editor, obj=suggestion, page=page.pk, overwrite=overwrite)
    return revision  # type: ignore[return-value]


@transaction.atomic
def decline_suggestion(suggestion: EditSuggestion, *, editor, note: str = "") -> EditSuggestion:
    suggestion = _open(suggestion)
    _decide(suggestion, SuggestionStatus.DECLINED, editor=editor, note=note, published=None)
    audit.record("toolkit.suggestion_declined", actor=editor, obj=suggestion, page=suggestion.page_id)
    return suggestion


@transaction.atomic
def comment_on_suggestion(suggestion: EditSuggestion, *, author, text: str) -> SuggestionComment:
    """Add to the discussion of a suggestion and tell the other side by e-mail (a link only):
    the suggestion's author when an editor writes, the editors when the author writes."""
    comment = SuggestionComment.objects.create(suggestion=suggestion, author=author, text=text.strip())
    if author.pk == suggestion.author_id:
        recipients = list(
            User.objects.filter(Q(is_editor=True) | Q(is_secretariat=True), is_active=True)
            .exclude(pk=author.pk)
            .values_list("email", flat=True)
        )
    else:
        recipients = [suggestion.author.email] if suggestion.author and suggestion.author.email else []
    url = absolute_url("toolkit:review", suggestion.pk)
    for email in recipients:
        queue_email(email, "toolkit/email/suggestion_comment", {"page_title": suggestion.page.title, "url": url})
    return comment


def _open(suggestion: EditSuggestion) -> EditSuggestion:
    """The suggestion's row, locked, while it is still open (two editors never decide twice)."""
    fresh = EditSuggestion.objects.select_for_update().select_related("base_revision").get(pk=suggestion.pk)
    if fresh.status != SuggestionStatus.OPEN:
        SUGGESTION.check(fresh.status, SuggestionStatus.ACCEPTED)  # refused, with the table's message
    return fresh


def _decide(suggestion: EditSuggestion, status: str, *, editor, note: str, published) -> None:
    """The one place a suggestion's status changes (checked against ``SUGGESTION``)."""
    SUGGESTION.check(suggestion.status, status)
    suggestion.status, suggestion.decided_by, suggestion.decided_at = status, editor, timezone.now()
    suggestion.decision_note, suggestion.published = note.strip()[:500], published
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "published"])
    author = suggestion.author
    if author is not None and author.email and author != editor:
        queue_email(
            author.email,
            "toolkit/email/suggestion_decided",
            {
                "suggestion": suggestion,
                "page_title": suggestion.page.title,
                "accepted": status == SuggestionStatus.ACCEPTED,
                "url": absolute_url("toolkit:page", suggestion.page.slug),
            },
            language=author.preferred_language,
        )


# ---------------------------------------------------------------- ask the network

DIGEST_INTERVAL = timedelta(hours=24)


@transaction.atomic
def ask_question(*, author, title: str, body: str, life_domain: str) -> Question:
    """A member asks the network; the asker follows the question from the start."""
    question = Question.objects.create(author=author, title=title.strip(), body=body.strip(), life_domain=life_domain)
    QuestionFollow.objects.get_or_create(question=question, user=author)
    search.index_question(question)
    return question


@transaction.atomic
def answer_question(question: Question, *, author, body: str) -> Answer:
    body = body.strip()
    if not body:
        raise ServiceError(_("Write an answer first."))
    answer = Answer.objects.create(question=question, author=author, body=body)
    search.index_answer(answer)
    return answer


@transaction.atomic
def accept_answer(answer: Answer, *, user) -> Question:
    """The asker marks the answer that helped (or, with the same answer again, unmarks it)."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if question.author_id != user.pk:
        raise ServiceError(_("Only the person who asked can mark the answer that helped."))
    question.accepted_answer = None if question.accepted_answer_id == answer.pk else answer
    question.save(update_fields=["accepted_answer"])
    return question


@transaction.atomic
def delete_question(question: Question, *, acting_user=None) -> None:
    """Remove a question with its answers, and from the search index."""
    pk, answer_ids = question.pk, list(question.answers.values_list("pk", flat=True))
    audit.record("toolkit.question_deleted", actor=acting_user, obj=question, answers=len(answer_ids))
    question.delete()
    search.unindex_question(pk, answer_ids)


@transaction.atomic
def delete_answer(answer: Answer, *, acting_user=None) -> None:
    pk = answer.pk
    audit.record("toolkit.answer_deleted", actor=acting_user, obj=answer, question=answer.question_id)
    answer.delete()
    search.unindex_answer(pk)


@transaction.atomic
def link_answer(answer: Answer, page: Page | None, *, acting_user=None) -> Answer:
    """An editor links a good answer into a Toolkit page (or removes the link)."""
    answer.linked_page = page
    answer.save(update_fields=["linked_page"])
    audit.record("toolkit.answer_linked", actor=acting_user, obj=answer, page=page.pk if page else None)
    return answer


def follow(question: Question, user, *, on: bool) -> None:
    if on:
        QuestionFollow.objects.get_or_create(question=question, user=user)
    else:
        QuestionFollow.objects.filter(question=question, user=user).delete()


def send_question_digests(now: datetime | None = None) -> int:
    """Send each follower one e-mail listing new answers on the questions they follow, at
    most once per 24 hours (links only). Returns the number of e-mails queued."""
    now = now or timezone.now()
    states = dict(DigestState.objects.values_list("user_id", "last_sent_at"))
    follows = QuestionFollow.objects.select_related("user", "question").filter(user__is_active=True)
    wanted: dict[int, list[tuple[QuestionFollow, datetime]]] = {}
    for f in follows:
        last = states.get(f.user_id)
        if last is not None and now - last < DIGEST_INTERVAL:
            continue
        since = max(last, f.created_at) if last else f.created_at
        wanted.setdefault(f.user_id, []).append((f, since))
    if not wanted:
        return 0
    earliest = min(since for items in wanted.values() for _f, since in items)
    question_ids = {f.question_id for items in wanted.values() for f, _s in items}
    answers = list(
        Answer.objects.filter(question_id__in=question_ids, created_at__gt=earliest, created_at__lte=now).order_by(
            "created_at"
        )
    )
    sent = 0
    for user_id, items in wanted.items():
        user = items[0][0].user
        lines = []
        for f, since in items:
            new = [
                a for a in answers if a.question_id == f.question_id and a.created_at > since and a.author_id != user_id
            ]
            if new:
                lines.append(
                    {
                        "title": f.question.title,
                        "count": len(new),
                        "url": absolute_url(f.question.get_absolute_url()),
                    }
                )
        if not lines or not user.email:
            continue
        with transaction.atomic():
            DigestState.objects.update_or_create(user_id=user_id, defaults={"last_sent_at": now})
            queue_email(
                user.email,
                "toolkit/email/question_digest",
                {"questions": lines, "url": absolute_url("toolkit:questions")},
                language=user.preferred_language,
            )
        sent += 1
    return sent


# ---------------------------------------------------------------- pages to check again

CHECK_EVERY = timedelta(days=365)


def stale_pages(today=None):
    """Pages not checked for 12 months (or never), the oldest first: flagged to the editors."""
    from django.db.models import Q

    today = today or timezone.localdate()
    cutoff = today - CHECK_EVERY
    return Page.objects.filter(Q(last_checked__lt=cutoff) | Q(last_checked__isnull=True)).order_by(
        F("last_checked").asc(nulls_first=True), "title"
    )


def notify_editors_of_stale_pages(today=None) -> int:
    """E-mail every editor (links only) the list of pages to check again. Returns e-mails queued."""
    from accounts.models import User

    pages = list(stale_pages(today).only("title", "slug", "last_checked"))
    if not pages:
        return 0
    items = [
        {"title": p.title, "last_checked": p.last_checked, "url": absolute_url(p.get_absolute_url())} for p in pages
    ]
    editors = User.objects.filter(is_active=True, is_editor=True).exclude(email="")
    for editor in editors:
        queue_email(
            editor.email,
            "toolkit/email/stale_pages",
            {"pages": items, "url": absolute_url("toolkit:suggestions")},
            language=editor.preferred_language,
        )
    return len(editors)


# ---------------------------------------------------------------- attachments and experts


@transaction.atomic
def add_attachment(page: Page, *, upload, title: str, user) -> Attachment:
    """Store a checked upload (see forms.AttachmentForm) on a page."""
    from pathlib import PurePath

    file_type = upload.file_type
    extension = PurePath(upload.name).suffix.lower()
    attachment = Attachment(
        page=page,
        title=title.strip(),
        kind=file_type.kind,
        content_type=file_type.content_type,
        extension=extension,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(f"{slugify(title)[:60] or 'bijlage'}{extension}", upload, save=False)
    attachment.save()
    audit.record("toolkit.attachment_added", actor=user, obj=attachment, page=page.pk, kind=attachment.kind)
    return attachment


@transaction.atomic
def delete_attachment(attachment: Attachment, *, acting_user=None) -> None:
    """Remove the row now and the file once the removal is committed."""
    storage, name = attachment.file.storage, attachment.file.name
    audit.record("toolkit.attachment_removed", actor=acting_user, obj=attachment, page=attachment.page_id)
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)


def set_expert(page: Page, user, *, on: bool) -> None:
    """A member says they know this topic well (or no longer)."""
    if on:
        Expertise.objects.get_or_create(page=page, user=user)
    else:
        Expertise.objects.filter(page=page, user=user).delete()


# ---------------------------------------------------------------- restoring a version


@transaction.atomic
def restore_revision(page: Page, revision: PageRevision, *, editor, seen_revision_id: int | None) -> PageRevision:
    """Publish an older version again as a new revision (the history keeps everything).
    Refused when the page changed after the version the editor looked at."""
    page = Page.objects.select_for_update().get(pk=page.pk)
    current = page.current_revision()
    if current is None or current.pk != seen_revision_id:
        raise ServiceError(_("The page has changed since you opened this version. Look at it again."))
    if (current.title, current.body) == (revision.title, revision.body):
        raise ServiceError(_("This version is already the current text."))
    page.title, page.body = revision.title, revision.body
    save_page(page, author=editor, message=_("Version %(n)s restored") % {"n": revision.number})
    audit.record("toolkit.revision_restored", actor=editor, obj=page, number=revision.number)
    return page.current_revision()  # type: ignore[return-value]


@transaction.atomic
def mark_checked(page: Page, *, today=None, acting_user=None) -> Page:
    """An editor confirms the page is still correct today."""
    page.last_checked = today or timezone.localdate()
    page.save(update_fields=["last_checked", "updated_at"])
    audit.record("toolkit.page_checked", actor=acting_user, obj=page)
    return page


def glossary_terms_in(page: Page) -> list[GlossaryTerm]:
    """The glossary terms whose term (or a word to avoid) occurs in the page's text, as whole words."""
    import re

    text = f"{page.title}\n{page.body_text}".lower()
    found = []
    for term in GlossaryTerm.objects.only("term", "slug", "avoid"):
        words = [term.term, *term.avoid_list()]
        if any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text) for w in words if len(w) >= 3):
            found.append(term)
    return found
