"""Toolkit search: the Toolkit's index on the platform's search engine (``core.search``,
decision 0008).

Four kinds of rows: pages, glossary terms, and for members the network's questions and
answers. The engine parses the query (accents, question words, synonyms), ranks each kind
among the rows the reader may see, and builds passages for the rows shown; this module says
what is indexed, who may find what, turns rows into hits, and keeps the index current:

- PostgreSQL: a stored ``search_vector`` (title A, text B, ``gastvrij_dutch``) on pages,
  questions and answers, written by ``index_page`` / ``index_question`` / ``index_answer``;
  glossary terms get a vector per query (a few hundred at most).
- SQLite: the FTS5 table ``toolkit_search`` (with ``remove_diacritics``) and its vocabulary
  view ``toolkit_search_vocab``, kept in step by the same functions.

The thesaurus (query expansion) comes from the glossary (a word to avoid, or the French or
English term, also finds the Dutch term) and from the synonyms the editors keep
(``Synonym``); it is cached until one of them changes.

Passages are escaped before the highlight marks are put in, so indexed text can never
inject HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import search as engine
from core.search import MIN_TYPO_LENGTH, START, STOP, TRIGRAM_THRESHOLD, QueryError, strip_ending  # noqa: F401

MAX_RESULTS = 50
KINDS = ("page", "term", "question", "answer")
FTS_TABLE = "toolkit_search"
THESAURUS_CACHE_KEY = "toolkit:thesaurus:1"


def thesaurus() -> engine.Thesaurus:
    """The Toolkit's thesaurus, from the cache or built from the glossary and the synonyms."""
    found = cache.get(THESAURUS_CACHE_KEY)
    if found is None:
        found = build_thesaurus()
        cache.set(THESAURUS_CACHE_KEY, found, timeout=24 * 3600)
    return found


def forget_thesaurus() -> None:
    """After a change to the glossary or the synonyms: now, and again once the change is
    committed (a search in between may have cached the old state)."""
    cache.delete(THESAURUS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(THESAURUS_CACHE_KEY))


_PARENTHESES = re.compile(r"\(([^)]*)\)")


def build_thesaurus() -> engine.Thesaurus:
    from .models import GlossaryTerm, Synonym

    result = engine.Thesaurus()
    for synonym in Synonym.objects.all():
        result.add_equivalent([synonym.term, *synonym.synonym_list()])
    for term in GlossaryTerm.objects.only("term", "avoid", "term_fr", "term_en"):
        # "niet-begeleide minderjarige vreemdeling (NBMV)": the term without the
        # abbreviation is what texts say; the abbreviation finds it too.
        preferred = _PARENTHESES.sub(" ", term.term).strip()
        abbreviations = _PARENTHESES.findall(term.term)
        typed = [*term.avoid_list(), *abbreviations]
        for other in (term.term_fr, term.term_en):
            if other:
                typed += [_PARENTHESES.sub(" ", other).strip(), *_PARENTHESES.findall(other)]
        for word in typed:
            result.add(word, preferred)
        result.add(preferred, *abbreviations)
    return result


INDEX = engine.Index(
    kinds=(
        engine.Kind("page", title="title", text="body_text"),
        engine.Kind(
            "term",
            title="term",
            text="explanation",
            document=(("term", "A"), ("avoid", "A"), ("term_fr", "A"), ("term_en", "A"), ("explanation", "B")),
        ),
        engine.Kind("question", title="title", text="body"),
        engine.Kind("answer", title="question__title", text="body", typo_titles=False),
    ),
    fts_table=FTS_TABLE,
    fts_vocab="toolkit_search_vocab",
    thesaurus=thesaurus,
)


@dataclass
class Hit:
    kind: str  # "page", "term", "question" or "answer"
    pk: int
    title: str
    url: str
    passage: SafeString
    rank: float
    chapter: str = ""
    public: bool = True


@dataclass
class Results:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # how many of the best ``limit`` there are; ``hits`` is one window of them
    start: int = 0
    # True when no result has every word: these have some of them, those with more first.
    partial: bool = False
    # (typed, searched instead) for words that occur nowhere and looked like a typo.
    corrected: list[tuple[str, str]] = field(default_factory=list)


def terms_of(query: str) -> list[str]:
    """The words searched for (after question words and filler are left out). Raises
    QueryError, with a message for the user, when nothing is left."""
    return engine.parse(query, thesaurus()).terms


