"""The accounts' rows of the access matrix (core/tests/roles.py explains the format)."""

from __future__ import annotations

from core.tests.roles import LOGGED_IN, NO_OTP, PUBLIC, V, everyone, logged_in, row

# Pages a person without their required second factor may still open: pairing the app,
# giving a code, and logging out.
BEFORE_SECOND_FACTOR = {**LOGGED_IN, NO_OTP: 200}


def urls(people) -> dict:
    return {
        # Someone logged in is sent on from the log-in page.
        "accounts:login": row("/account/inloggen/", {**logged_in(302), V: 200}, {**logged_in(302), V: 200}),
        "accounts:logout": row("/account/uitloggen/", {**everyone(405), NO_OTP: 405}, {**everyone(302), NO_OTP: 302}),
        "accounts:profile": row("/account/", LOGGED_IN, LOGGED_IN),
        "accounts:otp_setup": row("/account/tweestap/", BEFORE_SECOND_FACTOR, BEFORE_SECOND_FACTOR),
        "accounts:otp_verify": row("/account/tweestap/code/", BEFORE_SECOND_FACTOR, BEFORE_SECOND_FACTOR),
        "accounts:password_reset": row("/account/wachtwoord/", PUBLIC, PUBLIC),
        "accounts:password_reset_done": row("/account/wachtwoord/verstuurd/", PUBLIC),
        # A wrong link shows "this link is not valid" (200) to every method.
        "accounts:password_reset_confirm": row("/account/wachtwoord/nieuw/MQ/bad-token/", PUBLIC, PUBLIC),
        "accounts:password_reset_complete": row("/account/wachtwoord/klaar/", PUBLIC),
    }
