"""Re-encrypt every encrypted field under the primary key; recompute stale blind indexes.

The rotation procedure (docs/deploy.md, decision 0013): put the new key first in
``GASTVRIJ_FIELD_KEYS`` (the old one stays after it), restart every process, run this
command, check with ``--check``, and only then remove the old key.

    manage.py rotate_field_keys             # re-encrypt, a count per model
    manage.py rotate_field_keys --dry-run   # count only, change nothing
    manage.py rotate_field_keys --check     # count only; exits with an error when work is left

Every model of every installed app is scanned for the fields of ``core/fields.py``. Rows
are read in batches in primary-key order; each batch is one transaction that locks its
rows (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's write transactions lock the whole
database), so a write by the application during the rotation is never overwritten. The new
tokens are written with one ``UPDATE`` per changed row and field, sent in one
``executemany`` per field and batch.
Rows already under the primary key are left alone, so running it twice changes nothing.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.functions import Cast

from core import crypto
from core.fields import BlindIndexField, EncryptedJSONField, EncryptedTextField


@dataclass
class Plan:
    """The encrypted fields of one model, and the blind indexes computed from them."""

    model: type[models.Model]
    encrypted: list[EncryptedTextField]
    indexes: list[BlindIndexField] = field(default_factory=list)


@dataclass
class Tally:
    rows: int = 0
    reencrypted: int = 0  # rows with at least one value not under the primary key
    values: int = 0  # values not under the primary key
    indexes: int = 0  # blind index values that were stale
    unreadable: list[str] = field(default_factory=list)


def plans() -> list[Plan]:
    """Every concrete model with encrypted fields (each table once, multi-table inheritance included)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        encrypted = [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if not encrypted:
            continue
        names = {f.name for f in encrypted if not isinstance(f, EncryptedJSONField)}
        indexes = [f for f in model._meta.local_concrete_fields if isinstance(f, BlindIndexField) and f.source in names]
        found.append(Plan(model, encrypted, indexes))
    return sorted(found, key=lambda plan: plan.model._meta.label)


def _raw(name: str) -> str:
    return f"_stored_{name}"


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field under the primary key of GASTVRIJ_FIELD_KEYS (see docs/deploy.md)."

    def add_arguments(self, parser: Any) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Count what would change; change nothing.")
        mode.add_argument(
            "--check",
            action="store_true",
            help="Count rows not yet under the primary key (and stale blind indexes); fail when there are any.",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default 'default').")

    def handle(self, *args: Any, dry_run: bool, check: bool, batch_size: int, database: str, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        write = not (dry_run or check)
        ring = crypto.keyring()
        if ring.development:
            self.stderr.write("Note: development keys derived from the secret key are in use.")
        self.stdout.write(f"{ring.key_count} field key(s) configured; the first is the primary key.")
        verb = "re-encrypted" if write else "not under the primary key"
        index_verb = "recomputed" if write else "stale"
        total = Tally()
        for plan in plans():
            tally = self.scan(plan, write=write, batch_size=batch_size, database=database)
            line = f"{plan.model._meta.label}: {tally.rows} rows, {tally.reencrypted} {verb}"
            if plan.indexes:
                line += f", {tally.indexes} blind index values {index_verb}"
            if tally.unreadable:
                line += f", {len(tally.unreadable)} values no key opens"
            self.stdout.write(line)
            for where in tally.unreadable[:20]:
                self.stderr.write(f"  cannot decrypt {where}")
            total.rows += tally.rows
            total.reencrypted += tally.reencrypted
            total.indexes += tally.indexes
            total.unreadable += tally.unreadable
        self.stdout.write(
            f"Total: {total.rows} rows, {total.reencrypted} {verb}, {total.indexes} blind index values {index_verb}."
        )
        if total.unreadable:
            raise CommandError(
                f"{len(total.unreadable)} stored values cannot be decrypted with any configured key: "
                "put back the key they were written with, then run this command again."
            )
        if check and (total.reencrypted or total.indexes):
            raise CommandError("Rows are not yet under the primary key: run manage.py rotate_field_keys.")

    def scan(self, plan: Plan, *, write: bool, batch_size: int, database: str) -> Tally:
        model = plan.model
        ring = crypto.keyring()
        # The stored text as it is, without the field's decryption (from_db_value).
        stored = {_raw(f.name): Cast(f.name, output_field=models.TextField()) for f in plan.encrypted}
        columns = ["pk", *stored, *(f.attname for f in plan.indexes)]
        tally = Tally()
        last_pk = None
        while True:
            # Counting needs no transaction (on SQLite one would take the write lock).
            with transaction.atomic(using=database) if write else nullcontext():
                batch = model._base_manager.using(database).order_by("pk")
                if last_pk is not None:
                    batch = batch.filter(pk__gt=last_pk)
                if write:
                    batch = batch.select_for_update()
                rows = list(batch.annotate(**stored).values(*columns)[:batch_size])
                if not rows:
                    break
                last_pk = rows[-1]["pk"]
                updates: dict[str, dict[Any, str | None]] = {}
                for row in rows:
                    self.plan_row(plan, row, ring, updates, tally)
                if write:
                    for attname, changes in updates.items():
                        if changes:
                            self.apply(model, attname, changes, database)
        return tally

    def plan_row(self, plan: Plan, row: dict, ring: crypto.Keyring, updates: dict, tally: Tally) -> None:
        """Decide what changes in one row: each value not under the primary key gets a new
        token, and each blind index that differs from its source's value gets the right one."""
        tally.rows += 1
        plaintext: dict[str, str | None] = {}
        unreadable: set[str] = set()
        for f in plan.encrypted:
            token = row[_raw(f.name)]
            if token is None or token == "":
                plaintext[f.name] = token
                continue
            data = token.encode("ascii", "replace")
            try:
                plaintext[f.name] = ring.primary.decrypt(data).decode("utf-8")
                continue
            except InvalidToken:
                pass
            try:
                plain = ring.fernet.decrypt(data)
            except InvalidToken:
                tally.unreadable.append(f"{plan.model._meta.label}.{f.name} pk={row['pk']}")
                unreadable.add(f.name)
                continue
            plaintext[f.name] = plain.decode("utf-8")
            updates.setdefault(f.attname, {})[row["pk"]] = ring.primary.encrypt(plain).decode("ascii")
            tally.values += 1
        if any(row["pk"] in updates.get(f.attname, {}) for f in plan.encrypted):
            tally.reencrypted += 1
        for index in plan.indexes:
            if index.source in unreadable:
                continue  # left as it is: without the plaintext there is nothing to compare
            expected = crypto.blind_index(plaintext[index.source], purpose=index.purpose)
            if row[index.attname] != expected:
                updates.setdefault(index.attname, {})[row["pk"]] = expected
                tally.indexes += 1

    def apply(self, model: type[models.Model], attname: str, changes: dict[Any, str | None], database: str) -> None:
        """Write the new values as they are: one ``UPDATE`` per row, sent with ``executemany``
        (a ``CASE`` over the batch through the ORM spent most of its time building the
        expression, and ``update()`` would pass tokens through the field's encryption again)."""
        connection = connections[database]
        quote = connection.ops.quote_name
        column = next(f.column for f in model._meta.concrete_fields if f.attname == attname)
        pk = model._meta.pk
        assert pk is not None and column and pk.column
        sql = (
            f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s "  # noqa: S608 - names from the model
            f"WHERE {quote(pk.column)} = %s"
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(value, pk) for pk, value in changes.items()])
