"""The family's page reads its record through a cursor (decision 0022, docs/benchmarks.md).

Building an ORM query costs about 0.35 ms of CPU before the first row; the family's page
makes six of them on every request, which was most of its distance to 3x a bare view. Here
each read is one SQL statement with the columns the page shows, and every value goes
through the same converters the ORM applies (the backend's, then the field's own
``from_db_value``: decryption of the encrypted fields, aware datetimes, dates), so the rows
equal what ``QuerySet.values()`` returns (``families/tests/test_family_view_page.py``
compares them). Only for the family's own record, which it reads whole: no consent filter
applies (decision 0018).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection, models

from .meeting_models import AgendaItem, Meeting
from .models import Actor, DomainEntry, Goal, Step


def _fields(model: type[models.Model], columns: tuple[str, ...]) -> list[Any]:
    return [model._meta.pk if name == "pk" else model._meta.get_field(name) for name in columns]


@cache
def _sql(model: type[models.Model], columns: tuple[str, ...], where: str, order: str) -> str:
    """The SQL of one read (built once per process)."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    select = ", ".join(f"{quote(table)}.{quote(field.column)}" for field in _fields(model, columns))
    # Names from the models and the fixed clauses below; values only as parameters.
    return f"SELECT {select} FROM {quote(table)} {where} ORDER BY {order}"  # noqa: S608


def _read(model: type[models.Model], columns: tuple[str, ...], where: str, order: str, params: list) -> list[dict]:
    sql = _sql(model, columns, where, order)
    converters = []
    for field in _fields(model, columns):
        column = field.get_col(model._meta.db_table)
        converters.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        values: dict[str, Any] = {}
        for name, value, (column, functions) in zip(columns, row, converters, strict=True):
            for function in functions:
                value = function(value, column, connection)
            values[name] = value
        result.append(values)
    return result


def goals(trajectory_id: int) -> list[dict]:
    columns = ("pk", "domain", "what", "translation", "reached_at")
    return _read(Goal, columns, "WHERE trajectory_id = %s", "id", [trajectory_id])


def steps(trajectory_id: int) -> list[dict]:
    step, goal = Step._meta.db_table, Goal._meta.db_table
    where = f"JOIN {goal} ON {goal}.id = {step}.goal_id WHERE {goal}.trajectory_id = %s"
    columns = ("pk", "goal_id", "text", "owner", "deadline", "done_at")
    return _read(Step, columns, where, f"{step}.id", [trajectory_id])


def domains(trajectory_id: int) -> list[dict]:
    columns = ("pk", "domain", "own_label", "goes_well", "less_well", "help_needed")
    return _read(DomainEntry, columns, "WHERE trajectory_id = %s AND skipped = %s", "id", [trajectory_id, False])


def actors(trajectory_id: int) -> list[dict]:
    return _read(Actor, ("domain_id", "name", "kind"), "WHERE trajectory_id = %s", "id", [trajectory_id])


def shared_meetings(trajectory_id: int) -> list[dict]:
    columns = ("pk", "starts_at", "family_confirmed_at", "family_correction")
    where = "WHERE trajectory_id = %s AND report_shared_at IS NOT NULL"
    return _read(Meeting, columns, where, "starts_at DESC, id DESC", [trajectory_id])


def agenda(meeting_id: int) -> list[dict]:
    return _read(AgendaItem, ("title", "said", "decided"), "WHERE meeting_id = %s", "id", [meeting_id])


def readers(trajectory: Any) -> list[dict]:
    """ "Who read your file" grouped: per reader, role and part, the last moment and how many
    times; the reader's name and e-mail address with it; the family's own reads left out."""
    from django.contrib.auth import get_user_model

    from core.models import AuditEvent

    quote = connection.ops.quote_name
    event, user = quote(AuditEvent._meta.db_table), quote(get_user_model()._meta.db_table)
    sql = (
        f"SELECT e.actor_id, e.actor_role, e.part, u.full_name, u.email, MAX(e.at), COUNT(e.id) "  # noqa: S608
        f"FROM {event} e LEFT JOIN {user} u ON u.id = e.actor_id "
        "WHERE e.object_type = %s AND e.object_id = %s AND e.organisation_id = %s AND e.action = %s "
        "AND e.actor_id IS NOT NULL GROUP BY e.actor_id, e.actor_role, e.part, u.full_name, u.email"
    )
    params = [trajectory._meta.label_lower, trajectory.pk, trajectory.organisation_id, "family.read"]
    column = AuditEvent._meta.get_field("at").get_col(AuditEvent._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for actor_id, role, part, full_name, email, last, times in rows:
        for function in converters:
            last = function(last, column, connection)
        result.append(
            {"actor_id": actor_id, "actor_role": role, "part": part, "full_name": full_name, "email": email}
            | {"last": last, "times": times}
        )
    return result


def reads(trajectory: Any, start: int, count: int) -> list[dict]:
    """One page of the reads by others, newest first."""
    from core.models import AuditEvent

    where = (
        "WHERE object_type = %s AND object_id = %s AND organisation_id = %s AND action = %s AND actor_id IS NOT NULL"
    )
    params = [trajectory._meta.label_lower, trajectory.pk, trajectory.organisation_id, "family.read"]
    order = f"at DESC, id DESC LIMIT {int(count)} OFFSET {int(start)}"
    return _read(AuditEvent, ("at", "part", "actor_id"), where, order, params)


def organisation_name(organisation_id: int) -> str:
    from organisations.models import Organisation

    rows = _read(Organisation, ("name",), "WHERE id = %s", "id", [organisation_id])
    return rows[0]["name"] if rows else ""


def standing_link(token_hash: str) -> Any:
    """The standing link with this token hash of an open trajectory, with its trajectory
    (every column but the encrypted ones, not shown on the family's page), or None."""
    from .link_models import FamilyLink
    from .models import Trajectory, TrajectoryStatus

    link_table, trajectory_table = FamilyLink._meta.db_table, Trajectory._meta.db_table
    names = tuple(field.attname for field in FamilyLink._meta.concrete_fields)
    where = (
        f"JOIN {trajectory_table} ON {trajectory_table}.id = {link_table}.trajectory_id "
        f"WHERE {link_table}.token_hash = %s AND {link_table}.revoked_at IS NULL AND {trajectory_table}.status = %s"
    )
    rows = _read(FamilyLink, names, where, f"{link_table}.id", [token_hash, TrajectoryStatus.OPEN])
    if not rows:
        return None
    link = FamilyLink.from_db(connection.alias, list(names), [rows[0][name] for name in names])
    plain = tuple(
        field.attname for field in Trajectory._meta.concrete_fields if not type(field).__name__.startswith("Encrypted")
    )
    row = _read(Trajectory, plain, "WHERE id = %s", "id", [link.trajectory_id])[0]
    link.trajectory = Trajectory.from_db(connection.alias, list(plain), [row[name] for name in plain])
    return link