def search(
    query: str,
    *,
    user,
    life_domain: str = "",
    people: str = "",
    kind: str = "",
    limit: int = MAX_RESULTS,
    start: int = 0,
    size: int | None = None,
) -> Results:
    """Pages, glossary terms (without tag filters), and for members questions and answers
    (without the people filter), that the user may read, best first; ``kind`` keeps one type.
    The best ``limit`` are ranked; passages and hits are made for ``size`` of them from
    ``start`` (a page of results), or for all."""
    parsed = engine.parse(query, thesaurus())
    wanted = _wanted(user, life_domain, people, kind)
    found = engine.find(INDEX, parsed, sources(user, life_domain, people, wanted), limit=limit)
    shown = found.rows[slice(start, None if size is None else start + size)]
    rows = {k: _hit_objects(k, user, life_domain, people) for k in wanted}
    loaded = engine.load(INDEX, found, shown, rows)
    hits = [HIT_BUILDERS[k](*loaded[k, pk], rank) for k, pk, rank in shown if (k, pk) in loaded]
    return Results(
        query=query,
        terms=parsed.terms,
        hits=hits,
        total=len(found.rows),
        start=start,
        partial=found.mode == engine.ANY,
        corrected=list(found.query.corrected),
    )


def highlight(passage: str) -> SafeString:
    """Escape a passage, then turn the backend's marks into <mark> elements."""
    text = escape(passage).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our own <mark> tags are added


def _wanted(user, life_domain: str, people: str, kind: str) -> set[str]:
    from .access import reads_members_only

    wanted = {kind} if kind in KINDS else set(KINDS)
    if life_domain or people:
        wanted.discard("term")
    if people or not reads_members_only(user):
        wanted -= {"question", "answer"}
    return wanted


def sources(user, life_domain: str, people: str, wanted: set[str]) -> dict[str, engine.Source]:
    """Per kind, the rows the user may find. Questions and answers reach this only for
    members (see _wanted), who see all of them."""
    from .access import reads_members_only
    from .models import Answer, GlossaryTerm, Question

    every_page = not (life_domain or people) and reads_members_only(user)
    available = {
        "page": engine.Source(_visible_pages(user, life_domain, people), everything=every_page),
        "term": engine.Source(GlossaryTerm.objects.all(), everything=True),
        "question": engine.Source(_visible_questions(user, life_domain), everything=not life_domain),
        # By the question's life domain; SQLite's subquery needs no join to every question.
        "answer": engine.Source(
            Answer.objects.filter(question__life_domain=life_domain)
            if life_domain
            else Answer.objects.filter(question__in=Question.objects.visible_to(user)),
            everything=not life_domain,
        ),
    }
    return {k: source for k, source in available.items() if k in wanted}


def _visible_questions(user, life_domain: str):
    from .models import Question

    questions = Question.objects.visible_to(user)
    return questions.filter(life_domain=life_domain) if life_domain else questions


def _visible_pages(user, life_domain: str, people: str):
    from .models import Page, TagKind

    pages = Page.objects.visible_to(user)
    # Tag filters as subqueries, not joins: no duplicate rows, so no DISTINCT is needed.
    tagged = Page.tags.through.objects
    if life_domain:
        pages = pages.filter(
            pk__in=tagged.filter(tag__kind=TagKind.LIFE_DOMAIN, tag__code=life_domain).values("page_id")
        )
    if people:
        pages = pages.filter(pk__in=tagged.filter(tag__kind=TagKind.PEOPLE, tag__code=people).values("page_id"))
    return pages


def _hit_objects(kind: str, user, life_domain: str, people: str):
    """The rows hits are built from, with only the columns a hit needs (not the rendered
    HTML nor the stored search vector); pages are taken from what the user may see once more."""
    from .models import Answer, GlossaryTerm, Question

    if kind == "page":
        return _visible_pages(user, life_domain, people).only("title", "slug", "summary", "chapter", "visibility")
    if kind == "question":
        return Question.objects.only("title", "body")
    if kind == "answer":
        return Answer.objects.select_related("question").only("body", "question__title")
    return GlossaryTerm.objects.only("term", "slug", "explanation")


def _page_hit(page, passage: str, rank: float) -> Hit:
    return Hit(
        kind="page",
        pk=page.pk,
        title=page.title,
        url=page.get_absolute_url(),
        passage=highlight(passage or page.summary),
        rank=float(rank or 0),
        chapter=page.chapter,
        public=page.is_public,
    )


def _term_hit(term, passage: str, rank: float) -> Hit:
    return Hit(
        kind="term",
        pk=term.pk,
        title=term.term,
        url=term.get_absolute_url(),
        passage=highlight(passage or term.explanation[:200]),
        rank=float(rank or 0),
    )


