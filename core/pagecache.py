"""Public pages for visitors, served from the cache (decision 0016).

A visitor who is not logged in gets the same directory, group page, vacancies, sign-up
form, Toolkit pages and API answers as every other visitor in the same language. Those
responses are kept in the cache (Redis in production) and served again without running
the view, until a write changes what the site shows or ``PAGE_CACHE_SECONDS`` pass.

- **Which requests.** GET or HEAD of a view declared public and read-only
  (``core.replicas.REPLICA_VIEWS``, and the API), by a visitor: no session cookie (so
  nobody logged in and no pending messages) and no "pinned to the primary" cookie (they
  just wrote something). And, per person, the few pages in ``PER_PERSON_VIEWS`` (the
  secretariat's overview) for a logged-in person without messages waiting, after the
  access and second-factor checks. Everything else runs as before.
- **Which responses.** 200, HTML or JSON, not streamed, setting no cookie of their own.
- **Per-request values are put back.** A cached page holds placeholders where the
  rendering put the visitor's CSRF token (every form) and the spam-protection
  timestamp of a public form (``core.spam``); serving it puts in a fresh token for this
  visitor (``get_token``, so the CSRF middleware sets their cookie) and a fresh
  timestamp. A page with a CSRF token we could not find is not cached.
- **Freshness.** The key holds a version that any saved or deleted model instance bumps
  (signals; a few models that never show on public pages and change all the time, such
  as sessions and log-in attempts, are left out), now and again after the commit.
  Writes that send no signal (``QuerySet.update``, bulk operations, raw SQL) are caught
  by the expiry.
- The key holds the language, whether htmx asked (a fragment), and the path with its
  query string.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]

from .replicas import PIN_COOKIE, REPLICA_NAMESPACES, REPLICA_VIEWS

VERSION_KEY = "pagecache:version"
# Pages of logged-in people cached per person (the same person sees the same page until a
# write): the secretariat's overview, opened many times a day.
PER_PERSON_VIEWS = frozenset({"organisations:dashboard"})
CSRF_PLACEHOLDER = "\x00csrf\x00"
STARTED_PLACEHOLDER = "\x00started\x00"
_TOKEN = re.compile(r"[A-Za-z0-9]{64}")
_STARTED = re.compile(r'(name="form_started"[^>]*?value=")[^"]*(")')
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "X-Frame-Options")
# Models that never show on a public page and change on every log-in or request: their
# writes do not make public pages stale.
_UNTRACKED = frozenset(
    {
        "sessions.session",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "admin.logentry",
        "django_tasks_database.dbtaskresult",
        "accounts.user",
        "otp_totp.totpdevice",
        # Every audited read writes one; no public page or cached overview shows them.
        "core.auditevent",
    }
)


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    return value


def bump() -> None:
    """Public pages are stale: the next visitor of each gets a fresh rendering."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted): a new value does the same
        cache.set(VERSION_KEY, time.time_ns(), None)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw") or sender._meta.label_lower in _UNTRACKED:
        return
    bump()
    transaction.on_commit(bump, robust=True)  # a visitor may have cached the old state meanwhile


def connect_signals() -> None:
    """Called once from CoreConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_changed, dispatch_uid=f"pagecache-{signal}")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache-m2m")


def _m2m_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(kwargs["model"], **kwargs)


def audience(request) -> str | None:
    """Whose page this request may get from (and store in) the cache: "public" for a visitor
    on a public read-only page, "user<pk>" for a logged-in person on a page cached per person
    (``PER_PERSON_VIEWS``), None when the view must run."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    match = request.resolver_match
    if match is None or "messages" in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if match.view_name not in PER_PERSON_VIEWS or len(getattr(request, "_messages", ())):
            return None  # messages waiting (cookie or session) are shown by the view
        return f"user{user.pk}"
    public = match.view_name in REPLICA_VIEWS or REPLICA_NAMESPACES.intersection(match.namespaces)
    if not public or settings.SESSION_COOKIE_NAME in request.COOKIES or PIN_COOKIE in request.COOKIES:
        return None
    return "public"


def key(request, who: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    htmx = "htmx" if request.headers.get("HX-Request") else "page"
    return f"pagecache:{version()}:{who}:{getattr(request, 'LANGUAGE_CODE', '')}:{htmx}:{path}"


def freeze(request, response) -> dict | None:
    """What to keep of a response, with its per-request values replaced by placeholders;
    None when it must not be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(("text/html", "application/json")):
        return None
    body = response.content.decode(response.charset or "utf-8")
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        found = [False]

        def replace(match: re.Match) -> str:
            token = match.group(0)
            if _unmask_cipher_token(token) == secret:
                found[0] = True
                return CSRF_PLACEHOLDER
            return token

        body = _TOKEN.sub(replace, body)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not found[0]:
            return None  # a token in a form we do not recognise: never serve it to others
    body = _STARTED.sub(lambda m: m.group(1) + STARTED_PLACEHOLDER + m.group(2), body)
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    return {"body": body, "headers": headers, "charset": response.charset or "utf-8"}


def thaw(request, frozen: dict) -> HttpResponse:
    body = frozen["body"]
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request))
    if STARTED_PLACEHOLDER in body:
        from .spam import started_value

        body = body.replace(STARTED_PLACEHOLDER, started_value())
    response = HttpResponse(body.encode(frozen["charset"]))
    for name, value in frozen["headers"].items():
        response[name] = value
    return response


class PublicPageCacheMiddleware:
    """Put last in MIDDLEWARE: every other middleware's ``process_view`` (access policy,
    second factor) has run when it answers from the cache, and it stores the response
    before the CSRF middleware adds the visitor's cookie."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page_key = getattr(request, "_page_cache_key", None)
        if page_key is not None:
            frozen = freeze(request, response)
            if frozen is not None:
                cache.set(page_key, frozen, settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        who = audience(request)
        if who is None:
            return None
        page_key = key(request, who)
        frozen = cache.get(page_key)
        if frozen is not None:
            return thaw(request, frozen)
        request._page_cache_key = page_key
        return None
