"""Families for the tests and the access matrix."""

from __future__ import annotations

from itertools import count
from typing import Any

from families import services
from families.models import ActorKind, ConsentHow, ContactKind, ContactQuality, MemberRole, Part, SupportKind

_numbers = count(1)


def make_family(
    org: Any, coordinator: Any, *, volunteer: Any = None, parts: tuple[str, ...] = tuple(Part.values), **extra: Any
):
    """A family of ``org`` opened by ``coordinator``, with ``volunteer`` assigned and holding
    consent for ``parts``; a domain with an actor, a goal with a step, a contact."""
    trajectory = services.open_trajectory(
        org,
        acting_user=coordinator,
        pseudonym=extra.get("pseudonym") or f"Familie Amal {next(_numbers)}",
        contact_language="ar",
        members=[{"first_name": "Amal", "role": MemberRole.PARENT, "birth_year": 1988, "languages": ["ar"]}],
    )
    if volunteer is not None:
        services.assign(trajectory, volunteer, acting_user=coordinator, role="helper")
        for part in parts:
            services.give_consent(
                trajectory,
                acting_user=coordinator,
                receiver=volunteer,
                part=part,
                how=ConsentHow.SPOKEN,
                given_by="Amal",
            )
    services.save_domain(trajectory, "housing", acting_user=coordinator, goes_well="Een dak", help_needed="Groter huis")
    services.add_actor(
        trajectory,
        "housing",
        acting_user=coordinator,
        kind=ActorKind.FORMAL,
        name="SVK",
        support=SupportKind.ADVICE,
        quality=ContactQuality.GOOD,
    )
    goal = services.add_goal(
        trajectory,
        acting_user=coordinator,
        domain="housing",
        what="Een huis met drie slaapkamers",
        steps=["SVK bellen"],
    )
    services.log_contact(
        trajectory, acting_user=coordinator, kind=ContactKind.VISIT, note="Eerste bezoek", goals=[goal]
    )
    return trajectory


def make_meeting(trajectory: Any, coordinator: Any, **extra: Any):
    """A network meeting of ``trajectory`` next week about housing, with the assigned
    volunteers and the family invited."""
    from datetime import timedelta

    from django.utils import timezone

    from families import meetings

    return meetings.plan_meeting(
        trajectory,
        acting_user=coordinator,
        starts_at=extra.get("starts_at") or timezone.now() + timedelta(days=7),
        place=extra.get("place", "Het buurthuis"),
        domains=extra.get("domains", ["housing"]),
        volunteers=[a.user for a in trajectory.assignments.all()],
        family_email=extra.get("family_email", ""),
        invite_family=True,
    )


def make_guest(
    trajectory: Any, coordinator: Any, user: Any = None, *, parts: tuple[str, ...] = (), accept: bool = True
):
    """A guest professional of ``trajectory`` (``user``, or a new account), with the family's
    consent for ``parts``, accepted unless ``accept`` is False; (access, the link's token)."""
    from datetime import timedelta

    from django.utils import timezone

    from families import guests

    email = user.email if user is not None else f"gast{next(_numbers)}@ocmw.example"
    access, token = guests.invite(
        trajectory,
        acting_user=coordinator,
        name="Gitte Gast",
        email=email,
        profession="Maatschappelijk werker, OCMW",
        ends_on=timezone.localdate() + timedelta(days=90),
        consent_parts=list(parts),
        consent_how=ConsentHow.SPOKEN,
        consent_given_by="Amal",
    )
    if accept:
        access = guests.accept(access, user=access.user)
    return access, token
