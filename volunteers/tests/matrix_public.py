from __future__ import annotations

from core.tests.roles import PUBLIC, ROLES
from volunteers.models import Volunteer

from .factories import make_vacancy

EVERYONE_REDIRECTED = dict.fromkeys(ROLES, 302)


def urls(people) -> dict:
    vacancy = make_vacancy(people.group_b)
    volunteer = Volunteer(full_name="Iemand")
    token = volunteer.new_token()
    volunteer.save()
    return {
        "volunteers:signup": ("/vrijwilligen/", PUBLIC),
        # Step two only answers the form of step one; a GET goes back to it.
        "volunteers:choose": ("/vrijwilligen/kiezen/", EVERYONE_REDIRECTED),
        "volunteers:thanks": ("/vrijwilligen/bedankt/", PUBLIC),
        "volunteers:resend_link": ("/vrijwilligen/link/", PUBLIC),
        # The secret link is the key: whoever holds it sees that one sign-up, nobody else does.
        "volunteers:manage": (f"/vrijwilligen/aanmelding/{token}/", PUBLIC),
        # The link sent to a new e-mail address; a wrong one is not found.
        "volunteers:confirm_email": ("/vrijwilligen/adres/not-a-token/", dict.fromkeys(ROLES, 404)),
        "volunteers:vacancies": ("/vacatures/", PUBLIC),
        "volunteers:vacancy": (f"/vacatures/{vacancy.pk}/", PUBLIC),
        "api:match": ("/api/v1/match?postcode=9000", PUBLIC),
    }
