"""Model fields whose values are encrypted at rest, and the blind index that makes one findable.

``EncryptedTextField``, ``EncryptedCharField`` and ``EncryptedJSONField`` hold ``str`` (or
JSON values) in Python and a Fernet token in the database (``core/crypto.py``, decision
0013). ``None`` is stored as NULL and ``""`` as ``""``: whether a field is empty is not
hidden, and a token's length shows the text's length roughly anyway.

The database holds only ciphertext, so filtering on these fields is refused with a clear
``FieldError``, except ``isnull`` and ``exact`` with ``None`` or ``""``. A value that must
be found by exact match gets a ``BlindIndexField`` next to it::

    class Member(BlindIndexedModel):
        first_name = EncryptedCharField(max_length=100)
        first_name_index = BlindIndexField(source="first_name", purpose="families.member.first_name")

    Member.objects.filter(first_name_index__matches="  AMINA ")  # NFKC, case and spaces ignored

The index is computed on every save. ``BlindIndexedModel`` adds it to ``update_fields``
when its source is saved. ``QuerySet.update()`` and ``bulk_update()`` do not call ``save``:
set the index yourself there (``field.digest(value)``, or ``refresh_blind_indexes(obj)``
before ``bulk_update``). ``manage.py rotate_field_keys --check`` reports stale indexes.

``dumpdata`` writes these fields in plaintext (it is an application-level export).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core import checks, validators
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import lookups
from django.utils.translation import gettext_lazy as _

from core import crypto


def _label(field: models.Field) -> str:
    model = getattr(field, "model", None)
    return f"{model._meta.label}.{field.name}" if model is not None else str(field.name)


def _refusal(field: models.Field, what: str) -> FieldError:
    return FieldError(
        f"{_label(field)} is encrypted: the database holds only ciphertext, so it cannot be filtered "
        f"or transformed with '{what}'. Only isnull and exact None or '' work. To find a value by exact "
        "match, give the model a BlindIndexField (core/fields.py) and filter on <index>__matches."
    )


class _EmptyOnlyExact(lookups.Exact):
    """``exact`` on an encrypted field: only ``None`` (turned into ``isnull``) or ``""``."""

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if not (rhs is None or (isinstance(rhs, str) and rhs == "")):
            raise _refusal(lhs.output_field, "exact")
        super().__init__(lhs, rhs)


class EncryptedTextField(models.TextField):
    """Free text, stored as a Fernet token under the primary key of ``GASTVRIJ_FIELD_KEYS``."""

    description = _("Text (encrypted)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for option in ("unique", "primary_key", "db_index"):
            if kwargs.get(option):
                # Each encryption of a value differs, so the database cannot compare or index them.
                raise ImproperlyConfigured(
                    f"An encrypted field cannot have {option}=True: use a BlindIndexField for that."
                )
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        return "TextField"

    # Stored value <-> Python value.

    def _encrypt(self, value: Any) -> str:
        return crypto.encrypt(str(value))

    def _decrypted(self, value: str) -> str:
        try:
            return crypto.decrypt(value)
        except crypto.DecryptionError as exc:
            raise crypto.DecryptionError(f"{_label(self)}: {exc}") from None

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return self._encrypt(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self._decrypted(value)

    # Queries: refuse what would compare ciphertext.

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _EmptyOnlyExact
        raise _refusal(self, lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        raise _refusal(self, lookup_name)


class EncryptedCharField(EncryptedTextField):
    """A short encrypted text. ``max_length`` counts characters of the plaintext: checked by
    the model's validation and by the form field, never by the database (it stores text)."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        if not isinstance(max_length, int) or max_length < 1:
            raise ImproperlyConfigured("EncryptedCharField needs max_length, the longest plaintext allowed.")
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dict, list, str, number, bool), encrypted as its JSON text."""

    empty_values = [None]
    description = _("A JSON object (encrypted)")

    def __init__(self, *args: Any, encoder: type[json.JSONEncoder] | None = None, **kwargs: Any) -> None:
        self.encoder = encoder
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        return name, path, args, kwargs

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return self._encrypt(json.dumps(value, cls=self.encoder, ensure_ascii=False))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return json.loads(self._decrypted(value))

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), cls=self.encoder, ensure_ascii=False)

    def formfield(self, **kwargs: Any) -> Any:
        return models.Field.formfield(self, **{"form_class": forms.JSONField, "encoder": self.encoder, **kwargs})


class BlindIndexField(models.CharField):
    """The keyed HMAC (``core.crypto.blind_index``) of another field's value, kept in step on
    save, so the value can be found by exact (normalised) match without storing it.

    ``purpose`` is a fixed label (never derived from names that may be renamed): the same
    value gives unrelated indexes under two purposes. Changing it makes every stored index
    stale until ``manage.py rotate_field_keys`` recomputes them."""

    description = _("Blind index (keyed hash) of another field")

    _defaults = {"max_length": 64, "null": True, "blank": True, "editable": False, "db_index": True}

    def __init__(self, *args: Any, source: str, purpose: str, **kwargs: Any) -> None:
        if not purpose:
            raise ImproperlyConfigured("BlindIndexField needs a purpose label, e.g. 'families.member.first_name'.")
        self.source = source
        self.purpose = purpose
        super().__init__(*args, **{**self._defaults, **kwargs})

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for option, default in self._defaults.items():
            value = getattr(self, option)
            if value == default:
                kwargs.pop(option, None)
            else:
                kwargs[option] = value
        kwargs["source"] = self.source
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def digest(self, value: Any) -> str | None:
        """The index of ``value`` under this field's purpose (``None`` for an empty value)."""
        return crypto.blind_index(value, purpose=self.purpose)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = self.digest(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        try:
            source = self.model._meta.get_field(self.source)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist, reported as a check error
            source = None
        if not isinstance(source, EncryptedTextField) or isinstance(source, EncryptedJSONField):
            errors.append(
                checks.Error(
                    f"BlindIndexField source {self.source!r} must be an encrypted text field of the same model.",
                    obj=self,
                    id="core.E101",
                )
            )
        if not issubclass(self.model, BlindIndexedModel):
            errors.append(
                checks.Error(
                    "A model with a BlindIndexField must inherit core.fields.BlindIndexedModel, "
                    "so save(update_fields=[source]) also writes the index.",
                    obj=self,
                    id="core.E102",
                )
            )
        return errors


@BlindIndexField.register_lookup
class Matches(lookups.Exact):
    """``<index>__matches=value``: rows whose source equals ``value`` after normalising."""

    lookup_name = "matches"

    def get_prep_lookup(self) -> Any:
        if hasattr(self.rhs, "resolve_expression"):
            raise FieldError("__matches takes a value, not an expression.")
        # Empty values are stored as NULL, so "" matches nothing (and is not "IS NULL").
        return self.lhs.output_field.digest(self.rhs) or ""

    def get_rhs_op(self, connection: Any, rhs: str) -> str:
        return connection.operators["exact"] % rhs


def blind_index_fields(model: type[models.Model]) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


def refresh_blind_indexes(instance: models.Model) -> None:
    """Set every blind index of ``instance`` from its current values (before ``bulk_update``)."""
    for index in blind_index_fields(type(instance)):
        index.pre_save(instance, add=False)


class BlindIndexedModel(models.Model):
    """Base for models with a ``BlindIndexField``: ``save(update_fields=[...])`` that names a
    source also writes its index."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            names = set(update_fields)
            extra = [f.name for f in blind_index_fields(type(self)) if f.source in names and f.name not in names]
            if extra:
                kwargs["update_fields"] = [*update_fields, *extra]
        super().save(*args, **kwargs)
