from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import PUBLIC, access
from core.errors import ServiceError
from core.inputs import parse_id, parse_page
from core.pagination import paginate

from . import search as toolkit_search
from . import services
from .access import (
    EDITOR,
    MEMBER,
    asked,
    edits_toolkit,
    get_answer_for,
    get_attachment_for,
    get_checklist_for,
    get_page_for,
    get_question_for,
    get_suggestion_for,
    reads_members_only,
)
from .diff import line_diff
from .forms import (
    AnswerForm,
    AttachmentForm,
    CommentForm,
    CompareForm,
    LinkAnswerForm,
    QuestionForm,
    ReviewForm,
    SearchForm,
    SuggestionForm,
    SynonymForm,
)
from .models import (
    LIFE_DOMAINS,
    Answer,
    Checklist,
    EditSuggestion,
    GlossaryTerm,
    Page,
    Question,
    QuestionFollow,
    SuggestionStatus,
    Synonym,
)
from .pdf import html_to_pdf


@access(PUBLIC)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The Toolkit's chapters; visitors see the public pages, members see every page."""
    context = {
        "chapters": services.chapters_for(request.user),
        "members": reads_members_only(request.user),
        "form": SearchForm(),
        "checklists": Checklist.objects.only("title", "slug"),
        "open_suggestions": EditSuggestion.objects.filter(status=SuggestionStatus.OPEN).count()
        if edits_toolkit(request.user)
        else None,
    }
    return render(request, "toolkit/index.html", context)


@access(PUBLIC)
@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    related = page.related.visible_to(request.user).only("title", "slug", "summary")  # type: ignore[attr-defined]
    context = {
        "page": page,
        "related": related,
        "tags": page.tags.all(),
        "can_propose": reads_members_only(request.user),
        "glossary_terms": services.glossary_terms_in(page),
        "attachments": page.attachments.only("title", "kind", "size", "page_id"),
        "experts": page.experts.select_related("user").prefetch_related("user__memberships__organisation")
        if reads_members_only(request.user)
        else (),
        "is_expert": page.experts.filter(user_id=request.user.pk or 0).exists()
        if reads_members_only(request.user)
        else False,
        "can_edit": edits_toolkit(request.user),
        "network_answers": page.network_answers.select_related("question").order_by("created_at")
        if reads_members_only(request.user)
        else (),
    }
    return render(request, "toolkit/page.html", context)


@access(PUBLIC)
@require_GET
def print_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    return render(request, "toolkit/print.html", {"page": page})


@access(PUBLIC)
@require_GET
def pdf_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The print version as a PDF file (WeasyPrint)."""
    page = get_page_for(request.user, slug)
    html = render_to_string("toolkit/print.html", {"page": page, "pdf": True}, request=request)
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.pdf"'
    return response


SEARCH_PAGE_SIZE = 20  # passages are made for the shown results only
SEARCH_PAGES = -(-toolkit_search.MAX_RESULTS // SEARCH_PAGE_SIZE)


@access(PUBLIC)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results, message, page = None, "", None
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            number = min(parse_page(request.GET.get("page")), SEARCH_PAGES)
            query = {
                "user": request.user,
                "life_domain": data["domain"],
                "people": data["people"],
                "kind": data["type"],
            }
            try:
                results = toolkit_search.search(
                    data["q"], start=(number - 1) * SEARCH_PAGE_SIZE, size=SEARCH_PAGE_SIZE, **query
                )
                page = Paginator(range(results.total), SEARCH_PAGE_SIZE).get_page(number)
                if page.number != number:  # past the last page: show the last one
                    results = toolkit_search.search(
                        data["q"], start=page.start_index() - 1, size=SEARCH_PAGE_SIZE, **query
                    )
            except toolkit_search.QueryError as exc:
                message = str(exc)
        else:
            message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    context: dict[str, object] = {"form": form, "results": results, "message": message, "page": page}
    if results is not None and not results.hits:
        # Nothing at all: ask the network, with the question filled in (members), or log in to.
        context["ask_url"] = reverse("toolkit:ask") + "?" + urlencode({"title": results.query[:200]})
        context["can_ask"] = reads_members_only(request.user)
        context["login_url"] = reverse("accounts:login") + "?" + urlencode({"next": context["ask_url"]})
    return render(request, "toolkit/search.html", context)


@access(PUBLIC)
@require_GET
def glossary(request: HttpRequest) -> HttpResponse:
    language = get_language() or "nl"
    entries = [(t, *t.translated(language)) for t in GlossaryTerm.objects.all()]
    return render(request, "toolkit/glossary.html", {"entries": entries, "language": language})


# ---------------------------------------------------------------- keeping the Toolkit current


@access(PUBLIC)
@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every published version of a page, newest first, with what changed."""
    page = get_page_for(request.user, slug)
    revisions = paginate(request, page.revisions.select_related("author").order_by("-number"), per_page=25)
    numbers = list(page.revisions.order_by("-number").values_list("number", flat=True))
    context = {
        "page": page,
        "revisions": revisions,
        "show_authors": reads_members_only(request.user),
        "compare_form": CompareForm(numbers=numbers) if len(numbers) > 1 else None,
    }
    return render(request, "toolkit/history.html", context)


