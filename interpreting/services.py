"""Writes on interpreter requests (decision 0025). Each is atomic, moves the request's status
along ``models.STATUS`` under a row lock and writes its audit row on the family's trajectory
with the part ``interpreting`` in the same transaction. E-mails carry a link, never the
time, place, topic or anything of the family (``core.email``, sent after commit).

Views fetch the request through ``access.py`` first; the interpreter reaches an ask only
through its link (``ask_for_link``)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from families.models import Trajectory, TrajectoryStatus
from volunteers.coordination import interpreters
from volunteers.languages import LANGUAGES
from volunteers.models import Volunteer

from .models import (
    ASKABLE,
    STATUS,
    Answer,
    InterpreterAsk,
    InterpreterRequest,
    RequestStatus,
    Sensitivity,
    hash_token,
)

PART = "interpreting"
RECENT_DAYS = 90  # "accepted recently": the candidates' accepted asks in this many days


def _record(code: str, request: InterpreterRequest, actor: Any = None, **details: Any) -> None:
    if actor is None:
        details.setdefault("actor_role", audit.PERSON)
    audit.record(code, actor=actor, obj=request.trajectory, part=PART, interpreter_request=request.pk, **details)


def _locked(request: InterpreterRequest) -> InterpreterRequest:
    return InterpreterRequest.objects.select_for_update().select_related("trajectory").get(pk=request.pk)


def _touch(request: InterpreterRequest, *fields: str) -> None:
    request.updated_at = timezone.now()
    request.save(update_fields=[*fields, "updated_at"])


# ---------------------------------------------------------------- the requester


@transaction.atomic
def create_request(
    trajectory: Trajectory,
    *,
    acting_user: Any,
    starts_at: datetime,
    language: str,
    topic: str,
    sensitivity: str,
    place: str = "",
    online_link: str = "",
    meeting: Any = None,
    submission_key: uuid.UUID | None = None,
) -> InterpreterRequest:
    """A new request. A second submit of the same form (same key) returns the first."""
    if submission_key is not None:
        done = InterpreterRequest.objects.filter(submission_key=submission_key, trajectory=trajectory).first()
        if done is not None:
            return done
    if trajectory.status != TrajectoryStatus.OPEN:
        raise ServiceError(_("The support trajectory is closed: no new requests."))
    if starts_at < timezone.now():
        raise ServiceError(_("The date and time cannot be in the past. Choose a later moment."))
    if language not in LANGUAGES:
        raise ServiceError(_("Choose a language from the list."))
    if sensitivity not in Sensitivity.values:
        raise ServiceError(_("Say how sensitive the topic is."))
    if not topic.strip():
        raise ServiceError(_("Give the topic in a few general words."))
    if meeting is not None and meeting.trajectory_id != trajectory.pk:
        raise ServiceError(_("This meeting is not one of this family's."))
    if not place.strip() and not online_link.strip():
        raise ServiceError(_("Give a place or an online link."))
    try:
        with transaction.atomic():
            request = InterpreterRequest.objects.create(
                trajectory=trajectory,
                meeting=meeting,
                starts_at=starts_at,
                place=place.strip(),
                online_link=online_link.strip(),
                language=language,
                topic=topic.strip(),
                sensitivity=sensitivity,
                requested_by=acting_user,
                submission_key=submission_key,
            )
    except IntegrityError:
        # Two submits of the same form at the same moment: the other one saved it.
        done = InterpreterRequest.objects.filter(submission_key=submission_key, trajectory=trajectory).first()
        if done is None:
            raise ServiceError(_("This form was already sent. Open it again and send it once more.")) from None
        return done
    _record(
        "family.interpreter_requested",
        request,
        acting_user,
        meeting=meeting.pk if meeting else None,
        language=language,
        sensitivity=sensitivity,
    )
    return request


def candidates(request: InterpreterRequest) -> list[Volunteer]:
    """Who may be asked: volunteers who can interpret in the request's language, of the
    family's group or of any member group when they agreed to be found by the network
    (``volunteers.coordination.interpreters``). Each carries ``accepted_recently`` (asks
    accepted in the last 90 days) and ``ask`` (this request's latest ask of them, if any).
    Nothing else is read: no residence status, no family data, no notes."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    people: list[Volunteer] = list(
        interpreters(request.trajectory.organisation, request.language).annotate(
            accepted_recently=Count(
                "interpreter_asks", filter=Q(interpreter_asks__accepted_at__gte=since), distinct=True
            )
        )
    )
    latest: dict[int, InterpreterAsk] = {}
    for ask in request.asks.order_by("asked_at", "pk"):
        if ask.volunteer_id is not None:
            latest[ask.volunteer_id] = ask
    for person in people:
        person.ask = latest.get(person.pk)  # type: ignore[attr-defined]
    return people


