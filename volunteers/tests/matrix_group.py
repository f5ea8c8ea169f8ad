from __future__ import annotations

from core.tests.roles import COORD, OUT, SEC, logged_in, row

# A group's leads and volunteers: its coordinators and the secretariat; the group's own
# volunteers and everyone without a coordinator role get 403 (the policy); another group's
# coordinator 404 (not theirs).
GROUP_A_LEADS = {**logged_in(403), COORD: 200, OUT: 404, SEC: 200}
# POST to a GET-only page, and GET to a POST-only action: 405 for those the policy lets through.
GROUP_A_NOT_ALLOWED = {**logged_in(403), COORD: 405, OUT: 405, SEC: 405}
# The forms: an empty form comes back with its errors (400).
GROUP_A_FORM_POST = {**GROUP_A_LEADS, COORD: 400, SEC: 400}
# A form whose view reads ``request.POST or None``: an empty POST shows the empty form (200).
GROUP_A_EMPTY_FORM_POST = GROUP_A_LEADS
# Closing a vacancy: done (302) by A's coordinators and the secretariat.
GROUP_A_ACTION_POST = {**GROUP_A_LEADS, COORD: 302, SEC: 302}
# Group B's object under group A's address: nobody finds it there.
B_UNDER_A = {**GROUP_A_LEADS, COORD: 404, SEC: 404}


def urls(people) -> dict:
    from volunteers.tests.factories_group import make_engagement, make_vacancy

    a = people.group_a.slug
    engagement = make_engagement(people.group_a)
    vacancy = make_vacancy(people.group_a)
    b_engagement = make_engagement(people.group_b)
    b_vacancy = make_vacancy(people.group_b)
    return {
        "volunteers:inbox": row(f"/groepen/{a}/vrijwilligers/", GROUP_A_LEADS, GROUP_A_NOT_ALLOWED),
        # An empty POST names no action: refused with a message (400). The secretariat opens a
        # lead only when it waits 14 days and may be passed on (not this new one).
        "volunteers:engagement": row(
            f"/groepen/{a}/vrijwilligers/{engagement.pk}/",
            {**GROUP_A_LEADS, SEC: 404},
            {**GROUP_A_FORM_POST, SEC: 404},
        ),
        "volunteers:engagement [B's lead under A]": row(
            f"/groepen/{a}/vrijwilligers/{b_engagement.pk}/", B_UNDER_A, B_UNDER_A
        ),
        "volunteers:group_vacancies": row(f"/groepen/{a}/vacatures/", GROUP_A_LEADS, GROUP_A_NOT_ALLOWED),
        "volunteers:vacancy_new": row(f"/groepen/{a}/vacatures/nieuw/", GROUP_A_LEADS, GROUP_A_EMPTY_FORM_POST),
        "volunteers:vacancy_edit": row(
            f"/groepen/{a}/vacatures/{vacancy.pk}/bewerken/", GROUP_A_LEADS, GROUP_A_EMPTY_FORM_POST
        ),
        "volunteers:vacancy_edit [B's vacancy under A]": row(
            f"/groepen/{a}/vacatures/{b_vacancy.pk}/bewerken/", B_UNDER_A, B_UNDER_A
        ),
        "volunteers:vacancy_close": row(
            f"/groepen/{a}/vacatures/{vacancy.pk}/sluiten/", GROUP_A_NOT_ALLOWED, GROUP_A_ACTION_POST
        ),
        "volunteers:vacancy_close [B's vacancy under A]": row(
            f"/groepen/{a}/vacatures/{b_vacancy.pk}/sluiten/", GROUP_A_NOT_ALLOWED, B_UNDER_A
        ),
        # Interpreters are people, not leads: not for the secretariat (figures only).
        "volunteers:interpreters": row(
            f"/groepen/{a}/tolken/?taal=ar", {**GROUP_A_LEADS, SEC: 403}, GROUP_A_NOT_ALLOWED
        ),
    }