def _question_hit(question, passage: str, rank: float) -> Hit:
    return Hit(
        kind="question",
        pk=question.pk,
        title=question.title,
        url=question.get_absolute_url(),
        passage=highlight(passage or question.body[:200]),
        rank=float(rank or 0),
        public=False,
    )


def _answer_hit(answer, passage: str, rank: float) -> Hit:
    return Hit(
        kind="answer",
        pk=answer.pk,
        title=answer.question.title,
        url=answer.get_absolute_url(),
        passage=highlight(passage or answer.body[:200]),
        rank=float(rank or 0),
        public=False,
    )


HIT_BUILDERS = {"page": _page_hit, "term": _term_hit, "question": _question_hit, "answer": _answer_hit}


# ---------------------------------------------------------------- keeping the index current
# Called by the services (and the admin) in the same transaction as the write: on SQLite
# the FTS5 row, on PostgreSQL the stored search vector.

# kind: (table, title, text, join to the question, the column to pick rows by); see refresh_vectors.
_PG_VECTORS = {
    "page": ("toolkit_page", "title", "concat_ws(' ', summary, body_text)", "", "id"),
    "question": ("toolkit_question", "title", "body", "", "id"),
    "answer": ("toolkit_answer AS a", "q.title", "a.body", " FROM toolkit_question AS q", "a.id"),
}


def refresh_vectors(kind: str, ids: list[int] | None = None, *, question_ids: list[int] | None = None) -> None:
    """PostgreSQL: compute the stored search vector of pages, questions or answers again (all
    rows of the kind when no ids are given; for answers also by question). A no-op on SQLite.
    The services call it through index_page / index_question / index_answer; bulk loads
    (bench/generate_toolkit.py) call it once per kind."""
    if connection.vendor != "postgresql":
        return
    table, title, text, join, column = _PG_VECTORS[kind]
    sql = f"UPDATE {table} SET search_vector = {engine.pg_document(title, text)}{join} WHERE "  # noqa: S608
    sql += "q.id = a.question_id" if join else "TRUE"
    params: list = []
    if ids is not None:
        sql += f" AND {column} = ANY(%s)"
        params.append(list(ids))
    if question_ids is not None:
        sql += " AND a.question_id = ANY(%s)"
        params.append(list(question_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def page_text(page) -> str:
    """What is indexed as a page's text: its summary and its plain text."""
    return f"{page.summary} {page.body_text}".strip()


def index_page(page) -> None:
    if connection.vendor == "sqlite":
        engine.fts_write(INDEX, "page", page.pk, page.title, page_text(page))
    else:
        refresh_vectors("page", [page.pk])


def unindex_page(pk: int) -> None:
    if connection.vendor == "sqlite":
        engine.fts_delete(INDEX, "page", pk)


def index_term(term) -> None:
    """Glossary terms are few: PostgreSQL matches them without a stored vector. Their words
    to avoid and translations feed the thesaurus."""
    if connection.vendor == "sqlite":
        title = " ".join(filter(None, [term.term, term.avoid, term.term_fr, term.term_en]))
        engine.fts_write(INDEX, "term", term.pk, title, term.explanation)
    forget_thesaurus()


def unindex_term(pk: int) -> None:
    if connection.vendor == "sqlite":
        engine.fts_delete(INDEX, "term", pk)
    forget_thesaurus()


def index_question(question) -> None:
    """The question, and its answers, which carry its title (an edit in the admin)."""
    if connection.vendor == "sqlite":
        engine.fts_write(INDEX, "question", question.pk, question.title, question.body)
        for answer in question.answers.all():
            engine.fts_write(INDEX, "answer", answer.pk, question.title, answer.body)
    else:
        refresh_vectors("question", [question.pk])
        refresh_vectors("answer", question_ids=[question.pk])


def index_answer(answer) -> None:
    if connection.vendor == "sqlite":
        engine.fts_write(INDEX, "answer", answer.pk, answer.question.title, answer.body)
    else:
        refresh_vectors("answer", [answer.pk])


def unindex_question(pk: int, answer_ids: list[int]) -> None:
    if connection.vendor == "sqlite":
        engine.fts_delete(INDEX, "question", pk)
        for answer_id in answer_ids:
            engine.fts_delete(INDEX, "answer", answer_id)


def unindex_answer(pk: int) -> None:
    if connection.vendor == "sqlite":
        engine.fts_delete(INDEX, "answer", pk)
