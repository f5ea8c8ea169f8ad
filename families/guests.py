"""Guest professionals of one family (decision 0024): invite, accept, change the end date,
revoke, name as bridge figure.

Writes are atomic and audited (``family.guest.*``); the invitation e-mail carries a link,
never the family's pseudonym or any detail. The consent the family gives for the guest is
recorded through ``services.give_consent`` like any other consent: the guest is a consent
receiver, and reads only what those consents name.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url

from . import services
from .guest_models import MAX_MONTHS, GuestAccess, hash_guest_token
from .models import Trajectory, TrajectoryStatus

PART = "guest"


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def latest_end(today: date | None = None) -> date:
    """The furthest end date an access may have: ``MAX_MONTHS`` from today."""
    return add_months(today or timezone.localdate(), MAX_MONTHS)


def check_end(ends_on: date) -> None:
    today = timezone.localdate()
    if ends_on <= today:
        raise ServiceError(_("The end date must be in the future."))
    if ends_on > latest_end(today):
        raise ServiceError(_("The access can last at most 12 months. Choose an earlier end date."))


def is_guest(user: Any) -> bool:
    """The person holds a guest access that is not revoked (any family): a second factor is
    required of them, whatever the settings say."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_guest_cache"):
        user._guest_cache = GuestAccess.objects.filter(user=user, revoked_at__isnull=True).exists()
    return bool(user._guest_cache)


def standing_access(trajectory: Trajectory, user: Any) -> GuestAccess | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return GuestAccess.objects.standing().filter(trajectory=trajectory, user=user).first()


def is_guest_bridge(trajectory: Trajectory, user: Any) -> bool:
    """The user is a guest professional named the family's bridge figure, access standing."""
    return (
        trajectory.bridge_figure_id is not None
        and trajectory.bridge_figure_id == getattr(user, "pk", None)
        and standing_access(trajectory, user) is not None
    )


def plans_meetings(trajectory: Trajectory, user: Any) -> bool:
    """Who plans the family's network meetings: the group's coordinators, and a guest
    professional who is the family's bridge figure."""
    return trajectory.is_coordinator(user) or is_guest_bridge(trajectory, user)


def reads_only(trajectory: Trajectory, user: Any) -> bool:
    """The user reads this family as a guest professional (not a coordinator, not assigned):
    the pages hide what changes the record (the views refuse it anyway)."""
    if trajectory.is_coordinator(user) or not is_guest(user):
        return False
    return not trajectory.assignments.filter(user=user).exists()


def consent_receivers(trajectory: Trajectory) -> list[GuestAccess]:
    """The guests a consent can be recorded for (not revoked): like assignments, each has
    ``user`` and ``user_id``."""
    return list(trajectory.guests.filter(revoked_at__isnull=True).select_related("user"))


def _send(access: GuestAccess, token: str) -> None:
    queue_email(
        access.user.email,
        "families/email/guest_invitation",
        {
            "link": absolute_url(f"/gast/{token}/"),
            "expires_at": timezone.localtime(access.token_expires_at),
            "ends_on": access.ends_on,
        },
        language=getattr(access.user, "preferred_language", "nl"),
    )