def _candidate(request: InterpreterRequest, volunteer_id: int) -> Volunteer:
    found = interpreters(request.trajectory.organisation, request.language).filter(pk=volunteer_id).first()
    if found is None:
        raise ServiceError(_("This person cannot be asked (any more) for this language. Choose someone from the list."))
    if not found.email:
        raise ServiceError(_("This person has no e-mail address: contact them through their group."))
    return found


def _close_pending(request: InterpreterRequest) -> None:
    """Pending asks are no longer needed: their links stop working."""
    request.asks.filter(answer=Answer.PENDING).update(
        answer=Answer.CLOSED, answered_at=timezone.now(), link_hash="", link_expires_at=None
    )


@transaction.atomic
def ask(request: InterpreterRequest, volunteer_id: int, *, acting_user: Any) -> InterpreterAsk:
    """Ask one interpreter: a new link for them (valid until the request's time), e-mailed
    (link only). Asking someone else while an ask is pending closes that ask. Asking the
    same person again while they have not answered changes nothing (a double submit)."""
    request = _locked(request)
    if request.status not in ASKABLE:
        STATUS.check(request.status, RequestStatus.ASKED)
    if request.starts_at < timezone.now():
        raise ServiceError(_("The moment of this request has passed: nobody can be asked for it any more."))
    pending = request.asks.filter(answer=Answer.PENDING).first()
    if pending is not None and pending.volunteer_id == volunteer_id:
        return pending
    volunteer = _candidate(request, volunteer_id)
    STATUS.check(request.status, RequestStatus.ASKED)
    _close_pending(request)
    new = InterpreterAsk(request=request, volunteer=volunteer, asked_by=acting_user)
    token = new.new_link()
    new.save()
    request.status = RequestStatus.ASKED
    request.interpreter = volunteer
    _touch(request, "status", "interpreter")
    queue_email(
        volunteer.email,
        "interpreting/email/asked",
        {"url": absolute_url("interpreting:answer", token)},
        language=volunteer.language or "nl",
    )
    _record("family.interpreter_asked", request, acting_user, volunteer=volunteer.pk, ask=new.pk)
    return new


@transaction.atomic
def record_social(request: InterpreterRequest, *, acting_user: Any, booked_by: str) -> InterpreterRequest:
    """A social interpreter was booked through a professional (a private person cannot book
    the public service): recorded with who booked it; no interpreter of the pool is asked."""
    request = _locked(request)
    STATUS.check(request.status, RequestStatus.SOCIAL)
    if not booked_by.strip():
        raise ServiceError(_("Say which professional booked the social interpreter."))
    _close_pending(request)
    request.status = RequestStatus.SOCIAL
    request.social_booked_by = booked_by.strip()
    request.interpreter = None
    _touch(request, "status", "social_booked_by", "interpreter")
    _record("family.interpreter_social", request, acting_user)
    return request


@transaction.atomic
def complete(request: InterpreterRequest, *, acting_user: Any) -> InterpreterRequest:
    request = _locked(request)
    if request.status == RequestStatus.DONE:
        return request
    STATUS.check(request.status, RequestStatus.DONE)
    request.status = RequestStatus.DONE
    _touch(request, "status")
    _record("family.interpreter_done", request, acting_user)
    return request


@transaction.atomic
def cancel(request: InterpreterRequest, *, acting_user: Any) -> InterpreterRequest:
    """Cancel: pending asks are closed (links stop working); an interpreter who accepted is
    told by e-mail (a link to the request's page, which says it is cancelled)."""
    request = _locked(request)
    if request.status == RequestStatus.CANCELLED:
        return request
    STATUS.check(request.status, RequestStatus.CANCELLED)
    accepted = request.asks.filter(answer=Answer.ACCEPTED).select_related("volunteer").first()
    _close_pending(request)
    request.status = RequestStatus.CANCELLED
    _touch(request, "status")
    if accepted is not None and accepted.volunteer is not None and accepted.volunteer.email:
        token = accepted.new_link()
        accepted.link_expires_at = max(request.starts_at, timezone.now() + timedelta(days=1))
        accepted.save(update_fields=["link_hash", "link_expires_at"])
        queue_email(
            accepted.volunteer.email,
            "interpreting/email/cancelled",
            {"url": absolute_url("interpreting:answer", token)},
            language=accepted.volunteer.language or "nl",
        )
    _record("family.interpreter_cancelled", request, acting_user)
    return request


def set_meeting_interpreting(request: InterpreterRequest, *, acting_user: Any) -> None:
    """Record on the request's meeting that an informal interpreter of the network comes
    (the families app's own service; its note and the sensitivity are kept or set)."""
    from families import meetings
    from families.meeting_models import Interpreting

    if request.meeting is None or request.status not in (RequestStatus.ACCEPTED, RequestStatus.DONE):
        raise ServiceError(_("Only an accepted request for a meeting can be noted on the meeting."))
    meeting = request.meeting
    meetings.set_interpreting(
        meeting,
        acting_user=acting_user,
        interpreting=Interpreting.VOLUNTEER,
        note=meeting.interpreting_note,
        sensitive=meeting.sensitive_topic or request.is_sensitive,
    )


