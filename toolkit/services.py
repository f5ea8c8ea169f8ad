"""Writes to the Toolkit. Every page save goes through ``save_page`` so the rendered HTML,
the table of contents and the search index never drift from the Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from . import search
from .models import Chapter, GlossaryTerm, Page, Tag, TagKind
from .rendering import render

# Slugs taken by the Toolkit's own pages (/toolkit/zoeken/, /toolkit/woordenlijst/).
RESERVED_SLUGS = frozenset({"zoeken", "woordenlijst"})


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
    life_domains: Iterable[str] | None = None,
    people: Iterable[str] | None = None,
    related: Iterable[Page] | None = None,
) -> Page:
    """Render the Markdown, save the page with its tags and related pages, update the index."""
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
    search.index_page(page)
    return page


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
def delete_page(page: Page) -> None:
    pk = page.pk
    page.delete()
    search.unindex_page(pk)


@transaction.atomic
def delete_term(term: GlossaryTerm) -> None:
    pk = term.pk
    term.delete()
    search.unindex_term(pk)
