from __future__ import annotations

from core.tests.roles import PUBLIC


def urls(people) -> dict:
    return {
        "volunteers:signup": ("/vrijwilligen/", PUBLIC),
    }
