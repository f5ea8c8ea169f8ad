"""The method's guidance for the network map (DOMAIN.md §4): the domains in the network's
order and the prompts shown while filling in."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from toolkit.models import LIFE_DOMAINS

from .models import OWN_DOMAIN_PREFIX

# Per domain: what the domain is about, with the guide's example actors.
DOMAIN_PROMPTS: dict[str, list[Any]] = {
    "volunteer-support": [_("Who of the group supports the family, and how?")],
    "work": [_("Work, training, looking for a job. Example actors: VDAB, a training centre.")],
    "parenting": [_("Raising the children. Example actors: Kind & Gezin, CAW, i-mens.")],
    "housing": [_("A home that fits the family. Example actors: tenants' union, social rental agency (SVK).")],
    "education": [_("School and childcare. Example actors: pupil counsellor, Kind & Gezin, CLB.")],
    "integration": [_("Dutch lessons, civic integration. Example actors: CBE, Agentschap Integratie & Inburgering.")],
    "health": [_("Physical and mental health, wellbeing. Example actors: GP, Solentra.")],
    "informal-network": [_("Family, friends, neighbours. Are there people close to you?")],
    "leisure": [_("Free time, sport, clubs. Example actors: PIN vzw, Tumult.")],
    "finances": [_("Income, debts, administration. Example actors: OCMW, municipality, CAW.")],
}

# About each domain and the network as a whole.
GENERAL_PROMPTS: list[Any] = [
    _("What goes well, what goes less well?"),
    _("Who helps you here? Which contacts go well or less well?"),
    _("Where do you need extra help?"),
    _("With whom do you do things? Who helps when you cannot?"),
    _("Is there a group you belong to? To whom can you go when it is hard?"),
    _("Is there anything else you want to tell?"),
]


def domain_label(code: str) -> str:
    return str(LIFE_DOMAINS.get(code, code))


def domain_list(entries: dict[str, Any]) -> list[str]:
    """The 10 life domains in order, then the family's own domains."""
    own = sorted((c for c in entries if c.startswith(OWN_DOMAIN_PREFIX)), key=lambda c: int(c[4:] or 0))
    return [*LIFE_DOMAINS, *own]
