"""Encrypted fields and blind indexes (core/crypto.py, core/fields.py), on the test-only
model core/tests/privacy_app/models.py."""

from __future__ import annotations

import sqlite3

import pytest
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import isolate_apps

from core import crypto
from core.crypto import DecryptionError, blind_index, generate_key
from core.tests.privacy_app.models import Record

KEY_A = generate_key()
KEY_B = generate_key()


def plant(**secrets: object) -> Record:
    return Record.objects.create(**secrets)


def raw_database_text(tmp_path) -> str:
    """Everything the test database holds, read past Django. SQLite: the database written
    to a file exactly as its file or a backup would hold it (the test database lives in
    memory), then the file's bytes and every cell of every table read back through the
    sqlite3 module. PostgreSQL: every row of every table as text through a raw cursor."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "copy.sqlite3"
        path.write_bytes(connection.connection.serialize())
        copy = sqlite3.connect(path)
        tables = [name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        cells = [
            str(cell)
            for table in tables
            for row in copy.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from sqlite_master
            for cell in row
        ]
        copy.close()
        return path.read_bytes().decode("utf-8", "replace") + "\n".join(cells)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        parts: list[str] = []
        for table in tables:
            cursor.execute(f"SELECT CAST(t AS text) FROM {connection.ops.quote_name(table)} t")  # noqa: S608
            parts.extend(row[0] for row in cursor.fetchall())
    return "\n".join(parts)


@pytest.mark.django_db
def test_no_planted_secret_is_in_the_raw_database(tmp_path):
    secrets = {
        "name": "Zainab-Q7xK",
        "note": "Woont sinds maart bij haar tante in Lier, note-R3vP",
        "status": "zonder wettig verblijf S9mT",
        "details": {"health": "astma J4wN", "languages": ["ar", "nl"]},
    }
    plant(label="control-L2bH", **secrets)
    raw = raw_database_text(tmp_path)
    assert "control-L2bH" in raw  # the plain field is there: the raw read sees the row
    # Each secret carries a marker of its own; places data holds words such as "Lier" itself.
    for needle in ("Zainab", "Q7xK", "tante", "R3vP", "wettig verblijf", "S9mT", "astma", "J4wN"):
        assert needle not in raw, needle
    assert "zainab-q7xk" not in raw.lower()


@pytest.mark.django_db
def test_values_read_back_as_written():
    record = plant(name="Amina", note="Één lijn\nen een tweede", status=None, details={"kinderen": 3})
    record.refresh_from_db()
    assert (record.name, record.note, record.status, record.details) == (
        "Amina",
        "Één lijn\nen een tweede",
        None,
        {"kinderen": 3},
    )
    empty = plant()
    empty.refresh_from_db()
    assert (empty.name, empty.note, empty.status, empty.details) == ("", "", None, None)
    values = Record.objects.filter(pk=record.pk).values_list("name", "note")
    assert list(values) == [("Amina", "Één lijn\nen een tweede")]


@pytest.mark.django_db
def test_each_save_stores_a_different_token_for_the_same_text():
    first, second = plant(name="Amina"), plant(name="Amina")
    stored = dict(Record.objects.values_list("pk", "name_index"))
    assert stored[first.pk] == stored[second.pk]  # the blind index is equal...
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM privacy_app_record ORDER BY id")
        tokens = [row[0] for row in cursor.fetchall()]
    assert tokens[0] != tokens[1]  # ...the ciphertext is not


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"name": "Amina"},
        {"name__iexact": "amina"},
        {"note__icontains": "tante"},
        {"name__startswith": "A"},
        {"name__in": ["Amina"]},
        {"name__lower": "amina"},
        {"details__kinderen": 3},
    ],
)
def test_lookups_on_ciphertext_are_refused_with_a_clear_error(query):
    with pytest.raises(FieldError, match=r"is encrypted: the database holds only ciphertext.*BlindIndexField"):
        list(Record.objects.filter(**query))


@pytest.mark.django_db
def test_isnull_and_empty_lookups_still_work():
    empty, full, nothing = plant(status=""), plant(status="asiel"), plant(status=None)
    assert list(Record.objects.filter(status__isnull=True)) == [nothing]
    assert list(Record.objects.filter(status=None)) == [nothing]
    assert list(Record.objects.filter(status="")) == [empty]
    assert set(Record.objects.exclude(status__isnull=True).exclude(status="")) == {full}


@pytest.mark.django_db
def test_a_value_no_key_opens_raises_a_clear_error_and_never_returns_ciphertext():
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        record = plant(name="Amina")
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        with pytest.raises(DecryptionError, match=r"privacy_app\.Record\.name: .*GASTVRIJ_FIELD_KEYS") as caught:
            Record.objects.get(pk=record.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM privacy_app_record WHERE id = %s", [record.pk])
        token = cursor.fetchone()[0]
    assert token not in str(caught.value)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        assert Record.objects.get(pk=record.pk).name == "Amina"


@pytest.mark.django_db
def test_the_plaintext_length_is_checked_by_the_form_and_the_model():
    class RecordForm(forms.ModelForm):
        class Meta:
            model = Record
            fields = ["name", "note", "status"]

    form = RecordForm(data={"name": "x" * 41, "note": "n", "status": ""})
    assert not form.is_valid()
    assert "at most 40 characters" in form.errors["name"][0]
    assert 'maxlength="40"' in str(form["name"]) and 'type="text"' in str(form["name"])

    form = RecordForm(data={"name": "x" * 40, "note": "n", "status": ""})
    assert form.is_valid(), form.errors
    record = form.save()
    record.refresh_from_db()
    assert record.name == "x" * 40  # its token is far longer than 40 characters

    with pytest.raises(ValidationError) as caught:
        Record(name="y" * 41).full_clean()
    assert "name" in caught.value.message_dict


# Blind index.


@pytest.mark.django_db
def test_the_blind_index_finds_a_value_by_its_normalised_form():
    amina = plant(name="Amina  El Idrissi")
    plant(name="Aminata")
    for typed in ("Amina El Idrissi", "  amina el   idrissi ", "AMINA\tEL IDRISSI", "Ａｍｉｎａ El Idrissi"):
        assert list(Record.objects.filter(name_index__matches=typed)) == [amina], typed
    assert not Record.objects.filter(name_index__matches="Amina").exists()
    assert not Record.objects.filter(name_index__matches="").exists()


@pytest.mark.django_db
def test_the_blind_index_follows_the_value_on_save_with_update_fields():
    record = plant(name="Amina")
    record.name = "Fatima"
    record.save(update_fields=["name"])
    assert list(Record.objects.filter(name_index__matches="fatima")) == [record]
    assert not Record.objects.filter(name_index__matches="amina").exists()
    record.name = ""
    record.save(update_fields=["name"])
    assert Record.objects.get(pk=record.pk).name_index is None


def test_the_blind_index_differs_by_purpose_and_by_key():
    one = blind_index("Amina", purpose="families.member.first_name")
    assert one == blind_index(" AMINA ", purpose="families.member.first_name")
    assert one != blind_index("Amina", purpose="signals.signal.example")
    assert len(one) == 64 and "amina" not in one
    with override_settings(BLIND_INDEX_KEY=generate_key()):
        assert blind_index("Amina", purpose="families.member.first_name") != one
    assert blind_index("", purpose="x") is None and blind_index("  ", purpose="x") is None
    with pytest.raises(ValueError, match="purpose"):
        blind_index("Amina", purpose="")


def test_development_keys_differ_from_each_other_and_follow_the_secret_key():
    ring = crypto.build_keyring([], "", secret_key="one", debug=True)
    again = crypto.build_keyring([], "", secret_key="one", debug=True)
    other = crypto.build_keyring([], "", secret_key="two", debug=True)
    token = ring.primary.encrypt(b"x")
    assert ring.development and again.fernet.decrypt(token) == b"x"
    with pytest.raises(crypto.InvalidToken):
        other.fernet.decrypt(token)
    assert ring.blind_index_key != other.blind_index_key


@pytest.mark.django_db
def test_nul_bytes_and_long_text_round_trip_on_both_backends():
    note = "begin\x00midden\x00" + "é" * 100_000
    record = plant(note=note, name="a\x00b")
    record.refresh_from_db()
    assert (record.note, record.name) == (note, "a\x00b")


# Mistakes in a model are caught when it is defined or checked.


def test_an_encrypted_field_cannot_be_unique_or_indexed():
    from django.core.exceptions import ImproperlyConfigured

    from core.fields import EncryptedCharField, EncryptedTextField

    for option in ("unique", "db_index", "primary_key"):
        with pytest.raises(ImproperlyConfigured, match=f"cannot have {option}=True: use a BlindIndexField"):
            EncryptedTextField(**{option: True})
    with pytest.raises(ImproperlyConfigured, match="needs max_length"):
        EncryptedCharField()


@isolate_apps("core.tests.privacy_app")
def test_a_blind_index_needs_an_encrypted_source_and_the_model_base():
    from django.db import models

    from core.fields import BlindIndexedModel, BlindIndexField, EncryptedTextField

    class Plain(models.Model):
        name = EncryptedTextField()
        name_index = BlindIndexField(source="name", purpose="test.plain")

        class Meta:
            app_label = "privacy_app"

    class WrongSource(BlindIndexedModel):
        name = models.CharField(max_length=10)
        name_index = BlindIndexField(source="name", purpose="test.wrong")
        other_index = BlindIndexField(source="missing", purpose="test.missing")

        class Meta:
            app_label = "privacy_app"

    assert [e.id for e in Plain._meta.get_field("name_index").check()] == ["core.E102"]
    assert [e.id for e in WrongSource._meta.get_field("name_index").check()] == ["core.E101"]
    assert [e.id for e in WrongSource._meta.get_field("other_index").check()] == ["core.E101"]
    assert Record._meta.get_field("name_index").check() == []


def test_the_blind_index_field_writes_only_what_differs_into_migrations():
    from core.fields import BlindIndexField

    assert BlindIndexField(source="a", purpose="p").deconstruct()[3] == {"source": "a", "purpose": "p"}
    kwargs = BlindIndexField(source="a", purpose="p", null=False, db_index=False).deconstruct()[3]
    assert kwargs == {"null": False, "db_index": False, "source": "a", "purpose": "p"}
