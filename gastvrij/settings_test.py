"""Test settings: the same as production shape, with fast hashing, in-memory mail and
tasks run immediately. The database comes from DATABASE_URL (SQLite by default)."""

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

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "replica" not in DATABASES:
    # The read-replica tests (core/tests/test_replicas.py) route to a second alias on the same
    # test database; the router and middleware are switched on in those tests only.
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
