"""Encryption of stored fields and keyed blind indexes (decision 0013).

Keys come from the environment (``gastvrij/settings.py`` reads them with ``gastvrij/env.py``):

- ``GASTVRIJ_FIELD_KEYS``: one or more Fernet keys, comma-separated (or one a line in
  ``GASTVRIJ_FIELD_KEYS_FILE``). The first encrypts; every key decrypts, so a new key can
  be added in front, the data re-encrypted (``manage.py rotate_field_keys``) and the old
  key removed afterwards.
- ``GASTVRIJ_BLIND_INDEX_KEY``: a separate secret for the HMAC of values that must be
  findable by exact match (``blind_index``).

In development (``DEBUG``) both may be left unset: keys are then derived from
``SECRET_KEY`` with HKDF under their own labels. With ``DEBUG`` off that is refused, and so
is a malformed key, with a message that names the variable and never shows the key.

``settings.py`` calls ``build_keyring`` once at start-up so a bad configuration stops the
start; the fields ask ``keyring()`` for the cached keys of the current settings.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

FIELD_KEYS_VARIABLE = "GASTVRIJ_FIELD_KEYS"
BLIND_INDEX_KEY_VARIABLE = "GASTVRIJ_BLIND_INDEX_KEY"
GENERATE_COMMAND = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"

# HKDF labels of the development keys. Changing one makes data written in development unreadable.
_DEV_FIELD_LABEL = b"gastvrij field encryption: development key derived from SECRET_KEY"
_DEV_BLIND_LABEL = b"gastvrij blind index: development key derived from SECRET_KEY"


class DecryptionError(Exception):
    """Stored ciphertext that none of the configured keys opens. Never carries the ciphertext."""


@dataclass(frozen=True)
class Keyring:
    """The keys in force: ``fernet`` decrypts with any key, ``primary`` is the one that encrypts."""

    fernet: MultiFernet
    primary: Fernet
    blind_index_key: bytes = field(repr=False)
    key_count: int
    development: bool


def generate_key() -> str:
    """A new random key, in the format both variables take."""
    return Fernet.generate_key().decode("ascii")


def _split_keys(items: Sequence[str]) -> list[str]:
    # env_list splits on commas; a key file may also hold one key a line.
    return [part for item in items for part in item.split()]


def _checked_fernet(key: str, *, variable: str, position: int, count: int) -> Fernet:
    where = f"{variable}: key {position} of {count}" if count > 1 else variable
    try:
        return Fernet(key.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError, binascii.Error):
        # The message must never contain the key itself (start-up errors end up in logs).
        raise ImproperlyConfigured(
            f"{where} is not a valid key: it must be 32 random bytes in url-safe base64 "
            f"(44 characters, as Fernet keys are). Generate one with: {GENERATE_COMMAND}"
        ) from None


def _derived(secret_key: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(secret_key.encode("utf-8"))


def build_keyring(field_keys: Sequence[str], blind_index_key: str, *, secret_key: str, debug: bool) -> Keyring:
    """Check the configured keys and build the keyring; ``ImproperlyConfigured`` when they
    are missing with ``debug`` off, or malformed."""
    keys = _split_keys(field_keys)
    blind = blind_index_key.strip()
    development = not keys or not blind
    if not debug:
        for variable, present in ((FIELD_KEYS_VARIABLE, keys), (BLIND_INDEX_KEY_VARIABLE, blind)):
            if not present:
                raise ImproperlyConfigured(
                    f"{variable} must be set when GASTVRIJ_DEBUG is false: the development key derived "
                    f"from the secret key is refused in production. Set {variable} (or {variable}_FILE); "
                    f"generate a key with: {GENERATE_COMMAND}. See docs/deploy.md."
                )
    if keys:
        fernets = [
            _checked_fernet(key, variable=FIELD_KEYS_VARIABLE, position=i, count=len(keys))
            for i, key in enumerate(keys, start=1)
        ]
    else:
        fernets = [Fernet(base64.urlsafe_b64encode(_derived(secret_key, _DEV_FIELD_LABEL)))]
    if blind:
        _checked_fernet(blind, variable=BLIND_INDEX_KEY_VARIABLE, position=1, count=1)
        if blind in keys:
            raise ImproperlyConfigured(
                f"{BLIND_INDEX_KEY_VARIABLE} must be a separate secret, not one of the keys in {FIELD_KEYS_VARIABLE}."
            )
        blind_bytes = base64.urlsafe_b64decode(blind)
    else:
        blind_bytes = _derived(secret_key, _DEV_BLIND_LABEL)
    return Keyring(
        fernet=MultiFernet(fernets),
        primary=fernets[0],
        blind_index_key=blind_bytes,
        key_count=len(fernets),
        development=development,
    )


_KEY_SETTINGS = {"FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "SECRET_KEY", "DEBUG"}
_current: tuple[bool, Keyring] | None = None


def keyring() -> Keyring:
    """The keyring of the current settings, built once and rebuilt when a key setting
    changes (``override_settings`` sends ``setting_changed``; Django's test runner turns
    ``DEBUG`` off without it, hence the check of ``DEBUG`` on every call)."""
    global _current
    debug = bool(settings.DEBUG)
    if _current is None or _current[0] != debug:
        ring = build_keyring(
            list(getattr(settings, "FIELD_ENCRYPTION_KEYS", ())),
            getattr(settings, "BLIND_INDEX_KEY", ""),
            secret_key=settings.SECRET_KEY,
            debug=debug,
        )
        _current = (debug, ring)
    return _current[1]


@receiver(setting_changed)
def _forget_keyring(*, setting: str, **kwargs: object) -> None:
    global _current
    if setting in _KEY_SETTINGS:
        _current = None


def encrypt(text: str) -> str:
    """The Fernet token (ASCII) of ``text`` under the primary key."""
    return keyring().primary.encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text in ``token``; ``DecryptionError`` when no configured key opens it."""
    try:
        return keyring().fernet.decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError(
            f"a stored value cannot be decrypted with any key in {FIELD_KEYS_VARIABLE} "
            "(a key removed before `manage.py rotate_field_keys` finished, or data from another installation)"
        ) from None


def normalise(value: str) -> str:
    """The form a blind index hashes: NFKC, case-folded, runs of whitespace made one space."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return " ".join(folded.split())


@lru_cache(maxsize=64)
def _purpose_key(blind_index_key: bytes, purpose: str) -> bytes:
    # One sub-key per purpose, so the same value gives unrelated indexes in two fields.
    label = b"gastvrij blind index purpose:" + purpose.encode("utf-8")
    return hmac.new(blind_index_key, label, hashlib.sha256).digest()


def blind_index(value: str | None, *, purpose: str) -> str | None:
    """HMAC-SHA256 (hex) of the normalised ``value`` under the blind-index key and ``purpose``.

    ``None`` for ``None`` and for values that normalise to nothing. Equal values (after
    normalising) give equal indexes, so a value can be found by exact match without storing
    it; see decision 0013 for what that reveals."""
    if not purpose:
        raise ValueError("blind_index needs a purpose label, e.g. 'families.member.first_name'")
    if value is None:
        return None
    text = normalise(str(value))
    if not text:
        return None
    key = _purpose_key(keyring().blind_index_key, purpose)
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()
