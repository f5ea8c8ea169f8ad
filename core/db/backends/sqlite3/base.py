"""SQLite for the test database only (gastvrij/settings_test.py): Django's backend, except
that the flush between transactional tests lifts the audit log's append-only triggers
around its ``DELETE FROM`` and puts them back in the same transaction.

PostgreSQL needs nothing of the kind: its flush is a TRUNCATE, which row triggers do not
see. Production uses Django's own SQLite backend, where nothing lifts the triggers.
"""

from __future__ import annotations

from django.db.backends.sqlite3 import base, operations

from core.db.append_only import create_sql, drop_sql

APPEND_ONLY_TABLES = ("core_auditevent",)


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        guarded = [table for table in APPEND_ONLY_TABLES if table in tables]
        if not statements or not guarded:
            return statements
        drop = [sql for table in guarded for sql in drop_sql("sqlite", table)]
        create = [sql for table in guarded for sql in create_sql("sqlite", table)]
        return [*drop, *statements, *create]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
