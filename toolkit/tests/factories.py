"""Toolkit pages and glossary terms for tests, saved through the real services."""

from __future__ import annotations

from datetime import date

from toolkit import services
from toolkit.models import GlossaryTerm, Page


def make_page(
    title: str,
    body: str = "Een korte tekst.",
    *,
    visibility: str = "public",
    chapter: str = "homework",
    life_domains: list[str] | None = None,
    people: list[str] | None = None,
    related: list[Page] | None = None,
    last_checked: date | None = date(2026, 10, 1),
    summary: str = "",
) -> Page:
    page = Page(
        title=title, body=body, visibility=visibility, chapter=chapter, last_checked=last_checked, summary=summary
    )
    return services.save_page(page, life_domains=life_domains or [], people=people or [], related=related)


def make_term(term: str, explanation: str, *, avoid: str = "", **fields) -> GlossaryTerm:
    return services.save_term(GlossaryTerm(term=term, explanation=explanation, avoid=avoid, **fields))


def make_suggestion(page: Page, author, *, body: str | None = None, message: str = "Bijgewerkt", base=None):
    """A member's suggestion through the real service (based on the current version unless ``base``)."""
    revision = base or page.current_revision()
    assert revision is not None
    return services.propose_edit(
        page,
        author=author,
        base_revision_id=revision.pk,
        title=page.title,
        body=body if body is not None else page.body + "\n\nEen extra zin.",
        message=message,
    )
