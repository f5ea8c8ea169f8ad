"""Toolkit search: one interface, two backends chosen by the database vendor (decision 0008).

- PostgreSQL: full-text search with the ``dutch`` configuration (stemming, stop words) on
  a stored, GIN-indexed ``search_vector`` of pages, questions and answers (title weight A,
  text weight B), kept by ``index_page`` / ``index_question`` / ``index_answer``; ranked
  with ``ts_rank``, the passage from ``ts_headline`` for the rows shown only; trigram word
  similarity (``pg_trgm``, index-backed) catches typos in titles.
- SQLite: an FTS5 table (``toolkit_search``), kept in step by ``index_page`` and
  ``index_term``, queried with MATCH, ranked with ``bm25``; ``snippet`` only for the rows shown.
  FTS5 has no Dutch stemmer: every query word is a prefix ("huurwaarborg" also finds
  "huurwaarborgen").

Passages are escaped before the highlight marks are put in, so indexed text can never
inject HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MIN_TERM_LENGTH = 2
MAX_TERMS = 8
MAX_RESULTS = 50
TRIGRAM_THRESHOLD = 0.5
MIN_TYPO_LENGTH = 4
# Highlight marks inside passages: control characters that never occur in indexed text.
START, STOP = "\x02", "\x03"
_WORD = re.compile(r"[^\W_]+")
# Common Dutch words left out of every query, on both backends alike: PostgreSQL's Dutch
# configuration ignores them, and on SQLite they would match (as prefixes) almost anything.
STOP_WORDS = frozenset(
    "aan al als bij dan dat de den der des die dit door een en er het hoe in is je met na naar niet of om "
    "op over te tot uit van voor wat wie ze zijn".split()
)


class QueryError(ValueError):
    """A query we cannot search for; the message is translated and shown to the user."""


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


def terms_of(query: str) -> list[str]:
    """The words to search for: letters and digits only, at least two characters.
    Raises QueryError, with a message for the user, when nothing is left."""
    query = (query or "").strip()
    if not query:
        raise QueryError(_("Type one or more words to search the Toolkit."))
    words = [w.lower() for w in _WORD.findall(query) if len(w) >= MIN_TERM_LENGTH]
    if not words:
        raise QueryError(_("Type at least one word of two or more letters or digits."))
    meaningful = [w for w in words if w not in STOP_WORDS]
    if not meaningful:
        raise QueryError(_("These words are too common to search for. Add a more specific word."))
    return list(dict.fromkeys(meaningful))[:MAX_TERMS]


KINDS = ("page", "term", "question", "answer")


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
    terms = terms_of(query)
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    wanted = _wanted(user, life_domain, people, kind)
    window = slice(start, None if size is None else start + size)
    hits, total = backend(
        terms, user=user, life_domain=life_domain, people=people, limit=limit, wanted=wanted, window=window
    )
    return Results(query=query, terms=terms, hits=hits, total=total, start=start)


def _best(ranked: dict[str, list[tuple[int, float]]], limit: int) -> list[tuple[str, int, float]]:
    """The ``limit`` best of every kind together, as (kind, pk, rank), best first. Each kind
    is ranked on its own first (so one kind never crowds out another the reader may see);
    passages and hits are then built for these rows only."""
    rows = [(kind, pk, rank) for kind in KINDS for pk, rank in ranked.get(kind, [])]
    rows.sort(key=lambda row: -row[2])  # stable: ties keep the kind order and each kind's order
    return rows[:limit]


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


def _visible_questions(user, life_domain: str):
    from .models import Question

    questions = Question.objects.visible_to(user)
    return questions.filter(life_domain=life_domain) if life_domain else questions


def _visible_answers(user, life_domain: str):
    from .models import Answer

    return Answer.objects.filter(question__in=_visible_questions(user, life_domain))


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


HIT_BUILDERS = {"page": _page_hit, "term": _term_hit, "question": _question_hit, "answer": _answer_hit}


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


# ---------------------------------------------------------------- PostgreSQL


def _pg_document(title: str, text: str) -> str:
    """The weighted document as SQL: title weight A, text weight B, Dutch configuration."""
    return (
        f"setweight(to_tsvector('dutch', coalesce({title}, '')), 'A') || "
        f"setweight(to_tsvector('dutch', coalesce({text}, '')), 'B')"
    )


# kind: (table, title, text, join to the question, the column to pick rows by); see refresh_vectors.
_PG_VECTORS = {
    "page": ("toolkit_page", "title", "body_text", "", "id"),
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
    document = _pg_document(title, text)
    sql = f"UPDATE {table} SET search_vector = {document}{join} WHERE "  # noqa: S608 - constant names only
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


def _postgres(
    terms: list[str], *, user, life_domain: str, people: str, limit: int, wanted: set[str], window: slice
) -> tuple[list[Hit], int]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector

    from .models import GlossaryTerm

    # Prefix matching on stemmed words, as on SQLite: "huurwaarborg:* & ocmw:*".
    tsquery = SearchQuery(" & ".join(f"{t}:*" for t in terms), config="dutch", search_type="raw")
    term_document = SearchVector("term", "avoid", "term_fr", "term_en", weight="A", config="dutch") + SearchVector(
        "explanation", weight="B", config="dutch"
    )
    # kind: (what the user may see, title field, text field). Pages, questions and answers
    # are matched on their stored, GIN-indexed vector; the few glossary terms on the fly.
    sources = {
        "page": (_visible_pages(user, life_domain, people), "title", "body_text"),
        "term": (GlossaryTerm.objects.annotate(search_vector=term_document), "term", "explanation"),
        "question": (_visible_questions(user, life_domain), "title", "body"),
        "answer": (_visible_answers(user, life_domain), "question__title", "body"),
    }
    ranked = {kind: _pg_ranked(sources[kind][0], tsquery, title=sources[kind][1], limit=limit) for kind in wanted}
    full_text = {kind for kind, found in ranked.items() if found}
    typo_terms = [t for t in terms if len(t) >= MIN_TYPO_LENGTH]
    if full_text != set(wanted) and typo_terms:
        # Per kind without a full-text match: near misses by trigram word similarity. The
        # ``%>`` operator's threshold is set to ours for this transaction only.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(TRIGRAM_THRESHOLD)])
            for kind in set(wanted) - full_text:
                ranked[kind] = _pg_near(sources[kind][0], typo_terms, title=sources[kind][1], limit=limit)

    best = _best(ranked, limit)
    shown = best[window]
    passages: dict[tuple[str, int], tuple[object, str]] = {}
    for kind in KINDS:
        pks = [pk for k, pk, _rank in shown if k == kind]
        if not pks:
            continue
        objects = _hit_objects(kind, user, life_domain, people).filter(pk__in=pks).order_by()
        if kind in full_text:
            # ts_headline is the costly part: only for the rows shown.
            objects = objects.annotate(
                passage=SearchHeadline(
                    sources[kind][2],
                    tsquery,
                    config="dutch",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                    short_word="2",
                )
            )
        else:
            objects = objects.annotate(passage=Value(""))
        for obj in objects:
            passages[kind, obj.pk] = (obj, obj.passage if START in obj.passage else "")
    hits = [HIT_BUILDERS[kind](*passages[kind, pk], rank) for kind, pk, rank in shown if (kind, pk) in passages]
    return hits, len(best)


def _pg_ranked(queryset, tsquery, *, title: str, limit: int) -> list[tuple[int, float]]:
    """Full-text matches on the stored vector, best first: [(pk, rank)]."""
    from django.contrib.postgres.search import SearchRank

    return list(
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", title)
        .values_list("pk", "rank")[:limit]
    )


def _pg_near(queryset, typo_terms: list[str], *, title: str, limit: int) -> list[tuple[int, float]]:
    """Only when nothing matched: near misses by trigram word similarity on the title (a typo
    such as "huurwarborg"), best first. Every word of four letters or more must come close to
    a word of the title; shorter words ("de", "het") are too short to tell a typo from another
    word. The ``%>`` operator (``trigram_word_similar``) can use the trigram GIN index on the
    title; the caller sets its threshold."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    near = {f"near_{i}": TrigramWordSimilarity(term, title) for i, term in enumerate(typo_terms)}
    for term in typo_terms:
        queryset = queryset.filter(**{f"{title}__trigram_word_similar": term})
    rank = sum((F(name) for name in near), Value(0.0)) / len(near)
    return list(queryset.annotate(**near, rank=rank).order_by("-rank", title).values_list("pk", "rank")[:limit])


