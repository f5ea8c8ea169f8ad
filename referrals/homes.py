"""What referrals add to the volunteer's home: counts and a link, never a family's detail."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.homes import Panel, Todo, home_panel


@home_panel("volunteer", order=16)
def referrals_panel(request: HttpRequest) -> list[Panel]:
    from .services import waiting_counts

    sent, refused = waiting_counts(request.user)
    if not (sent or refused):
        return []
    url = reverse("referrals:mine")
    return [
        Panel(
            role="volunteer",
            key="referrals",
            caption=_("Support networks"),
            title=_("My referrals"),
            todos=[
                Todo(_("Waiting for the service's answer"), url, sent, order=10),
                Todo(_("Refused: turn into a signal?"), url, refused, order=20),
            ],
            links=[(_("My referrals"), url)],
        )
    ]
