"""Queries that every request runs with other values: built and compiled by the ORM once per
database connection, then run again with new values (issue 11, decision 0018 "Speed").

Building a queryset with ``Exists`` subqueries and compiling it to SQL costs Django one to two
milliseconds of CPU; running the SQL costs tens of microseconds. For the few queries that run
on (nearly) every request, ``Prepared`` keeps the SQL text and the compiler's description of
the columns, and only swaps the values. Nothing of the answers is kept: the rows are built
again on every call, with the same converters (decryption included) as the ORM's.

    family = Prepared(Trajectory, lambda pk, user: Trajectory.objects.filter(pk=pk, ...), pk=int, user=int)
    family.objects(pk=7, user=request.user.pk)

The builder is called once per connection with sentinel values that take the named values'
place in the compiled parameters; values are whole numbers, strings, dates or aware
datetimes; other parameters are constants of the query. A value the query does not put in a
parameter of its own (a slice's bound, which is written into the SQL) is refused when the
query is compiled; a value of another type (``None``, a list) when it is given.
The database is the router's choice for reading ``model`` (decision 0015), as for the ORM.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

_SENTINEL_INTS = itertools.count(-7_346_120_000_001, -1)
_NUMBERS = itertools.count(1)


class _Compiled:
    __slots__ = ("compiler", "sql", "slots", "converters", "composite")

    def __init__(self, compiler: Any, sql: str, slots: list[tuple[bool, Any]]) -> None:
        self.compiler = compiler
        self.sql = sql
        self.slots = slots  # (is a named value, its name or the constant parameter)
        # The columns' converters (``results_iter`` asks every field for them on every call).
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        self.composite = compiler.has_composite_fields(fields)

    def convert(self, rows: list) -> list:
        if self.composite:
            return list(self.compiler.results_iter([rows]))
        if self.converters:
            return list(self.compiler.apply_converters(rows, self.converters))
        return rows


class Prepared:
    def __init__(self, model: type[Model], build: Callable[..., QuerySet], **kinds: type) -> None:
        """``kinds``: the name and type (``int``, ``str``, ``datetime.date`` or
        ``datetime.datetime``) of each value."""
        self._model = model
        self._build = build
        self._kinds = kinds
        self._key = f"_prepared_{next(_NUMBERS)}"  # never reused, unlike id()

    def _sentinels(self) -> dict[str, Any]:
        sentinels: dict[str, Any] = {}
        for offset, (name, kind) in enumerate(self._kinds.items()):
            days = datetime.timedelta(days=offset * 37 + 11)
            if kind is datetime.datetime:
                sentinels[name] = datetime.datetime(1901, 1, 1, 3, 4, 5, 678901, tzinfo=datetime.UTC) + days
            elif kind is datetime.date:
                sentinels[name] = datetime.date(1901, 1, 1) + days
            elif kind is int:
                sentinels[name] = next(_SENTINEL_INTS)
            elif kind is str:
                sentinels[name] = f"prepared-sentinel{next(_SENTINEL_INTS)}"
            else:
                raise TypeError(f"{name}: only int, str, date and datetime values can be prepared")
        return sentinels

    def _compiled(self, using: str) -> _Compiled:
        # Kept on the connection (one per thread): a compiler is never shared between threads.
        connection = connections[using]
        compiled = connection.__dict__.get(self._key)
        if compiled is None:
            sentinels = self._sentinels()
            compiler = self._build(**sentinels).query.get_compiler(using)
            sql, params = compiler.as_sql()
            adapted = {name: _adapt(connection, value) for name, value in sentinels.items()}
            slots: list[tuple[bool, Any]] = []
            found = set()
            for param in params:
                name = next((n for n, a in adapted.items() if type(a) is type(param) and a == param), None)
                if name is None:
                    slots.append((False, param))
                else:
                    slots.append((True, name))
                    found.add(name)
            missing = set(sentinels) - found
            if missing:
                raise ValueError(f"prepared query: {sorted(missing)} not among the compiled parameters")
            compiled = _Compiled(compiler, sql, slots)
            connection.__dict__[self._key] = compiled
        return compiled

    def _rows(self, using: str | None, values: dict[str, Any]) -> tuple[str, _Compiled, list]:
        if set(values) != set(self._kinds):
            raise TypeError(f"prepared query: give exactly {sorted(self._kinds)}")
        using = using or router.db_for_read(self._model) or DEFAULT_DB_ALIAS
        compiled = self._compiled(using)
        connection = connections[using]
        adapted = {name: _adapt(connection, value) for name, value in values.items()}
        params = [adapted[v] if named else v for named, v in compiled.slots]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return using, compiled, compiled.convert(rows)

    def objects(self, using: str | None = None, **values: Any) -> list[Model]:
        """The model instances of the query (``select_related`` and annotations included),
        as the ORM's own iteration builds them."""
        using, compiled, rows = self._rows(using, values)
        compiler = compiled.compiler
        select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
        model_cls = klass_info["model"]
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, using)  # type: ignore[call-arg]  # Django 5.2
        found = []
        for row in rows:
            obj = model_cls.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for attr_name, position in (annotation_col_map or {}).items():
                setattr(obj, attr_name, row[position])
            found.append(obj)
        return found

    def values(self, using: str | None = None, **values: Any) -> list[tuple]:
        """The rows of a ``values_list`` query of plain columns, converted."""
        return [tuple(row) for row in self._rows(using, values)[2]]


def _adapt(connection: Any, value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    if type(value) not in (int, str):
        raise TypeError(f"prepared query: {value!r} is not a whole number, a string, a date or a datetime")
    return value