# ---------------------------------------------------------------- SQLite FTS5

FTS_TABLE = "toolkit_search"


def _fts_query(terms: list[str]) -> str:
    # Every word quoted (no FTS5 syntax gets through) and a prefix: "huurwaarborg"*.
    return " ".join(f'"{strip_ending(t)}"*' for t in terms)


def strip_ending(word: str) -> str:
    """A poor man's Dutch stemmer for FTS5, which has none: drop a plural or inflection
    ending ("-en", "-s", "-e") from a long word, so that with prefix matching
    "huurwaarborgen" finds "huurwaarborg" and "leningen" finds "lening". At least five
    letters stay ("wonen" stays "wonen")."""
    for ending in ("en", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


def sqlite_visible(user, life_domain: str, people: str) -> dict:
    """Per kind, what the user may see as a queryset for a subquery inside the FTS5 query,
    or None when every row of the kind will do. Questions and answers reach this only for
    members (see _wanted), who see all of them."""
    from .access import reads_members_only
    from .models import Answer, Question

    return {
        "page": _visible_pages(user, life_domain, people)
        if life_domain or people or not reads_members_only(user)
        else None,
        "question": Question.objects.filter(life_domain=life_domain) if life_domain else None,
        "answer": Answer.objects.filter(question__life_domain=life_domain) if life_domain else None,
        "term": None,
    }


def _sqlite(
    terms: list[str], *, user, life_domain: str, people: str, limit: int, wanted: set[str], window: slice
) -> tuple[list[Hit], int]:
    visible = sqlite_visible(user, life_domain, people)
    with connection.cursor() as cursor:
        found = {kind: sqlite_ranked(cursor, terms, kind, visible[kind], limit) for kind in KINDS if kind in wanted}
        if not any(found.values()):
            # Nothing at all: perhaps a typo. Try the closest indexed words ("huurwarborg").
            corrected = [_closest_word(cursor, term) for term in terms]
            if corrected != terms:
                terms = corrected
                found = {kind: sqlite_ranked(cursor, terms, kind, visible[kind], limit) for kind in found}
        rowid_of = {(kind, ref): rowid for kind, rows in found.items() for ref, _rank, rowid in rows}
        best = _best({kind: [(ref, rank) for ref, rank, _rowid in rows] for kind, rows in found.items()}, limit)
        shown = best[window]
        passages = _sqlite_snippets(cursor, terms, [rowid_of[kind, pk] for kind, pk, _rank in shown])

    objects: dict[tuple[str, int], object] = {}
    for kind in KINDS:
        pks = [pk for k, pk, _rank in shown if k == kind]
        if pks:
            objects.update(
                ((kind, obj.pk), obj)
                for obj in _hit_objects(kind, user, life_domain, people).filter(pk__in=pks).order_by()
            )
    hits = [
        HIT_BUILDERS[kind](objects[kind, pk], passages.get(rowid_of[kind, pk], ""), rank)
        for kind, pk, rank in shown
        if (kind, pk) in objects
    ]
    return hits, len(best)


def sqlite_ranked(cursor, terms: list[str], kind: str, visible, limit: int) -> list[tuple[int, float, int]]:
    """The best ``limit`` rows of one kind among those the user may see, without passages:
    [(pk, rank, FTS5 rowid)]."""
    sql = (
        f"SELECT ref, bm25({FTS_TABLE}, 0, 0, 10.0, 1.0) AS rank, rowid "  # noqa: S608 - constant table name
        f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s"
    )
    params: list = [_fts_query(terms), kind]
    if visible is not None:
        sub_sql, sub_params = visible.values("pk").query.sql_with_params()
        sql += f" AND CAST(ref AS INTEGER) IN ({sub_sql})"
        params += list(sub_params)
    cursor.execute(sql + " ORDER BY rank LIMIT %s", [*params, limit])
    # bm25 is lower for better matches; turn it around so higher is better, like ts_rank.
    return [(int(ref), -rank, rowid) for ref, rank, rowid in cursor.fetchall()]


def _sqlite_snippets(cursor, terms: list[str], rowids: list[int]) -> dict[int, str]:
    """The highlighted passage of the rows shown only: {FTS5 rowid: passage}. One pass over
    the matches; ``+rowid`` keeps the rowids away from FTS5's index, which would otherwise
    run the (prefix) MATCH again for each of them: 5 ms instead of 125 ms for 50 rows."""
    if not rowids:
        return {}
    cursor.execute(
        f"SELECT rowid, snippet({FTS_TABLE}, 3, %s, %s, '…', 24) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({', '.join(['%s'] * len(rowids))})",
        [START, STOP, _fts_query(terms), *rowids],
    )
    return dict(cursor.fetchall())


def _closest_word(cursor, term: str) -> str:
    """The indexed word most like ``term`` (same first letter, similar length, difflib ratio
    of at least 0.8), or ``term`` itself. FTS5 has no fuzzy matching of its own."""
    cursor.execute(
        "SELECT term FROM toolkit_search_vocab WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s",
        [term[0], term[0] + "\uffff", len(term) - 2, len(term) + 2],
    )
    matches = difflib.get_close_matches(term, [row[0] for row in cursor.fetchall()], n=1, cutoff=0.8)
    return matches[0] if matches else term


def _sqlite_upsert(kind: str, ref: int, title: str, body: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND ref = %s", [kind, ref])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (kind, ref, title, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [kind, ref, title, body],
        )


def _sqlite_delete(kind: str, ref: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND ref = %s", [kind, ref])  # noqa: S608


# ---------------------------------------------------------------- keeping the index current
# Called by the services (and the admin) in the same transaction as the write: on SQLite
# the FTS5 row, on PostgreSQL the stored search vector.


def index_page(page) -> None:
    if connection.vendor == "sqlite":
        _sqlite_upsert("page", page.pk, page.title, page.body_text)
    else:
        refresh_vectors("page", [page.pk])


def unindex_page(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("page", pk)


def index_term(term) -> None:
    """Glossary terms are few: PostgreSQL matches them without a stored vector."""
    if connection.vendor == "sqlite":
        title = " ".join(filter(None, [term.term, term.avoid, term.term_fr, term.term_en]))
        _sqlite_upsert("term", term.pk, title, term.explanation)


def unindex_term(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("term", pk)


def index_question(question) -> None:
    """The question, and its answers, which carry its title (an edit in the admin)."""
    if connection.vendor == "sqlite":
        _sqlite_upsert("question", question.pk, question.title, question.body)
        for answer in question.answers.all():
            _sqlite_upsert("answer", answer.pk, question.title, answer.body)
    else:
        refresh_vectors("question", [question.pk])
        refresh_vectors("answer", question_ids=[question.pk])


def index_answer(answer) -> None:
    if connection.vendor == "sqlite":
        _sqlite_upsert("answer", answer.pk, answer.question.title, answer.body)
    else:
        refresh_vectors("answer", [answer.pk])


def unindex_question(pk: int, answer_ids: list[int]) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("question", pk)
        for answer_id in answer_ids:
            _sqlite_delete("answer", answer_id)


def unindex_answer(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("answer", pk)
