from __future__ import annotations

from core.tests.roles import COORD, OUT, SEC, SECRETARIAT_ONLY, logged_in, row

# POST-only secretariat actions on a waiting lead: done (302 back to the list) by the
# secretariat; everyone else is refused by the policy.
SECRETARIAT_ACTION_GET = {**logged_in(403), SEC: 405}
SECRETARIAT_ACTION_POST = {**logged_in(403), SEC: 302}
# A group's own figures: its coordinators and the secretariat; its volunteers 403 (not a
# coordinator); another group's coordinator 404 (not theirs).
GROUP_A_FIGURES = {**logged_in(403), COORD: 200, OUT: 404, SEC: 200}


def urls(people) -> dict:
    from .factories_sec import make_engagement, make_volunteer

    lead = make_engagement(make_volunteer("Wachtende Lead", allow_pass_on=True), people.group_b, created=20)
    return {
        "volunteers:funnel": row("/secretariaat/vrijwilligers/", SECRETARIAT_ONLY),
        "volunteers:funnel_export": row("/secretariaat/vrijwilligers/export.csv", SECRETARIAT_ONLY),
        "volunteers:waiting": row("/secretariaat/vrijwilligers/wachtend/", SECRETARIAT_ONLY),
        "volunteers:pass_on": row(
            f"/secretariaat/vrijwilligers/wachtend/{lead.pk}/doorgeven/",
            SECRETARIAT_ACTION_GET,
            SECRETARIAT_ACTION_POST,
        ),
        "volunteers:ask_to_choose": row(
            f"/secretariaat/vrijwilligers/wachtend/{lead.pk}/vragen/", SECRETARIAT_ACTION_GET, SECRETARIAT_ACTION_POST
        ),
        "volunteers:group_figures": row(
            f"/groepen/{people.group_a.slug}/vrijwilligers/cijfers/",
            GROUP_A_FIGURES,
            {**GROUP_A_FIGURES, COORD: 405, OUT: 405, SEC: 405},
        ),
    }
