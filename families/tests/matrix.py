"""The families' rows of the access matrix (core/tests/roles.py explains the format).

A family of group A has group A's volunteer assigned, with the family's consent for every
part. Group A's coordinators see everything; the assigned volunteer sees the parts and is
refused (403) what only coordinators do; everyone else gets 404: other groups, the editor,
the secretariat (no family content), a person of a group that left the network.

The guest professional of group A's family (decision 0024) holds the family's consent for the
network map and the action plan, not for the contact notes: it reads those parts (404 on the
contacts and on B's family), changes nothing (403) and is refused what coordinators do (403)."""

from __future__ import annotations

from core.tests.roles import (
    COORD,
    GUEST,
    OUT,
    OUT_VOL,
    SEC,
    SECRETARIAT_ONLY,
    VOL,
    V,
    everyone,
    logged_in,
    row,
)

NOBODY_ELSE = {**logged_in(404)}
# Pages of the family's record: coordinators, the assigned volunteer and (consented parts) the guest.
FAMILY = {**NOBODY_ELSE, COORD: 200, VOL: 200, GUEST: 200}
NOT_CONSENTED_TO_GUEST = {**FAMILY, GUEST: 404}
GET_ONLY_POST = logged_in(405)
FAMILY_FORM_POST = {**NOBODY_ELSE, COORD: 400, VOL: 400, GUEST: 403}
FAMILY_ACTION_POST = {**NOBODY_ELSE, COORD: 302, VOL: 302, GUEST: 403}
# What only the group's coordinators do.
MANAGE = {**NOBODY_ELSE, COORD: 200, VOL: 403, GUEST: 403}
MANAGE_FORM_POST = {**NOBODY_ELSE, COORD: 400, VOL: 403, GUEST: 403}
MANAGE_ACTION_POST = {**NOBODY_ELSE, COORD: 302, VOL: 403, GUEST: 403}
# The group's list (COORDINATOR policy): the secretariat passes the policy but sees no family (404).
GROUP = {**logged_in(403), COORD: 200, OUT: 404, SEC: 404}
GROUP_NOT_ALLOWED = {**logged_in(403), COORD: 405, OUT: 405, SEC: 405}
GROUP_FORM_POST = {**GROUP, COORD: 400}


def urls(people) -> dict:
    from families import family_links
    from families.tests.factories import make_family, make_guest, make_meeting

    a = people.group_a.slug
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    b_family = make_family(people.group_b, people.outsider_coordinator, volunteer=people.outsider)
    _guest, used_token = make_guest(family, people.coordinator, people.guest, parts=("map", "plan"))
    _invited, invitation = make_guest(family, people.coordinator, None, accept=False)
    goal = family.goals.get()
    meeting = make_meeting(family, people.coordinator)
    m = f"/gezinnen/{family.pk}/overleg/{meeting.pk}"
    _link, token, _code = family_links.make_link(family, acting_user=people.coordinator, language="ar")
    t = f"/gezinnen/{family.pk}"
    b_only = {**NOBODY_ELSE, OUT: 200, OUT_VOL: 200}
    return {
        "families:group_list": row(f"/groepen/{a}/gezinnen/", GROUP, GROUP_NOT_ALLOWED),
        "families:new": row(f"/groepen/{a}/gezinnen/nieuw/", GROUP, GROUP_FORM_POST),
        "families:mine": row("/account/gezinnen/", logged_in(200), GET_ONLY_POST),
        "families:figures": row("/secretariaat/gezinnen/", SECRETARIAT_ONLY),
        "families:trajectory": row(f"{t}/", FAMILY, GET_ONLY_POST),
        "families:trajectory [B's family]": row(f"/gezinnen/{b_family.pk}/", b_only, GET_ONLY_POST),
        "families:members": row(f"{t}/gezinsleden/", MANAGE, MANAGE_FORM_POST),
        "families:team": row(f"{t}/team/", MANAGE, MANAGE_FORM_POST),
        "families:consent": row(f"{t}/toestemming/", MANAGE, MANAGE_FORM_POST),
        "families:status": row(f"{t}/status/", GET_ONLY_POST, MANAGE_ACTION_POST),
        "families:log": row(f"{t}/logboek/", MANAGE, GET_ONLY_POST),
        "families:map": row(f"{t}/netwerkkaart/", FAMILY, GET_ONLY_POST),
        "families:own_domain": row(f"{t}/netwerkkaart/eigen-domein/", GET_ONLY_POST, FAMILY_ACTION_POST),
        "families:domain": row(f"{t}/netwerkkaart/housing/", FAMILY, FAMILY_FORM_POST),
        "families:domain [unknown domain]": row(f"{t}/netwerkkaart/nowhere/", NOBODY_ELSE, {**NOBODY_ELSE, GUEST: 403}),
        "families:plan": row(f"{t}/handelingsplan/", FAMILY, GET_ONLY_POST),
        "families:goal_new": row(f"{t}/handelingsplan/nieuw/", FAMILY, FAMILY_FORM_POST),
        "families:goal": row(f"{t}/handelingsplan/{goal.pk}/", FAMILY, FAMILY_FORM_POST),
        "families:contacts": row(f"{t}/contacten/", NOT_CONSENTED_TO_GUEST, FAMILY_FORM_POST),
        "families:meetings": row(f"{t}/overleg/", FAMILY, MANAGE_FORM_POST),
        "families:meeting": row(f"{m}/", FAMILY, MANAGE_FORM_POST),
        "families:meeting_report": row(f"{m}/verslag/", MANAGE, MANAGE_FORM_POST),
        "families:meeting_ics": row(f"{m}/agenda.ics", FAMILY, GET_ONLY_POST),
        "families:closing": row(f"{t}/afronding/", MANAGE, MANAGE_FORM_POST),
        "families:family_link": row(f"{t}/gezinslink/", MANAGE, MANAGE_FORM_POST),
        # The family's own page: anyone with the link gets the code form; no code: 400.
        "families:family_page": row(f"/gezin/{token}/", everyone(200), everyone(400)),
        "families:family_page [revoked or unknown link]": row("/gezin/not-a-link/", everyone(404), everyone(404)),
        "families:pdf": row(f"{t}/kaart-en-plan.pdf", FAMILY, GET_ONLY_POST),
        "families:export": row(f"{t}/gegevens.json", MANAGE, GET_ONLY_POST),
        "families:erase": row(f"{t}/wissen/", MANAGE, MANAGE_FORM_POST),
        "families:guests": row(f"{t}/gasten/", MANAGE, MANAGE_FORM_POST),
        # A standing invitation: a visitor sets a password (an empty POST: 400); anyone logged
        # in with another account is told to log out first (403).
        "families:guest_accept": row(f"/gast/{invitation}/", {**logged_in(403), V: 200}, {**logged_in(403), V: 400}),
        "families:guest_accept [used link]": row(f"/gast/{used_token}/", everyone(410), everyone(410)),
        "families:guest_accept [unknown link]": row("/gast/not-a-link/", everyone(404), everyone(404)),
    }
