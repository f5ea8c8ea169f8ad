from __future__ import annotations

from core.tests.roles import COORD, OUT, SEC, VOL, V

# A group's leads and volunteers: its coordinators and the secretariat; the group's own
# volunteers get 403 (a read-only role); another group's coordinator 404 (not theirs).
GROUP_A_LEADS = {V: 302, VOL: 403, COORD: 200, OUT: 404, SEC: 200}


def urls(people) -> dict:
    return {
        "volunteers:inbox": (f"/groepen/{people.group_a.slug}/vrijwilligers/", GROUP_A_LEADS),
    }