@transaction.atomic
def invite(
    trajectory: Trajectory,
    *,
    acting_user: Any,
    name: str,
    email: str,
    profession: str,
    ends_on: date,
    language: str = "nl",
    consent_parts: list[str] = (),  # type: ignore[assignment]
    consent_how: str = "",
    consent_given_by: str = "",
) -> tuple[GuestAccess, str]:
    """Invite a professional to this family: an account (made when the address has none),
    a guest access and a one-use link by e-mail. The consents the family gave for the guest
    are recorded with it. An address already invited (and not revoked) is refused; a
    revoked guest is invited again on the same row."""
    if trajectory.status != TrajectoryStatus.OPEN:
        raise ServiceError(_("The support trajectory is closed: no new guests."))
    check_end(ends_on)
    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    access = GuestAccess.objects.filter(trajectory=trajectory, user=user).first() if user is not None else None
    if access is not None and access.revoked_at is None:
        raise ServiceError(_("This address is already invited to this family."))
    if user is not None and (trajectory.is_coordinator(user) or trajectory.assignments.filter(user=user).exists()):
        raise ServiceError(_("This person already supports this family as a member of the group."))
    if user is None:
        user = User.objects.create_user(email, None, full_name=name.strip()[:150], preferred_language=language)
    if access is None:
        access = GuestAccess(trajectory=trajectory, user=user)
    access.profession = profession.strip()
    access.invited_by = acting_user
    access.invited_at = timezone.now()
    access.ends_on = ends_on
    access.revoked_at = None
    access.accepted_at = None
    token = access.issue()
    access.save()
    for part in consent_parts:
        services.give_consent(
            trajectory, acting_user=acting_user, receiver=user, part=part, how=consent_how, given_by=consent_given_by
        )
    _send(access, token)
    audit.record("family.guest.invite", actor=acting_user, obj=trajectory, part=PART, guest=access.pk)
    return access, token


def find_invitation(token: str) -> tuple[GuestAccess | None, str]:
    """The invitation of a link and why it no longer works: "" (it works), "used",
    "expired", "revoked", "ended"; (None, "unknown") for a link that never was."""
    if not token or len(token) > 64:
        return None, "unknown"
    access = (
        GuestAccess.objects.select_related("trajectory", "user", "trajectory__organisation")
        .filter(token_hash=hash_guest_token(token))
        .first()
    )
    if access is None:
        return None, "unknown"
    if access.revoked_at is not None:
        return access, "revoked"
    if access.trajectory.status != TrajectoryStatus.OPEN or access.ends_on < timezone.localdate():
        return access, "ended"
    if access.accepted_at is not None:
        return access, "used"
    if access.token_expires_at is None or access.token_expires_at < timezone.now():
        return access, "expired"
    return access, ""


@transaction.atomic
def accept(access: GuestAccess, *, user: Any) -> GuestAccess:
    """The professional accepts the invitation (the link works once)."""
    locked = GuestAccess.objects.select_for_update().get(pk=access.pk)
    if locked.user_id != user.pk:
        raise ServiceError(_("This invitation is for another account."))
    if locked.accepted_at is not None or locked.revoked_at is not None:
        raise ServiceError(_("This invitation link was already used or withdrawn."))
    locked.accepted_at = timezone.now()
    locked.token_expires_at = locked.accepted_at
    locked.save(update_fields=["accepted_at", "token_expires_at"])
    audit.record("family.guest.accept", actor=user, obj=locked.trajectory, part=PART, guest=locked.pk)
    return locked


@transaction.atomic
def revoke(access: GuestAccess, *, acting_user: Any) -> None:
    """Access ends now; a guest who was the bridge figure no longer is."""
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])
    trajectory = access.trajectory
    if Trajectory.objects.filter(pk=trajectory.pk, bridge_figure=access.user_id).update(bridge_figure=None):
        trajectory.bridge_figure = None
    audit.record("family.guest.revoke", actor=acting_user, obj=trajectory, part=PART, guest=access.pk)


@transaction.atomic
def change_end(access: GuestAccess, ends_on: date, *, acting_user: Any) -> None:
    if access.revoked_at is not None:
        raise ServiceError(_("This guest's access was revoked. Invite them again instead."))
    check_end(ends_on)
    access.ends_on = ends_on
    access.save(update_fields=["ends_on"])
    audit.record("family.guest.change", actor=acting_user, obj=access.trajectory, part=PART, guest=access.pk)


@transaction.atomic
def make_bridge_figure(access: GuestAccess, *, acting_user: Any) -> None:
    """Name the guest the family's bridge figure: they plan the family's meetings."""
    if access.revoked_at is not None or access.accepted_at is None:
        raise ServiceError(_("Only a guest who accepted the invitation, and is not revoked, can be the bridge figure."))
    trajectory = access.trajectory
    trajectory.bridge_figure = access.user
    trajectory.save(update_fields=["bridge_figure"])
    audit.record("family.changed", actor=acting_user, obj=trajectory, bridge_figure=access.user_id)
