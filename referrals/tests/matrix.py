"""The referrals' rows of the access matrix (core/tests/roles.py explains the format).

A referral lives on a family's goal: group A's coordinators and the assigned volunteer (with
the family's consent for the action plan) open it; everyone else gets 404, as for the
family's record. The service answers through its link, without an account: whoever holds a
valid link reads that one referral; an expired link gets the clear page (404)."""

from __future__ import annotations

from core.tests.roles import COORD, VOL, everyone, logged_in, row

NOBODY_ELSE = logged_in(404)
FAMILY = {**NOBODY_ELSE, COORD: 200, VOL: 200}
FAMILY_FORM_POST = {**NOBODY_ELSE, COORD: 400, VOL: 400}


def urls(people) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from families.tests.factories import make_family
    from referrals.models import Referral
    from referrals.tests.factories import make_referral
    from socialmap.tests.factories import make_service

    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer)
    service = make_service("Sociaal Verhuurkantoor Mechelen", organization="SVK Mechelen")
    goal = family.goals.get()
    proposed, _token = make_referral(family, people.coordinator, service)
    refused, _token = make_referral(family, people.coordinator, service, status="refused")
    sent, token = make_referral(family, people.coordinator, service, status="sent")
    expired, old_token = make_referral(family, people.coordinator, service, status="sent")
    Referral.objects.filter(pk=expired.pk).update(link_expires_at=timezone.now() - timedelta(days=1))
    t = f"/gezinnen/{family.pk}"
    return {
        "referrals:new": row(f"{t}/handelingsplan/{goal.pk}/doorverwijzen/", FAMILY, FAMILY_FORM_POST),
        "referrals:referral": row(f"{t}/doorverwijzingen/{proposed.pk}/", FAMILY, FAMILY_FORM_POST),
        "referrals:signal": row(f"{t}/doorverwijzingen/{refused.pk}/signaal/", FAMILY, FAMILY_FORM_POST),
        "referrals:signal [not refused]": row(f"{t}/doorverwijzingen/{proposed.pk}/signaal/", NOBODY_ELSE, NOBODY_ELSE),
        "referrals:letter": row(f"{t}/doorverwijzingen/{proposed.pk}/brief/", FAMILY),
        "referrals:mine": row("/account/doorverwijzingen/", logged_in(200)),
        "referrals:pick_actor": row(f"{t}/netwerkkaart/housing/sociale-kaart/", FAMILY, FAMILY_FORM_POST),
        # The link is the key: whoever holds it reads and answers that one referral.
        "referrals:answer": row(f"/doorverwijzing/{token}/", everyone(200), everyone(400)),
        "referrals:answer [expired]": row(f"/doorverwijzing/{old_token}/", everyone(404), everyone(404)),
    }
