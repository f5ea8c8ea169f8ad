"""Test settings: the same as production shape, with fast hashing, in-memory mail and
tasks run immediately. The database comes from DATABASE_URL (SQLite by default)."""

import base64
import os

os.environ.setdefault("GASTVRIJ_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from .settings import *  # noqa: E402,F403
from .settings import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; production uses Argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAP_TILE_URL = ""  # tests never call out
SPAM_MIN_SECONDS = 0
OTP_REQUIRED_ROLES = []
MEDIA_ROOT = VAR_DIR / "media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Django runs tests with DEBUG off, where the development keys are refused (core/crypto.py):
# fixed test keys, which protect nothing.
FIELD_ENCRYPTION_KEYS = [base64.urlsafe_b64encode(b"test-only field key, no secrets.").decode()]
BLIND_INDEX_KEY = base64.urlsafe_b64encode(b"test-only blind index key, none.").decode()
# A test-only app with one model using every encrypted field (core/tests/test_crypto_fields.py).
INSTALLED_APPS = [*INSTALLED_APPS, "core.tests.privacy_app"]  # noqa: F405

# The test runner's flush (transactional and browser tests) deletes every row; the audit
# log refuses deletes, so SQLite test databases use a backend whose flush lifts and restores
# the trigger (core/db/backends/sqlite3/base.py). PostgreSQL flushes with TRUNCATE.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "core.db.backends.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # as for Django's own SQLite backend

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "replica" not in DATABASES:
    # The read-replica tests (core/tests/test_replicas.py) route to a second alias on the same
    # test database; the router and middleware are switched on in those tests only.
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
