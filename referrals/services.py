"""Writes on referrals. Each is atomic, moves the status along ``models.STATUS`` under a row
lock, saves with ``update_fields`` and writes its audit row on the family's trajectory (part
"plan") in the same transaction. Views fetch the referral through ``access.py`` first."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.errors import ServiceError
from families import services as family_services
from families.models import Actor, DomainEntry, Goal, Part
from socialmap.models import Service

from .models import (
    FIELD_PART,
    STATUS,
    ActorService,
    Referral,
    ReferralShare,
    ReferralStatus,
    SharedField,
    hash_token,
)

REMOVED = _("“%(name)s” is no longer on the social map: it was removed meanwhile. Choose another service.")


def service_available(service_id: int | None) -> Service | None:
    """The published service with this id, or None when it was removed (or never was)."""
    if service_id is None:
        return None
    return (
        Service.objects.published()
        .select_related("organization", "location__municipality")
        .filter(pk=service_id)
        .first()
    )


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _record(code: str, referral: Referral, actor: Any = None, **details: Any) -> None:
    audit.record(code, actor=actor, obj=referral.trajectory, part=Part.PLAN, referral=referral.pk, **details)


@transaction.atomic
def propose(
    goal: Goal,
    service: Service,
    *,
    acting_user: Any,
    fields: list[str],
    introduction: str,
    consent_how: str,
    consent_given_by: str,
    consent_given_on: date,
    message: str = "",
) -> Referral:
    """A referral of the goal to the service, with the family's consent for the fields it
    shares: one consent per part for the service's organisation (the goal's life domain)."""
    trajectory = goal.trajectory
    if service_available(service.pk) is None:
        raise ServiceError(REMOVED % {"name": service.name})
    readable = trajectory.readable_parts(acting_user)
    if any(FIELD_PART[SharedField(f)] not in readable for f in fields):
        raise ServiceError(_("You can only share what you may read yourself."))
    referral = Referral.objects.create(
        trajectory=trajectory,
        goal=goal,
        service=service,
        service_name=service.name,
        introduction=introduction,
        message=message,
        consent_how=consent_how,
        consent_given_by=consent_given_by,
        consent_given_on=consent_given_on,
        created_by=acting_user,
    )
    consents: dict[str, Any] = {}
    for name in dict.fromkeys(fields):
        part = FIELD_PART[SharedField(name)]
        if part not in consents:
            consents[part] = family_services.give_consent(
                trajectory,
                acting_user=acting_user,
                receiver_organisation=service.organization.name[:200],
                part=part,
                domain=goal.domain,
                how=consent_how,
                given_by=consent_given_by,
                given_on=consent_given_on,
            )
        ReferralShare.objects.create(referral=referral, field=name, consent=consents[part])
    _record("referral.proposed", referral, acting_user, service=service.pk, fields=sorted(set(fields)))
    return referral


@transaction.atomic
def send(referral: Referral, *, acting_user: Any) -> str:
    """Send the referral: a new answer link for the service (shown once; only its hash is
    stored). Refused when the service left the social map meanwhile."""
    referral = _locked(referral)
    if service_available(referral.service_id) is None:
        raise ServiceError(REMOVED % {"name": referral.service_name})
    if referral.status != ReferralStatus.SENT:
        STATUS.check(referral.status, ReferralStatus.SENT)
    token = referral.new_link()
    referral.status = ReferralStatus.SENT
    referral.sent_at = referral.sent_at or timezone.now()
    referral.save(update_fields=["status", "sent_at", "link_hash", "link_expires_at"])
    _record("referral.sent", referral, acting_user)
    return token


@transaction.atomic
def cancel(referral: Referral, *, acting_user: Any) -> None:
    referral = _locked(referral)
    STATUS.check(referral.status, ReferralStatus.CANCELLED)
    referral.status = ReferralStatus.CANCELLED
    referral.link_hash, referral.link_expires_at = "", None
    referral.save(update_fields=["status", "link_hash", "link_expires_at"])
    _record("referral.cancelled", referral, acting_user)


def referral_for_link(token: str) -> Referral | None:
    """The referral whose answer link this is, while it is valid; None otherwise."""
    if not token or len(token) > 100:
        return None
    referral = Referral.objects.select_related("goal", "trajectory").filter(link_hash=hash_token(token)).first()
    if referral is None or referral.link_expires_at is None or referral.link_expires_at < timezone.now():
        return None
    return referral


def shared_with_service(referral: Referral) -> dict[str, Any]:
    """What the service's page shows: only the shared fields whose consent still stands.
    Nothing else of the family's record is read here."""
    fields = referral.shared_fields()
    data: dict[str, Any] = {}
    if SharedField.GOAL in fields:
        data["goal"] = referral.goal.what
    if SharedField.STEPS in fields:
        data["steps"] = [s.text for s in referral.goal.steps.all()]
    if SharedField.HELP_NEEDED in fields:
        entry = DomainEntry.objects.filter(trajectory_id=referral.trajectory_id, domain=referral.goal.domain).first()
        data["help_needed"] = entry.help_needed if entry else ""
    if SharedField.LANGUAGE in fields:
        data["language"] = referral.trajectory.contact_language
    return data


def record_service_read(referral: Referral) -> None:
    _record("referral.read_by_service", referral)


@transaction.atomic
def answer(referral: Referral, *, accepted: bool, reason: str = "") -> Referral:
    """The service accepts or refuses (with a reason) through its link."""
    referral = _locked(referral)
    new = ReferralStatus.ACCEPTED if accepted else ReferralStatus.REFUSED
    STATUS.check(referral.status, new)
    if not accepted and not reason.strip():
        raise ServiceError(_("Say why the referral is refused."))
    referral.status = new
    referral.refusal_reason = "" if accepted else reason.strip()
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "refusal_reason", "answered_at"])
    _record("referral.accepted" if accepted else "referral.refused", referral)
    return referral


