"""Toolkit search: one interface, two backends chosen by the database vendor (decision 0008).

- PostgreSQL: full-text search with the ``dutch`` configuration (stemming, stop words),
  ranked with ``ts_rank`` (title weighs more than text), the passage from ``ts_headline``;
  trigram word similarity (``pg_trgm``) catches typos in titles.
- SQLite: an FTS5 table (``toolkit_search``), kept in step by ``index_page`` and
  ``index_term``, queried with MATCH, ranked with ``bm25``, the passage from ``snippet``.
  FTS5 has no Dutch stemmer: every query word is a prefix ("huurwaarborg" also finds
  "huurwaarborgen").

Passages are escaped before the highlight marks are put in, so indexed text can never
inject HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.db import connection
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
    query: str, *, user, life_domain: str = "", people: str = "", kind: str = "", limit: int = MAX_RESULTS
) -> Results:
    """Pages, glossary terms (without tag filters), and for members questions and answers
    (without the people filter), that the user may read, best first; ``kind`` keeps one type."""
    terms = terms_of(query)
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    wanted = _wanted(user, life_domain, people, kind)
    hits = backend(query, terms, user=user, life_domain=life_domain, people=people, limit=limit, wanted=wanted)
    hits.sort(key=lambda h: -h.rank)
    return Results(query=query, terms=terms, hits=hits[:limit])


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

    return Answer.objects.filter(question__in=_visible_questions(user, life_domain)).select_related("question")


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
    if life_domain:
        pages = pages.filter(tags__kind=TagKind.LIFE_DOMAIN, tags__code=life_domain)
    if people:
        pages = pages.filter(tags__kind=TagKind.PEOPLE, tags__code=people)
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


# ---------------------------------------------------------------- PostgreSQL


def _postgres(
    query: str, terms: list[str], *, user, life_domain: str, people: str, limit: int, wanted: set[str]
) -> list[Hit]:
    from django.contrib.postgres.search import SearchQuery, SearchVector

    from .models import GlossaryTerm

    # Prefix matching on stemmed words, as on SQLite: "huurwaarborg:* & ocmw:*".
    tsquery = SearchQuery(" & ".join(f"{t}:*" for t in terms), config="dutch", search_type="raw")
    vector = SearchVector("title", weight="A", config="dutch") + SearchVector("body_text", weight="B", config="dutch")
    kinds = {  # kind: (what the user may see, search vector, title field, text field, hit builder)
        "page": (_visible_pages(user, life_domain, people), vector, "title", "body_text", _page_hit),
        "question": (_visible_questions(user, life_domain), vector_qa("title", "body"), "title", "body", _question_hit),
        "answer": (
            _visible_answers(user, life_domain),
            vector_qa("question__title", "body"),
            "question__title",
            "body",
            _answer_hit,
        ),
    }
    hits: list[Hit] = []
    for kind, (queryset, kind_vector, title, text, build) in kinds.items():
        if kind in wanted:
            found = _ranked(queryset, kind_vector, tsquery, terms, title=title, text=text, limit=limit)
            hits += [build(obj, obj.passage if START in obj.passage else "", obj.rank) for obj in found]
    if "term" not in wanted:
        return hits
    term_vector = SearchVector("term", "avoid", "term_fr", "term_en", weight="A", config="dutch") + SearchVector(
        "explanation", weight="B", config="dutch"
    )
    terms_qs = _ranked(
        GlossaryTerm.objects.all(), term_vector, tsquery, terms, title="term", text="explanation", limit=limit
    )
    return hits + [_term_hit(t, t.passage, t.rank) for t in terms_qs]


def vector_qa(title: str, text: str):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(title, weight="A", config="dutch") + SearchVector(text, weight="B", config="dutch")


def _ranked(queryset, vector, tsquery, terms: list[str], *, title: str, text: str, limit: int) -> list:
    """Full-text matches, best first. Only when there are none, near misses by trigram word
    similarity (a typo such as "huurwarborg"), so every word still has to match when it can."""
    from django.contrib.postgres.search import SearchHeadline, SearchRank, TrigramWordSimilarity
    from django.db.models.functions import Greatest

    headline = SearchHeadline(
        text, tsquery, config="dutch", start_sel=START, stop_sel=STOP, max_words=30, min_words=12, short_word="2"
    )
    # Rank first, then build the highlighted passage only for the rows shown (ts_headline is
    # the costly part; under DISTINCT it would run for every match).
    ranked = list(
        queryset.annotate(document=vector)
        .filter(document=tsquery)
        .annotate(rank=SearchRank(F("document"), tsquery))
        .order_by("-rank", title)
        .values_list("pk", "rank")
        .distinct()[:limit]
    )
    if ranked:
        rank_of = dict(ranked)
        objects = {obj.pk: obj for obj in queryset.filter(pk__in=list(rank_of)).annotate(passage=headline)}
        matches = []
        for pk, _rank in ranked:
            obj = objects[pk]
            obj.rank = rank_of[pk]
            matches.append(obj)
        return matches
    # Every word of four letters or more must come close to a word of the title or the text;
    # shorter words ("de", "het") are too short to tell a typo from another word.
    near = {
        f"near_{i}": Greatest(TrigramWordSimilarity(term, title), TrigramWordSimilarity(term, text))
        for i, term in enumerate(t for t in terms if len(t) >= MIN_TYPO_LENGTH)
    }
    if not near:
        return []
    rank = sum((F(name) for name in near), Value(0.0)) / len(near)
    return list(
        queryset.annotate(**near)
        .filter(**{f"{name}__gte": TRIGRAM_THRESHOLD for name in near})
        .annotate(rank=rank, passage=Value(""))
        .order_by("-rank", title)
        .distinct()[:limit]
    )


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


def _sqlite(
    query: str, terms: list[str], *, user, life_domain: str, people: str, limit: int, wanted: set[str]
) -> list[Hit]:
    from .models import Answer, GlossaryTerm, Question

    # What the user may see, per kind, as a subquery inside the full-text query, so that many
    # better-ranked rows of one kind (short answers) never crowd out another (long pages).
    # Questions and answers reach this only for members (see _wanted), who see all of them.
    visible = {
        "page": _visible_pages(user, life_domain, people),
        "question": Question.objects.filter(life_domain=life_domain) if life_domain else None,
        "answer": Answer.objects.filter(question__life_domain=life_domain) if life_domain else None,
        "term": None,
    }
    with connection.cursor() as cursor:
        found = {kind: _sqlite_matches(cursor, terms, kind, visible[kind], limit) for kind in wanted}
        if not any(found.values()):
            # Nothing at all: perhaps a typo. Try the closest indexed words ("huurwarborg").
            corrected = [_closest_word(cursor, term) for term in terms]
            if corrected != terms:
                found = {kind: _sqlite_matches(cursor, corrected, kind, visible[kind], limit) for kind in wanted}

    hits: list[Hit] = []
    builders = {
        "page": (_visible_pages(user, life_domain, people), _page_hit),
        "question": (Question.objects.all(), _question_hit),
        "answer": (Answer.objects.select_related("question"), _answer_hit),
        "term": (GlossaryTerm.objects.all(), _term_hit),
    }
    for kind, matches in found.items():
        if matches:
            queryset, build = builders[kind]
            for obj in queryset.filter(pk__in=list(matches)):
                rank, passage = matches[obj.pk]
                hits.append(build(obj, passage, rank))
    return hits


def _sqlite_matches(cursor, terms: list[str], kind: str, visible, limit: int) -> dict[int, tuple[float, str]]:
    """The best ``limit`` rows of one kind among those the user may see: {pk: (rank, passage)}."""
    sql = (
        f"SELECT ref, bm25({FTS_TABLE}, 0, 0, 10.0, 1.0) AS rank, "  # noqa: S608 - constant table name
        f"snippet({FTS_TABLE}, 3, %s, %s, '…', 24) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s"
    )
    params: list = [START, STOP, _fts_query(terms), kind]
    if visible is not None:
        sub_sql, sub_params = visible.values("pk").query.sql_with_params()
        sql += f" AND CAST(ref AS INTEGER) IN ({sub_sql})"
        params += list(sub_params)
    cursor.execute(sql + " ORDER BY rank LIMIT %s", [*params, limit])
    # bm25 is lower for better matches; turn it around so higher is better, like ts_rank.
    return {int(ref): (-rank, passage) for ref, rank, passage in cursor.fetchall()}


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


def index_page(page) -> None:
    """Called by the service that saves a page. PostgreSQL searches the table itself."""
    if connection.vendor == "sqlite":
        _sqlite_upsert("page", page.pk, page.title, page.body_text)


def unindex_page(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("page", pk)


def _term_hit(term, passage: str, rank: float) -> Hit:
    return Hit(
        kind="term",
        pk=term.pk,
        title=term.term,
        url=term.get_absolute_url(),
        passage=highlight(passage or term.explanation[:200]),
        rank=float(rank or 0),
    )


def index_term(term) -> None:
    if connection.vendor == "sqlite":
        title = " ".join(filter(None, [term.term, term.avoid, term.term_fr, term.term_en]))
        _sqlite_upsert("term", term.pk, title, term.explanation)


def unindex_term(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("term", pk)


def index_question(question) -> None:
    if connection.vendor == "sqlite":
        _sqlite_upsert("question", question.pk, question.title, question.body)


def index_answer(answer) -> None:
    if connection.vendor == "sqlite":
        _sqlite_upsert("answer", answer.pk, answer.question.title, answer.body)


def unindex_question(pk: int, answer_ids: list[int]) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("question", pk)
        for answer_id in answer_ids:
            _sqlite_delete("answer", answer_id)


def unindex_answer(pk: int) -> None:
    if connection.vendor == "sqlite":
        _sqlite_delete("answer", pk)
