"""The interpreter requests' rows of the access matrix (core/tests/roles.py explains the format).

A request lives on a family of group A: the family's coordinators ask; the assigned volunteer
(with the family's consent for the action plan) reads the list and a request, read-only (403
on what changes them); everyone else gets 404, as for the family's record. The interpreter
answers through the link, without an account: whoever holds a valid link reads that one ask;
an expired link gets the clear page (404)."""

from __future__ import annotations

from core.tests.roles import COORD, VOL, everyone, logged_in, row

NOBODY_ELSE = logged_in(404)
FAMILY = {**NOBODY_ELSE, COORD: 200, VOL: 200}
ASKERS = {**NOBODY_ELSE, COORD: 200, VOL: 403}
ASKERS_POST = {**NOBODY_ELSE, COORD: 400, VOL: 403}


def urls(people) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from families.tests.factories import make_family
    from interpreting.models import InterpreterAsk
    from interpreting.tests.factories import ask_with_token, make_interpreter, make_request

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    interpreter = make_interpreter(people.group_b, name="Matrix Tolk", email="matrix-tolk@example.org")
    request = make_request(family, people.coordinator)
    _ask, token = ask_with_token(request, interpreter, people.coordinator)
    other = make_request(family, people.coordinator)
    old_ask, old_token = ask_with_token(other, interpreter, people.coordinator)
    InterpreterAsk.objects.filter(pk=old_ask.pk).update(link_expires_at=timezone.now() - timedelta(minutes=1))
    t = f"/gezinnen/{family.pk}/tolken"
    return {
        "interpreting:list": row(f"{t}/", FAMILY),
        "interpreting:new": row(f"{t}/nieuw/", ASKERS, ASKERS_POST),
        "interpreting:request": row(f"{t}/{request.pk}/", FAMILY, ASKERS_POST),
        # The link is the key: whoever holds it reads and answers that one ask.
        "interpreting:answer": row(f"/tolk/{token}/", everyone(200), everyone(400)),
        "interpreting:answer [expired]": row(f"/tolk/{old_token}/", everyone(404), everyone(404)),
    }
