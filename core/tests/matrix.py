"""The core's rows of the access matrix (core/tests/roles.py explains the format)."""

from __future__ import annotations

from core.tests.roles import NO_OTP, NOT_ALLOWED, PUBLIC, everyone, row


def urls(people) -> dict:
    return {
        "home": row("/", PUBLIC),
        # Monitoring needs no log-in and no second factor.
        "healthz": row("/healthz", {**PUBLIC, NO_OTP: 200}, {**NOT_ALLOWED, NO_OTP: 405}),
        # Choosing a language works for everyone, before the second factor too.
        "set_language": row("/i18n/setlang/", {**everyone(302), NO_OTP: 302}, {**everyone(302), NO_OTP: 302}),
        "api:api-root": row("/api/v1/", everyone(404), everyone(404)),
        "api:openapi-json": row("/api/v1/openapi.json", PUBLIC),
    }
