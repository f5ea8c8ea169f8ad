from __future__ import annotations

from core.tests.roles import LOGGED_IN, logged_in, row


def urls(people) -> dict:
    # Everyone with an account has their own volunteer area; visitors are sent to log in.
    # An empty form comes back with its errors (200).
    return {
        "volunteers:me": row("/account/vrijwilliger/", LOGGED_IN, LOGGED_IN),
        "volunteers:check_in": row("/account/vrijwilliger/checkin/", logged_in(405), LOGGED_IN),
        "volunteers:my_data": row("/account/vrijwilliger/gegevens.json", LOGGED_IN),
        "volunteers:erase_me": row("/account/vrijwilliger/wissen/", LOGGED_IN, LOGGED_IN),
    }
