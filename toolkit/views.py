from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.access import PUBLIC, access

from . import search as toolkit_search
from . import services
from .access import get_page_for, reads_members_only
from .forms import SearchForm
from .models import GlossaryTerm


@access(PUBLIC)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The Toolkit's chapters; visitors see the public pages, members see every page."""
    context = {
        "chapters": services.chapters_for(request.user),
        "members": reads_members_only(request.user),
        "form": SearchForm(),
    }
    return render(request, "toolkit/index.html", context)


@access(PUBLIC)
@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    related = page.related.visible_to(request.user).only("title", "slug", "summary")  # type: ignore[attr-defined]
    return render(request, "toolkit/page.html", {"page": page, "related": related, "tags": page.tags.all()})


@access(PUBLIC)
@require_GET
def print_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page_for(request.user, slug)
    return render(request, "toolkit/print.html", {"page": page})


@access(PUBLIC)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results, message = None, ""
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            try:
                results = toolkit_search.search(
                    data["q"], user=request.user, life_domain=data["domain"], people=data["people"]
                )
            except toolkit_search.QueryError as exc:
                message = str(exc)
        else:
            message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, "toolkit/search.html", {"form": form, "results": results, "message": message})


@access(PUBLIC)
@require_GET
def glossary(request: HttpRequest) -> HttpResponse:
    language = get_language() or "nl"
    entries = [(t, *t.translated(language)) for t in GlossaryTerm.objects.all()]
    return render(request, "toolkit/glossary.html", {"entries": entries, "language": language})
