from __future__ import annotations

from core.tests.roles import COORD, LOGGED_IN, OUT, SEC, VOL, V

# Everyone with an account has their own volunteer area; visitors are sent to log in.
POST_ONLY = {V: 302, VOL: 405, COORD: 405, OUT: 405, SEC: 405}


def urls(people) -> dict:
    return {
        "volunteers:me": ("/account/vrijwilliger/", LOGGED_IN),
        "volunteers:check_in": ("/account/vrijwilliger/checkin/", POST_ONLY),
        "volunteers:my_data": ("/account/vrijwilliger/gegevens.json", LOGGED_IN),
        "volunteers:erase_me": ("/account/vrijwilliger/wissen/", LOGGED_IN),
    }