@access(PUBLIC)
@require_GET
def revision(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One version of a page and what it changed compared with the version before."""
    page = get_page_for(request.user, slug)
    versions = list(page.revisions.select_related("author").filter(number__in=[number - 1, number]))
    this = next((r for r in versions if r.number == number), None)
    if this is None:
        raise Http404
    before = next((r for r in versions if r.number == number - 1), None)
    current = page.current_revision()
    context = {
        "page": page,
        "revision": this,
        "before": before,
        "diff": line_diff(before.body if before else "", this.body),
        "show_authors": reads_members_only(request.user),
        "current": current,
        "can_restore": edits_toolkit(request.user) and current is not None and current.number != this.number,
    }
    return render(request, "toolkit/revision.html", context)


@access(PUBLIC)
@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Any two versions of a page side by side as a diff (?van=2&naar=5)."""
    page = get_page_for(request.user, slug)
    numbers = list(page.revisions.order_by("-number").values_list("number", flat=True))
    form = CompareForm(request.GET, numbers=numbers)
    context: dict = {"page": page, "form": form}
    if not form.is_valid():
        return render(request, "toolkit/compare.html", context, status=400)
    versions = {
        r.number: r for r in page.revisions.filter(number__in=[form.cleaned_data["van"], form.cleaned_data["naar"]])
    }
    old, new = versions[form.cleaned_data["van"]], versions[form.cleaned_data["naar"]]
    context.update({"old": old, "new": new, "diff": line_diff(old.body, new.body)})
    return render(request, "toolkit/compare.html", context)


@access(EDITOR)
@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    page = get_page_for(request.user, slug)
    revision = page.revisions.filter(number=number).first()
    if revision is None:
        raise Http404
    seen = parse_id(request.POST.get("current"))
    try:
        services.restore_revision(page, revision, editor=request.user, seen_revision_id=seen)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("toolkit:revision", slug=page.slug, number=number)
    messages.success(request, _("The version has been restored as the newest version."))
    return redirect(page.get_absolute_url())


@access(EDITOR)
@require_POST
def mark_checked(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    services.mark_checked(page, acting_user=request.user)
    messages.success(request, _("The page is marked as checked today."))
    return redirect(page.get_absolute_url())


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    current = page.current_revision()
    initial = {"title": page.title, "body": page.body, "base_revision": current.pk if current else None}
    form = SuggestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.propose_edit(
                page,
                author=request.user,
                base_revision_id=data["base_revision"],
                title=data["title"],
                body=data["body"],
                message=data["message"],
            )
        except services.Conflict as conflict:
            # Keep what the member typed; start it again from the newest version.
            form = SuggestionForm(initial={**data, "base_revision": conflict.current.pk})
            context = {"page": page, "form": form, "current": conflict.current, "theirs": data["body"]}
            context["diff"] = line_diff(conflict.current.body, data["body"])
            return render(request, "toolkit/propose_conflict.html", context, status=409)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. An editor will look at your suggestion."))
            return redirect(page.get_absolute_url())
    return render(request, "toolkit/propose.html", {"page": page, "form": form})


@access(EDITOR)
@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", SuggestionStatus.OPEN)
    if status not in SuggestionStatus.values:
        status = SuggestionStatus.OPEN
    items = EditSuggestion.objects.filter(status=status).select_related("page", "author").order_by("-created_at")
    context = {
        "page_obj": paginate(request, items),
        "status": status,
        "statuses": SuggestionStatus.choices,
        "stale": services.stale_pages().only("title", "slug", "last_checked"),
    }
    return render(request, "toolkit/suggestions.html", context)


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def synonyms(request: HttpRequest) -> HttpResponse:
    """The editors' synonyms: words people type for the words the Toolkit uses. The search
    finds every word of a line for any of them."""
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        synonym = services.save_synonym(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The synonyms of “%(term)s” are saved.") % {"term": synonym.term})
        return redirect("toolkit:synonyms")
    context = {"form": form, "page_obj": paginate(request, Synonym.objects.all(), per_page=50)}
    return render(request, "toolkit/synonyms.html", context, status=400 if form.errors else 200)


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def synonym(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or delete one line of synonyms."""
    synonym = Synonym.objects.filter(pk=pk).first()
    if synonym is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.delete_synonym(synonym, acting_user=request.user)
        messages.success(request, _("The synonyms of “%(term)s” are deleted.") % {"term": synonym.term})
        return redirect("toolkit:synonyms")
    form = SynonymForm(request.POST or None, instance=synonym)
    if request.method == "POST" and form.is_valid():
        services.save_synonym(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The synonyms of “%(term)s” are saved.") % {"term": synonym.term})
        return redirect("toolkit:synonyms")
    context = {"form": form, "synonym": synonym}
    return render(request, "toolkit/synonym.html", context, status=400 if form.errors else 200)


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors review and decide; the suggestion's author and the editors discuss it here."""
    action = request.POST.get("action")
    suggestion = get_suggestion_for(request.user, pk, decide=request.method == "POST" and action != "comment")
    is_comment = request.method == "POST" and action == "comment"
    comment_form = CommentForm(request.POST if is_comment else None)
    if is_comment and comment_form.is_valid():
        services.comment_on_suggestion(suggestion, author=request.user, text=comment_form.cleaned_data["comment"])
        messages.success(request, _("Your message has been added to the discussion."))
        return redirect("toolkit:review", pk=suggestion.pk)
    form = ReviewForm(request.POST if request.method == "POST" and not is_comment else None)
    conflict = None
    if request.method == "POST" and not is_comment and form.is_valid():
        note, action = form.cleaned_data["note"], request.POST.get("action")
        try:
            if action == "accept":
                overwrite = request.POST.get("overwrite") == str(suggestion.page.current_revision().pk)  # type: ignore[union-attr]
                services.accept_suggestion(suggestion, editor=request.user, note=note, overwrite=overwrite)
                messages.success(request, _("The suggestion has been published."))
                return redirect(suggestion.page.get_absolute_url())
            if action == "decline":
                services.decline_suggestion(suggestion, editor=request.user, note=note)
                messages.success(request, _("The suggestion has been declined."))
                return redirect("toolkit:suggestions")
            form.add_error(None, _("Choose to publish or to decline the suggestion."))
        except services.Conflict as exc:
            conflict = exc
        except ServiceError as exc:
            form.add_error(None, str(exc))
    current = suggestion.page.current_revision()
    stale = current is not None and current.pk != suggestion.base_revision_id
    context = {
        "suggestion": suggestion,
        "form": form,
        "current": current,
        "stale": stale,
        "conflict": conflict,
        "diff": line_diff(suggestion.base_revision.body, suggestion.body),
        "title_changed": suggestion.title != suggestion.base_revision.title,
        "since_diff": line_diff(suggestion.base_revision.body, current.body) if stale and current else None,
        "comments": suggestion.comments.select_related("author"),
        "comment_form": comment_form,
        "can_decide": edits_toolkit(request.user),
    }
    return render(request, "toolkit/review.html", context, status=409 if conflict else 200)


# ---------------------------------------------------------------- ask the network


@access(MEMBER)
@require_GET
def questions(request: HttpRequest) -> HttpResponse:
    """The network's questions, newest first, optionally for one life domain."""
    domain = request.GET.get("domain", "")
    items = Question.objects.visible_to(request.user).select_related("author", "accepted_answer")
    if domain in LIFE_DOMAINS:
        items = items.filter(life_domain=domain)
    else:
        domain = ""
    items = items.annotate(answer_count=Count("answers")).order_by("-created_at", "-pk")
    context = {"page_obj": paginate(request, items), "domain": domain, "domains": LIFE_DOMAINS.items()}
    return render(request, "toolkit/questions.html", context)


@access(MEMBER)
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """Ask the network; ``?title=`` fills in the question (from a search that found nothing)."""
    form = QuestionForm(request.POST or None, initial={"title": request.GET.get("title", "")[:200]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = services.ask_question(
            author=request.user, title=data["title"], body=data["body"], life_domain=data["life_domain"]
        )
        messages.success(request, _("Your question is online. You will get an e-mail when someone answers."))
        return redirect(question.get_absolute_url())
    return render(request, "toolkit/ask.html", {"form": form})


@access(MEMBER)
@require_GET
def question(request: HttpRequest, pk: int) -> HttpResponse:
    return _question_page(request, get_question_for(request.user, pk), AnswerForm())


def _question_page(request: HttpRequest, question: Question, form: AnswerForm, status: int = 200) -> HttpResponse:
    context = {
        "question": question,
        "answers": question.answers.select_related("author", "linked_page"),
        "form": form,
        "is_asker": asked(request.user, question),
        "following": QuestionFollow.objects.filter(question=question, user_id=request.user.pk or 0).exists(),
        "link_pages": list(Page.objects.only("pk", "title")) if edits_toolkit(request.user) else None,
    }
    return render(request, "toolkit/question.html", context, status=status)


@access(MEMBER)
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_question_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(question, author=request.user, body=form.cleaned_data["body"])
        except ServiceError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(question.get_absolute_url())
    return _question_page(request, question, form, status=400)


@access(MEMBER)
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_question_for(request.user, pk)
    on = request.POST.get("follow") == "1"
    services.follow(question, request.user, on=on)
    messages.success(request, _("You follow this question.") if on else _("You no longer follow this question."))
    return redirect(question.get_absolute_url())


@access(MEMBER)
@require_POST
def accept_answer(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer_for(request.user, pk)
    if not asked(request.user, answer.question):
        raise PermissionDenied
    services.accept_answer(answer, user=request.user)
    return redirect(answer.get_absolute_url())


@access(EDITOR)
@require_POST
def link_answer(request: HttpRequest, pk: int) -> HttpResponse:
    answer: Answer = get_answer_for(request.user, pk)
    form = LinkAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a Toolkit page from the list."))
        return redirect(answer.get_absolute_url())
    services.link_answer(answer, form.cleaned_data["page"], acting_user=request.user)
    messages.success(request, _("The link has been saved."))
    return redirect(answer.get_absolute_url())


# ---------------------------------------------------------------- checklists


@access(PUBLIC)
@require_GET
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    """A checklist with its typical deadlines and Toolkit pages; prints without the site's menus."""
    checklist, items = get_checklist_for(request.user, slug)
    return render(request, "toolkit/checklist.html", {"checklist": checklist, "items": items})


@access(PUBLIC)
@require_GET
def checklist_text(request: HttpRequest, slug: str) -> HttpResponse:
    """The same checklist as plain text, to paste into an e-mail or a message."""
    checklist, items = get_checklist_for(request.user, slug)
    context = {"checklist": checklist, "items": items, "site": request.build_absolute_uri("/").rstrip("/")}
    return render(request, "toolkit/checklist.txt", context, content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------- attachments and experts


@access(EDITOR)
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors add files to a page (checked by size and by their first bytes) and remove them."""
    page = get_page_for(request.user, slug)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_attachment(
            page, upload=form.cleaned_data["file"], title=form.cleaned_data["title"], user=request.user
        )
        messages.success(request, _("The file has been added to the page."))
        return redirect("toolkit:attachments", slug=page.slug)
    context = {"page": page, "form": form, "attachments": page.attachments.all()}
    return render(request, "toolkit/attachments.html", context, status=400 if form.errors else 200)


@access(PUBLIC)
@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A page's file, for whoever may read the page. Images open in the browser, other files download."""
    item = get_attachment_for(request.user, pk)
    if not item.file.name or not item.file.storage.exists(item.file.name):
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=item.kind != "image",
        filename=f"{slugify(item.title) or 'bijlage'}{item.extension}",
        content_type=item.content_type,
    )


@access(EDITOR)
@require_POST
def delete_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_attachment_for(request.user, pk)
    services.delete_attachment(item, acting_user=request.user)
    messages.success(request, _("The file has been removed."))
    return redirect("toolkit:attachments", slug=item.page.slug)


@access(MEMBER)
@require_POST
def expert(request: HttpRequest, slug: str) -> HttpResponse:
    """A member marks (or unmarks) this topic as one they know well."""
    page = get_page_for(request.user, slug)
    on = request.POST.get("expert") == "1"
    services.set_expert(page, request.user, on=on)
    messages.success(
        request,
        _("Other members now see that you know this topic.") if on else _("You are no longer listed for this topic."),
    )
    return redirect(page.get_absolute_url())
