from __future__ import annotations

from core.tests.roles import PUBLIC, everyone, row
from volunteers.models import Volunteer

from .factories import make_vacancy


def urls(people) -> dict:
    vacancy = make_vacancy(people.group_b)
    volunteer = Volunteer(full_name="Iemand")
    token = volunteer.new_token()
    volunteer.save()
    return {
        # A post without the signed answers of the steps goes back to the first step.
        "volunteers:signup": row("/vrijwilligen/", PUBLIC, everyone(302)),
        # Step two only answers the form of step one; a GET, or a POST without the signed
        # answers, goes back to it.
        "volunteers:choose": row("/vrijwilligen/kiezen/", everyone(302), everyone(302)),
        "volunteers:thanks": row("/vrijwilligen/bedankt/", PUBLIC),
        "volunteers:resend_link": row("/vrijwilligen/link/", PUBLIC, PUBLIC),
        # The secret link is the key: whoever holds it sees that one sign-up, nobody else does.
        "volunteers:manage": row(f"/vrijwilligen/aanmelding/{token}/", PUBLIC, PUBLIC),
        # The link sent to a new e-mail address; a wrong one is not found.
        "volunteers:confirm_email": row("/vrijwilligen/adres/not-a-token/", everyone(404), everyone(404)),
        "volunteers:vacancies": row("/vacatures/", PUBLIC),
        "volunteers:vacancy": row(f"/vacatures/{vacancy.pk}/", PUBLIC),
        "api:match": row("/api/v1/match?postcode=9000", PUBLIC),
    }