# ---------------------------------------------------------------- the interpreter, through the link


def ask_for_link(token: str) -> InterpreterAsk | None:
    """The ask whose link this is, while it is valid; None otherwise (unknown, replaced,
    expired at the request's time)."""
    if not token or len(token) > 100:
        return None
    found = (
        InterpreterAsk.objects.select_related("request__trajectory__organisation", "request__requested_by", "volunteer")
        .filter(link_hash=hash_token(token))
        .first()
    )
    if found is None or found.link_expires_at is None or found.link_expires_at < timezone.now():
        return None
    return found


def record_link_read(found: InterpreterAsk) -> None:
    _record("family.interpreter_read", found.request, ask=found.pk)


def _notify_requester(request: InterpreterRequest, template: str) -> None:
    """The requester is told by e-mail (a link to the request's page), while they can still
    open the family's record."""
    user = request.requested_by
    if user is None or not user.email:
        return
    if not Trajectory.objects.visible_to(user).filter(pk=request.trajectory_id).exists():
        return
    queue_email(
        user.email,
        template,
        {"url": absolute_url(request.get_absolute_url())},
        language=user.preferred_language or "nl",
    )


def _locked_ask(found: InterpreterAsk) -> tuple[InterpreterAsk, InterpreterRequest]:
    request = _locked(found.request)
    locked = InterpreterAsk.objects.select_for_update().get(pk=found.pk)
    locked.request = request
    return locked, request


@transaction.atomic
def accept(found: InterpreterAsk) -> InterpreterAsk:
    """The interpreter accepts. Accepting twice changes nothing."""
    found, request = _locked_ask(found)
    if found.answer == Answer.ACCEPTED:
        return found
    if found.answer != Answer.PENDING:
        raise ServiceError(_("You already answered this request; it can no longer be accepted."))
    STATUS.check(request.status, RequestStatus.ACCEPTED)
    now = timezone.now()
    found.answer, found.answered_at, found.accepted_at, found.reason = Answer.ACCEPTED, now, now, ""
    found.save(update_fields=["answer", "answered_at", "accepted_at", "reason"])
    request.status = RequestStatus.ACCEPTED
    _touch(request, "status")
    _record("family.interpreter_accepted", request, ask=found.pk)
    _notify_requester(request, "interpreting/email/answered")
    return found


@transaction.atomic
def decline(found: InterpreterAsk, *, reason: str = "") -> InterpreterAsk:
    """The interpreter declines (a reason is optional). After accepting, declining is not
    possible: the interpreter withdraws, with a reason (``withdraw``)."""
    found, request = _locked_ask(found)
    if found.answer == Answer.DECLINED:
        return found
    if found.answer == Answer.ACCEPTED:
        raise ServiceError(
            _("You accepted this request earlier. To withdraw, say why below: the group is told and asks someone else.")
        )
    if found.answer != Answer.PENDING:
        raise ServiceError(_("This request no longer waits for your answer. Thank you all the same."))
    STATUS.check(request.status, RequestStatus.DECLINED)
    found.answer, found.answered_at, found.reason = Answer.DECLINED, timezone.now(), reason.strip()
    found.save(update_fields=["answer", "answered_at", "reason"])
    request.status = RequestStatus.DECLINED
    request.interpreter = None
    _touch(request, "status", "interpreter")
    _record("family.interpreter_declined", request, ask=found.pk)
    _notify_requester(request, "interpreting/email/answered")
    return found


@transaction.atomic
def withdraw(found: InterpreterAsk, *, reason: str) -> InterpreterAsk:
    """An interpreter who accepted withdraws, with a reason: the request opens again, the
    requester is told (link only) and asks someone else. Nothing else is lost."""
    found, request = _locked_ask(found)
    if found.answer == Answer.WITHDRAWN:
        return found
    if found.answer != Answer.ACCEPTED or request.status != RequestStatus.ACCEPTED:
        raise ServiceError(_("Only an accepted request can be withdrawn from."))
    if not reason.strip():
        raise ServiceError(_("Say briefly why you withdraw, so the group can find someone else."))
    found.answer, found.answered_at, found.reason = Answer.WITHDRAWN, timezone.now(), reason.strip()
    found.save(update_fields=["answer", "answered_at", "reason"])
    STATUS.check(request.status, RequestStatus.OPEN)
    request.status = RequestStatus.OPEN
    request.interpreter = None
    _touch(request, "status", "interpreter")
    _record("family.interpreter_withdrawn", request, ask=found.pk)
    _notify_requester(request, "interpreting/email/withdrawn")
    return found


# ---------------------------------------------------------------- reading


def for_trajectory(trajectory: Trajectory) -> QuerySet[InterpreterRequest]:
    return trajectory.interpreter_requests.select_related("interpreter", "meeting", "requested_by")  # type: ignore[attr-defined]


def new_submission_key() -> str:
    return str(uuid.uuid4())
