"""Settings for Gastvrij. Every value comes from the environment (see gastvrij/env.py).

Development works with no variables set: SQLite in ./var, console e-mail,
tasks in the database queue. Production sets GASTVRIJ_DEBUG=false and the
variables listed in docs/deploy.md.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.crypto import build_keyring

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GASTVRIJ_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("GASTVRIJ_DEBUG", True)
SECRET_KEY = env_str("GASTVRIJ_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("GASTVRIJ_SECRET_KEY must be set when GASTVRIJ_DEBUG is false")
# Keys of the encrypted fields and of the blind indexes (core/crypto.py, decision 0013).
# Unset in development: keys derived from SECRET_KEY. Checked here, so a missing key with
# debug off, or a malformed one, stops the start with a message naming the variable.
FIELD_ENCRYPTION_KEYS = env_list("GASTVRIJ_FIELD_KEYS", [])
BLIND_INDEX_KEY = env_str("GASTVRIJ_BLIND_INDEX_KEY", "")
build_keyring(FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, secret_key=SECRET_KEY, debug=DEBUG)
ALLOWED_HOSTS = env_list("GASTVRIJ_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GASTVRIJ_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("GASTVRIJ_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured("GASTVRIJ_SITE_URL must be set when GASTVRIJ_DEBUG is false (links in e-mails use it)")
# The header holding the visitor's address when behind a reverse proxy (e.g. X-Real-IP); empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env_str("GASTVRIJ_CLIENT_IP_HEADER", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "core",
    "places",
    "accounts",
    "organisations",
    "toolkit",
    "volunteers",
    "families",
    "signals",
    "socialmap",
    "referrals",
    "interpreting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.HttpMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiErrorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.NulBytesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "core.audit.AuditContextMiddleware",
    "core.access.AccessPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: visitors' public pages from the cache (core/pagecache.py, decision 0016).
    "core.pagecache.PublicPageCacheMiddleware",
]
# How long a visitor's public page may be served from the cache (a write ends it sooner); 0: off.
PAGE_CACHE_SECONDS = env_int("GASTVRIJ_PAGE_CACHE_SECONDS", 300)

ROOT_URLCONF = "gastvrij.urls"
FORM_RENDERER = "core.forms.GovukFormRenderer"  # every form as GOV.UK Frontend markup (decision 0011)
# A form sent without a valid CSRF token gets the site's page in the visitor's language.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "gastvrij.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.platform",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict:
    """Parse sqlite:///path or postgres://user:pass@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path[1:] if path.startswith("//") else path,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("GASTVRIJ_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL={url!r}: use sqlite:///path or postgres://...")


DATABASES = {"default": _database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gastvrij.sqlite3'}"))}
# A PostgreSQL read replica (optional): public read-only pages and the API read from it;
# everything logged in, every write, and a visitor's pages for a while after a write use
# the primary (core/replicas.py, decision 0015). Without it nothing changes.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
REPLICA_PIN_SECONDS = env_int("GASTVRIJ_REPLICA_PIN_SECONDS", 10)
if _replica_url:
    DATABASES["replica"] = _database_from_url(_replica_url)
    if {DATABASES["default"]["ENGINE"], DATABASES["replica"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL, for the replica and for DATABASE_URL")
    DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("core.pagecache.PublicPageCacheMiddleware"), "core.replicas.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed log-ins (django-axes).
AXES_FAILURE_LIMIT = env_int("GASTVRIJ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GASTVRIJ_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # either one locks
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"

# Roles that must use a second factor (TOTP) before they may use the platform.
# Choices: secretariat, coordinator, volunteer, editor, family (whoever can open a family's
# record: an assigned volunteer). Off by default in development
# so the demo log-ins work at once; production defaults to the roles that see most.
# "family": whoever can open a family's record (an assigned volunteer; coordinators are
# covered by their own role). Decision 0018. "guest": a guest professional of a family, who
# must give a second factor even when this setting leaves it out (decision 0024).
# "policy_recipient": an addressee of the signals' policy dossiers with an account (decision 0026).
OTP_REQUIRED_ROLES = env_list(
    "GASTVRIJ_OTP_REQUIRED_ROLES",
    [] if DEBUG else ["secretariat", "coordinator", "family", "guest", "policy_recipient"],
)
# Support trajectories closed this long are purged by purge_closed_trajectories (anonymous counts stay).
FAMILIES_RETENTION_MONTHS = env_int("GASTVRIJ_FAMILIES_RETENTION_MONTHS", 12)
OTP_TOTP_ISSUER = "Gastvrij"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Belgian date formats in every language, never the US ones (gastvrij/formats/<language>/).
FORMAT_MODULE_PATH = ["gastvrij.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("GASTVRIJ_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("GASTVRIJ_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files (statutes, Toolkit attachments) on S3-compatible object storage, when a
# bucket is named: shared by every app server (docs/deploy.md). The files stay private: the
# platform's views check access and stream them, no public or signed links are handed out.
_s3_bucket = env_str("GASTVRIJ_S3_BUCKET", "")
if _s3_bucket:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": env_str("GASTVRIJ_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("GASTVRIJ_S3_REGION", "") or None,
            "access_key": env_str("GASTVRIJ_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("GASTVRIJ_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("GASTVRIJ_S3_PREFIX", "media"),
            "default_acl": None,  # the bucket's own policy: keep it private
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
MAX_UPLOAD_BYTES = env_int("GASTVRIJ_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

_redis_url = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        # Without Redis, a file cache in var/ is still shared by the web server and the task worker.
        else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}
    )
}

TASKS = {
    "default": {
        "BACKEND": env_str("GASTVRIJ_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = env_str(
    "GASTVRIJ_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = env_int("GASTVRIJ_EMAIL_TIMEOUT", 20)
EMAIL_HOST = env_str("GASTVRIJ_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GASTVRIJ_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("GASTVRIJ_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("GASTVRIJ_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GASTVRIJ_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("GASTVRIJ_FROM_EMAIL", "Gastvrij Netwerk <noreply@gastvrij.invalid>")
SECRETARIAT_EMAIL = env_str("GASTVRIJ_SECRETARIAT_EMAIL", "secretariaat@gastvrij.invalid")

# Map tiles. Empty means "no tiles": the map shows markers on a plain background.
MAP_TILE_URL = env_str("GASTVRIJ_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("GASTVRIJ_MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")


def tile_source(url: str) -> str:
    """The CSP source of the map tiles: scheme and host of the tile URL, with a ``{s}``
    subdomain placeholder as a wildcard (``https://*.tile.example.org``); empty for no tiles."""
    parsed = urlparse(url)
    if not url or parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return ""
    host = parsed.netloc.replace("{s}", "*").replace("{S}", "*")
    return f"{parsed.scheme}://{host}"


# A strict Content-Security-Policy on every response (django-csp): no inline script or style,
# nothing from elsewhere except the map tiles. Permissions-Policy: core/middleware.py.
_tiles = tile_source(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tiles] if _tiles else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Public forms: minimum seconds between showing and submitting, and submissions per hour per address.
SPAM_MIN_SECONDS = env_int("GASTVRIJ_SPAM_MIN_SECONDS", 3)
SPAM_MAX_PER_HOUR = env_int("GASTVRIJ_SPAM_MAX_PER_HOUR", 10)

INVITATION_VALID_DAYS = env_int("GASTVRIJ_INVITATION_VALID_DAYS", 14)

# Django's database sessions, with the query of every signed-in request compiled once (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("GASTVRIJ_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("GASTVRIJ_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GASTVRIJ_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional setting until Django 6.0
