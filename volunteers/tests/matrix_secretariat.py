from __future__ import annotations

from core.tests.roles import COORD, OUT, SEC, SECRETARIAT_ONLY, VOL, V

# POST-only secretariat actions: the secretariat gets 405 for GET, others are refused first.
SECRETARIAT_POST_ONLY = {V: 302, VOL: 403, COORD: 403, OUT: 403, SEC: 405}
# A group's own figures: its coordinators and the secretariat; its volunteers 403 (not a
# coordinator); another group's coordinator 404 (not theirs).
GROUP_A_FIGURES = {V: 302, VOL: 403, COORD: 200, OUT: 404, SEC: 200}


def urls(people) -> dict:
    return {
        "volunteers:funnel": ("/secretariaat/vrijwilligers/", SECRETARIAT_ONLY),
        "volunteers:funnel_export": ("/secretariaat/vrijwilligers/export.csv", SECRETARIAT_ONLY),
        "volunteers:waiting": ("/secretariaat/vrijwilligers/wachtend/", SECRETARIAT_ONLY),
        "volunteers:pass_on": ("/secretariaat/vrijwilligers/wachtend/1/doorgeven/", SECRETARIAT_POST_ONLY),
        "volunteers:ask_to_choose": ("/secretariaat/vrijwilligers/wachtend/1/vragen/", SECRETARIAT_POST_ONLY),
        "volunteers:group_figures": (f"/groepen/{people.group_a.slug}/vrijwilligers/cijfers/", GROUP_A_FIGURES),
    }
