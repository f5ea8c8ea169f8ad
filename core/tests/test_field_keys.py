"""Where the field keys come from, what is refused, and the rotation command
(core/crypto.py, core/management/commands/rotate_field_keys.py, docs/deploy.md)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from core.crypto import build_keyring, generate_key
from core.tests.privacy_app.models import Record

KEY_A, KEY_B, KEY_C = generate_key(), generate_key(), generate_key()


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate_field_keys", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def stored(column: str) -> dict[int, str | None]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM privacy_app_record")  # noqa: S608 - a fixed column name
        return dict(cursor.fetchall())


def opens(key: str, token: str) -> bool:
    try:
        Fernet(key).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


# Configuration.


@pytest.mark.parametrize("variable", ["GASTVRIJ_FIELD_KEYS", "GASTVRIJ_BLIND_INDEX_KEY"])
def test_the_development_key_is_refused_when_debug_is_off(variable):
    keys = {"GASTVRIJ_FIELD_KEYS": [KEY_A], "GASTVRIJ_BLIND_INDEX_KEY": KEY_B}
    keys[variable] = [] if variable == "GASTVRIJ_FIELD_KEYS" else ""
    with pytest.raises(ImproperlyConfigured, match=rf"^{variable} must be set when GASTVRIJ_DEBUG is false"):
        build_keyring(keys["GASTVRIJ_FIELD_KEYS"], keys["GASTVRIJ_BLIND_INDEX_KEY"], secret_key="s", debug=False)
    assert build_keyring([], "", secret_key="s", debug=True).development


def test_a_malformed_key_is_named_by_its_variable_and_never_shown():
    bad = KEY_B[:-3] + "!!="
    with pytest.raises(ImproperlyConfigured) as caught:
        build_keyring([KEY_A, bad], KEY_C, secret_key="s", debug=False)
    assert str(caught.value).startswith("GASTVRIJ_FIELD_KEYS: key 2 of 2 is not a valid key")
    assert bad not in str(caught.value) and KEY_A not in str(caught.value)
    with pytest.raises(ImproperlyConfigured, match="^GASTVRIJ_BLIND_INDEX_KEY is not a valid key") as caught:
        build_keyring([KEY_A], "too-short", secret_key="s", debug=False)
    assert "too-short" not in str(caught.value)


def test_the_blind_index_key_must_be_a_separate_secret():
    with pytest.raises(ImproperlyConfigured, match="GASTVRIJ_BLIND_INDEX_KEY must be a separate secret"):
        build_keyring([KEY_A, KEY_B], KEY_B, secret_key="s", debug=False)


def test_the_first_key_encrypts_and_every_key_decrypts():
    ring = build_keyring([KEY_A, KEY_B], KEY_C, secret_key="s", debug=False)
    old = Fernet(KEY_B).encrypt(b"oud")
    assert ring.fernet.decrypt(old) == b"oud"
    assert opens(KEY_A, ring.primary.encrypt(b"nieuw").decode()) and ring.key_count == 2 and not ring.development


@pytest.mark.django_db
@override_settings(FIELD_ENCRYPTION_KEYS=[], BLIND_INDEX_KEY="")
def test_without_keys_and_with_debug_off_nothing_is_encrypted_with_a_derived_key(settings):
    assert settings.DEBUG is False  # Django runs tests with debug off
    with pytest.raises(ImproperlyConfigured, match="GASTVRIJ_FIELD_KEYS must be set"):
        Record.objects.create(name="Amina")


def _manage_check(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GASTVRIJ_", "DJANGO_", "DATABASE_URL"))}
    environment.update(
        GASTVRIJ_DEBUG="false",
        GASTVRIJ_SECRET_KEY="k" * 20 + "Vx9!pQ2#zL7@mN4$wR8&tY1^uI5*oP3%aS6",
        GASTVRIJ_ALLOWED_HOSTS="example.org",
        GASTVRIJ_SITE_URL="https://example.org",
        GASTVRIJ_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="gastvrij.settings",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=environment, timeout=120
    )


def test_production_does_not_start_without_field_keys(tmp_path):
    result = _manage_check(tmp_path, GASTVRIJ_BLIND_INDEX_KEY=KEY_C)
    assert result.returncode != 0
    assert "ImproperlyConfigured: GASTVRIJ_FIELD_KEYS must be set when GASTVRIJ_DEBUG is false" in result.stderr


def test_production_reads_the_keys_from_files_one_a_line(tmp_path):
    (tmp_path / "field_keys").write_text(f"{KEY_A}\n{KEY_B}\n")
    (tmp_path / "blind_key").write_text(f"{KEY_C}\n")
    result = _manage_check(
        tmp_path,
        GASTVRIJ_FIELD_KEYS_FILE=str(tmp_path / "field_keys"),
        GASTVRIJ_BLIND_INDEX_KEY_FILE=str(tmp_path / "blind_key"),
    )
    assert result.returncode == 0, result.stderr

    (tmp_path / "field_keys").write_text(f"{KEY_A}\nnot-a-key-{KEY_B[:20]}\n")
    result = _manage_check(
        tmp_path,
        GASTVRIJ_FIELD_KEYS_FILE=str(tmp_path / "field_keys"),
        GASTVRIJ_BLIND_INDEX_KEY_FILE=str(tmp_path / "blind_key"),
    )
    assert result.returncode != 0
    assert "GASTVRIJ_FIELD_KEYS: key 2 of 2 is not a valid key" in result.stderr
    assert KEY_A not in result.stderr and KEY_B[:20] not in result.stderr


# Rotation.


def _plant_under_key_a(count: int) -> list[Record]:
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        records = [
            Record.objects.create(
                name=f"Naam {i}", note=f"Notitie {i}", status="erkend" if i % 2 else None, details={"i": i}
            )
            for i in range(count)
        ]
        records.append(Record.objects.create(label="empty"))  # nothing to re-encrypt in this one
    return records


@pytest.mark.django_db
def test_rotation_round_trips_from_key_a_to_key_b():
    records = _plant_under_key_a(7)
    assert all(opens(KEY_A, token) for token in stored("note").values() if token)

    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        with pytest.raises(CommandError, match="not yet under the primary key"):
            rotate("--check")
        before = stored("note")
        assert "privacy_app.Record: 8 rows, 7 not under the primary key, 0 blind index values stale" in rotate(
            "--dry-run"
        )
        assert stored("note") == before  # a dry run changes nothing

        out = rotate("--batch-size", "3")
        assert "2 field key(s) configured" in out
        assert "privacy_app.Record: 8 rows, 7 re-encrypted, 0 blind index values recomputed" in out
        assert "privacy_app.Record: 8 rows, 0 not under the primary key" in rotate("--check")

    for column in ("name", "note", "status", "details"):
        tokens = [token for token in stored(column).values() if token]
        assert tokens and all(opens(KEY_B, token) and not opens(KEY_A, token) for token in tokens), column

    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):  # key A removed
        for record in records:
            again = Record.objects.get(pk=record.pk)
            assert (again.name, again.note, again.status, again.details) == (
                record.name,
                record.note,
                record.status,
                record.details,
            )
        assert list(Record.objects.filter(name_index__matches="naam 3")) == [records[3]]


@pytest.mark.django_db
def test_rotation_twice_changes_nothing_the_second_time():
    _plant_under_key_a(3)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        rotate()
        after_first = {column: stored(column) for column in ("name", "note", "status", "details", "name_index")}
        assert "privacy_app.Record: 4 rows, 0 re-encrypted, 0 blind index values recomputed" in rotate()
        assert {column: stored(column) for column in after_first} == after_first


@pytest.mark.django_db
def test_rotation_recomputes_blind_indexes_after_a_new_blind_index_key():
    record = Record.objects.create(name="Amina")
    with override_settings(BLIND_INDEX_KEY=KEY_C):
        assert not Record.objects.filter(name_index__matches="amina").exists()
        with pytest.raises(CommandError):
            rotate("--check")
        assert "1 blind index values recomputed" in rotate()
        assert list(Record.objects.filter(name_index__matches="amina")) == [record]


@pytest.mark.django_db
def test_rotation_reports_values_no_key_opens_and_rotates_the_rest():
    _plant_under_key_a(2)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_C]):
        lost = Record.objects.create(note="under a key that will be lost")
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        err = io.StringIO()
        with pytest.raises(CommandError, match="1 stored values cannot be decrypted with any configured key"):
            call_command("rotate_field_keys", stdout=io.StringIO(), stderr=err)
        assert f"cannot decrypt privacy_app.Record.note pk={lost.pk}" in err.getvalue()
        tokens = stored("note")
        assert opens(KEY_C, tokens.pop(lost.pk))
        assert all(opens(KEY_B, token) for token in tokens.values() if token)
