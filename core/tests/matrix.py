"""The core's rows of the access matrix (core/tests/roles.py explains the format)."""

from __future__ import annotations

from core.tests.roles import (
    COORD,
    LOGGED_IN,
    NO_OTP,
    NOT_ALLOWED,
    OUT,
    PUBLIC,
    SECRETARIAT_ONLY,
    everyone,
    logged_in,
    row,
)


def urls(people) -> dict:
    return {
        "home": row("/", PUBLIC),
        # Each role's home after log-in; "Mijn groep" lists the tools of the groups one coordinates.
        "start": row("/start/", LOGGED_IN),
        # (people who coordinate no group are sent to their home)
        "my_group": row("/mijn-groep/", {**logged_in(302), COORD: 200, OUT: 200}, logged_in(405)),
        # The footer's pages.
        "contact": row("/contact/", PUBLIC),
        "privacy": row("/privacy/", PUBLIC),
        "accessibility": row("/toegankelijkheid/", PUBLIC),
        "core:network_log": row("/secretariaat/logboek/", SECRETARIAT_ONLY),
        # Monitoring needs no log-in and no second factor.
        "healthz": row("/healthz", {**PUBLIC, NO_OTP: 200}, {**NOT_ALLOWED, NO_OTP: 405}),
        # Choosing a language works for everyone, before the second factor too.
        "set_language": row("/i18n/setlang/", {**everyone(302), NO_OTP: 302}, {**everyone(302), NO_OTP: 302}),
        "api:api-root": row("/api/v1/", everyone(404), everyone(404)),
        "api:openapi-json": row("/api/v1/openapi.json", PUBLIC),
    }