@transaction.atomic
def complete(referral: Referral, *, outcome: str, acting_user: Any = None) -> Referral:
    """Done, with the outcome: by the service through its link, or by the volunteer."""
    referral = _locked(referral)
    STATUS.check(referral.status, ReferralStatus.DONE)
    if not outcome.strip():
        raise ServiceError(_("Describe the outcome."))
    referral.status = ReferralStatus.DONE
    referral.outcome = outcome.strip()
    referral.done_at = timezone.now()
    referral.save(update_fields=["status", "outcome", "done_at"])
    _record("referral.done", referral, acting_user)
    return referral


# ---------------------------------------------------------------- refused → signal


def guess_theme(referral: Referral) -> Any:
    """An active theme whose name appears in the refusal reason, else the theme used most
    for signals of the goal's life domain; None when nothing fits."""
    from signals.models import Signal, Theme

    themes = list(Theme.objects.filter(active=True))
    reason = referral.refusal_reason.casefold()
    for theme in themes:
        words = [w for w in theme.name.casefold().split() if len(w) > 3]
        if words and any(w in reason for w in words):
            return theme
    usual = (
        Signal.objects.filter(life_domain=referral.goal.domain, theme__active=True)
        .values("theme")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme")
        .first()
    )
    if usual:
        return next((t for t in themes if t.pk == usual["theme"]), None)
    return None


@transaction.atomic
def file_signal(
    referral: Referral, signal: Any, *, acting_user: Any, personal_data_kinds: list[str] | tuple = ()
) -> Any:
    """The refused referral as a signal of the group (a draft, as any signal), linked both ways."""
    from signals import services as signal_services

    referral = _locked(referral)
    if referral.status != ReferralStatus.REFUSED:
        raise ServiceError(_("Only a refused referral can be turned into a signal."))
    signal = signal_services.file_signal(signal, acting_user=acting_user, personal_data_kinds=personal_data_kinds)
    referral.signal = signal
    referral.save(update_fields=["signal"])
    _record("referral.signal_filed", referral, acting_user, signal=signal.pk)
    return signal


# ---------------------------------------------------------------- the network map


@transaction.atomic
def add_actor_from_map(
    trajectory: Any, domain: str, service: Service, *, acting_user: Any, support: str, quality: str
) -> Actor:
    """A formal actor picked from the social map: its name is the service's, and the actor
    keeps the link to the service."""
    from families.models import ActorKind

    if service_available(service.pk) is None:
        raise ServiceError(REMOVED % {"name": service.name})
    actor = family_services.add_actor(
        trajectory,
        domain,
        acting_user=acting_user,
        kind=ActorKind.FORMAL,
        name=service.name[:150],
        support=support,
        quality=quality,
    )
    ActorService.objects.create(actor=actor, service=service)
    audit.record("referral.actor_picked", actor=acting_user, obj=trajectory, part=Part.MAP, service=service.pk)
    return actor


# ---------------------------------------------------------------- the social map near the family


def family_postcode(trajectory: Any) -> Any:
    """The family's place: its group's postcode (or the first of its municipality)."""
    from places.models import PostalCode

    org = trajectory.organisation
    if org.postal_code_id:
        found = PostalCode.objects.select_related("municipality").filter(pk=org.postal_code_id).first()
        if found is not None:
            return found
    return (
        PostalCode.objects.select_related("municipality")
        .filter(municipality_id=org.municipality_id)
        .order_by("code")
        .first()
    )


def services_near(
    trajectory: Any, domain: str, *, q: str = "", welcome: list[str] | tuple = (), limit: int = 20
) -> tuple[list[Service], Any]:
    """Published services of the life domain covering the family's municipality, nearest
    first (the social map's own search). Raises socialmap.search.QueryError for bad words."""
    from socialmap import finder
    from toolkit.models import LIFE_DOMAINS

    criteria = finder.Criteria(
        q=q, domain=domain if domain in LIFE_DOMAINS else "", near=family_postcode(trajectory), welcome=list(welcome)
    )
    result = finder.find(criteria)
    return finder.with_distances(finder.load(result.ids[:limit]), criteria.point), criteria.point


def attach_to_goals(user: Any, trajectory: Any, goals: list[Goal]) -> None:
    """Each goal's referrals the user may read, as ``goal.referral_list`` (one query)."""
    by_goal: dict[int, list[Referral]] = {}
    for referral in Referral.objects.for_reader(user, trajectory).filter(goal__in=[g.pk for g in goals]):
        by_goal.setdefault(referral.goal_id, []).append(referral)
    for goal in goals:
        goal.referral_list = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]


def my_trajectories(user: Any) -> list[Any]:
    """The families the user can open and made referrals for."""
    from families.models import Trajectory

    made = Referral.objects.filter(created_by=user).values("trajectory_id")
    return list(Trajectory.objects.visible_to(user).filter(pk__in=made).select_related("organisation"))


def waiting_counts(user: Any) -> tuple[int, int]:
    """How many of the user's referrals wait for the service's answer, and how many were
    refused and not yet turned into a signal (counts only, for the home page)."""
    from families.models import Trajectory

    rows = Referral.objects.filter(created_by=user, trajectory__in=Trajectory.objects.visible_to(user))
    sent = rows.filter(status=ReferralStatus.SENT).count()
    refused = rows.filter(status=ReferralStatus.REFUSED, signal__isnull=True).count()
    return sent, refused
