"""Finding services: the social map's index on the platform's search engine (``core.search``,
decision 0008), with the Toolkit's thesaurus (its synonyms and glossary), so that "kindergeld"
finds "groeipakket" here too.

Only the public entry is indexed: the service's name (title), and its organisation's name,
description and who is welcome (text). Practice notes and contact persons never are, so the
search cannot reveal them.

- PostgreSQL: a stored ``search_vector`` on the service, written by ``index_services``.
- SQLite: the FTS5 table ``socialmap_search`` and its vocabulary view.
"""

from __future__ import annotations

from django.db import connection

from core import search as engine
from core.search import QueryError  # noqa: F401
from toolkit.search import highlight, thesaurus  # noqa: F401

FTS_TABLE = "socialmap_search"
MAX_RESULTS = 200

INDEX = engine.Index(
    kinds=(engine.Kind("service", title="name", text="description"),),
    fts_table=FTS_TABLE,
    fts_vocab="socialmap_search_vocab",
    thesaurus=thesaurus,
)

_PG_TEXT = "concat_ws(' ', o.name, s.description, s.welcome_text)"


def index_services(ids: list[int] | None = None) -> None:
    """(Re)index services (all of them when ``ids`` is None), in the caller's transaction."""
    if connection.vendor == "postgresql":
        sql = (
            f"UPDATE socialmap_service AS s SET search_vector = {engine.pg_document('s.name', _PG_TEXT)} "  # noqa: S608
            "FROM socialmap_organization AS o WHERE o.id = s.organization_id"
        )
        params: list = []
        if ids is not None:
            sql += " AND s.id = ANY(%s)"
            params.append(list(ids))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        return
    from .models import Service

    rows = Service.objects.select_related("organization").only(
        "name", "description", "welcome_text", "organization__name"
    )
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for service in rows:
        text = " ".join(filter(None, [service.organization.name, service.description, service.welcome_text]))
        engine.fts_write(INDEX, "service", service.pk, service.name, text)


def index_new_services(ids: list[int]) -> None:
    """Index services just created (a bulk import): on SQLite one INSERT per row, without the
    DELETE that ``fts_write`` runs first (a scan of the FTS5 table for an unindexed column)."""
    if connection.vendor == "postgresql":
        index_services(ids)
        return
    from .models import Service

    rows = Service.objects.filter(pk__in=ids).select_related("organization")
    rows = rows.only("name", "description", "welcome_text", "organization__name")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (kind, ref, title, body) VALUES ('service', %s, %s, %s)",  # noqa: S608
            [
                (s.pk, s.name, " ".join(filter(None, [s.organization.name, s.description, s.welcome_text])))
                for s in rows.iterator(chunk_size=2000)
            ],
        )


def find(query: str, services, *, limit: int = MAX_RESULTS) -> tuple[list[int], engine.Found]:
    """The ids of ``services`` (a queryset: the rows the reader may find, already filtered)
    matching the words, best first; raises QueryError with a message for the user."""
    parsed = engine.parse(query, thesaurus())
    found = engine.find(INDEX, parsed, {"service": engine.Source(services)}, limit=limit)
    return [pk for _kind, pk, _score in found.rows], found
