from __future__ import annotations

from core.tests.roles import COORD, OUT, SEC, VOL, V

# A group's leads and volunteers: its coordinators and the secretariat; the group's own
# volunteers get 403 (a read-only role); another group's coordinator 404 (not theirs).
GROUP_A_LEADS = {V: 302, VOL: 403, COORD: 200, OUT: 404, SEC: 200}
# POST-only: those who may reach the view get 405 for GET; the volunteer is refused first.
GROUP_A_POST_ONLY = {V: 302, VOL: 403, COORD: 405, OUT: 405, SEC: 405}


def urls(people) -> dict:
    from volunteers.tests.factories_group import make_engagement, make_vacancy

    a = people.group_a.slug
    engagement = make_engagement(people.group_a)
    vacancy = make_vacancy(people.group_a)
    return {
        "volunteers:inbox": (f"/groepen/{a}/vrijwilligers/", GROUP_A_LEADS),
        # The secretariat opens a lead only when it waits 14 days and may be passed on (not this new one).
        "volunteers:engagement": (f"/groepen/{a}/vrijwilligers/{engagement.pk}/", GROUP_A_LEADS | {SEC: 404}),
        "volunteers:group_vacancies": (f"/groepen/{a}/vacatures/", GROUP_A_LEADS),
        "volunteers:vacancy_new": (f"/groepen/{a}/vacatures/nieuw/", GROUP_A_LEADS),
        "volunteers:vacancy_edit": (f"/groepen/{a}/vacatures/{vacancy.pk}/bewerken/", GROUP_A_LEADS),
        "volunteers:vacancy_close": (f"/groepen/{a}/vacatures/{vacancy.pk}/sluiten/", GROUP_A_POST_ONLY),
        # Interpreters are people, not leads: not for the secretariat (figures only).
        "volunteers:interpreters": (f"/groepen/{a}/tolken/?taal=ar", GROUP_A_LEADS | {SEC: 403}),
    }
