"""A person's own data: what they record about themselves (the self-care check-in), the
download of everything held about them (GDPR access, as JSON) and the erasure of their
account.

``export_data`` is shared with the sign-up's secret-link page, which has no account.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from core import audit
from core.errors import ServiceError
from organisations.models import Role
from organisations.services.groups import lock_coordinators

from . import services
from .languages import language_label
from .models import CheckIn, Engagement, FollowUp, Intake, Load, Volunteer


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account(user) -> dict[str, str] | None:
    return {"email": user.email, "full_name": user.full_name} if user is not None else None


def export_data(volunteer: Volunteer) -> dict[str, Any]:
    """Everything held about one person: their details, languages, activities, their path
    with each group (with its history), the intake and follow-up conversations written
    about them, and their check-ins. Names of the staff who wrote them are left out (they
    are someone else's data); the groups are named. A fixed number of queries."""
    engagements = list(
        Engagement.objects.filter(volunteer=volunteer)
        .select_related("organisation", "vacancy", "passed_on_to__organisation")
        .prefetch_related("history")
        .order_by("created_at", "pk")
    )
    intakes: dict[int, list[dict[str, Any]]] = {}
    for intake in Intake.objects.filter(engagement__volunteer=volunteer).order_by("held_on", "pk"):
        intakes.setdefault(intake.engagement_id, []).append(
            {
                "held_on": _iso(intake.held_on),
                "notes": intake.notes,
                "agreed_tasks": intake.agreed_tasks,
                "limits": intake.limits,
                "follow_up_on": _iso(intake.follow_up_on),
            }
        )
    follow_ups: dict[int, list[dict[str, Any]]] = {}
    for follow_up in FollowUp.objects.filter(engagement__volunteer=volunteer).order_by("planned_for", "pk"):
        follow_ups.setdefault(follow_up.engagement_id, []).append(
            {"planned_for": _iso(follow_up.planned_for), "done_on": _iso(follow_up.done_on), "notes": follow_up.notes}
        )
    return {
        "exported_at": _iso(datetime.now().astimezone()),
        "account": _account(volunteer.user),
        "volunteer": {
            "full_name": volunteer.full_name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "postcode": volunteer.postal_code.code if volunteer.postal_code else None,
            "municipality": volunteer.municipality.name_nl if volunteer.municipality else None,
            "latitude": volunteer.latitude,
            "longitude": volunteer.longitude,
            "interests": volunteer.interests,
            "days": volunteer.days,
            "day_parts": volunteer.day_parts,
            "hours_per_month": volunteer.hours_per_month,
            "gender": volunteer.gender,
            "can_interpret": volunteer.can_interpret,
            "findable_as_interpreter": volunteer.interpreter_visible,
            "may_be_passed_on": volunteer.allow_pass_on,
            "language_of_e_mails": volunteer.language,
            "consent_at": _iso(volunteer.consent_at),
            "created_at": _iso(volunteer.created_at),
            "updated_at": _iso(volunteer.updated_at),
            "erased_at": _iso(volunteer.erased_at),
        },
        "languages": [
            {"code": lang.code, "language": language_label(lang.code), "level": lang.level}
            for lang in volunteer.languages.all()
        ],
        "activities": [a.code for a in volunteer.activities.all()],
        "groups": [
            {
                "group": e.organisation.name,
                "vacancy": e.vacancy.title if e.vacancy else None,
                "status": e.status,
                "created_at": _iso(e.created_at),
                "contacted_at": _iso(e.contacted_at),
                "activated_at": _iso(e.activated_at),
                "stopped_at": _iso(e.stopped_at),
                "stop_reason": e.stop_reason,
                "keep_in_touch": e.keep_in_touch,
                "next_follow_up": _iso(e.next_follow_up),
                "withdrawn_at": _iso(e.withdrawn_at),
                "passed_on_to": e.passed_on_to.organisation.name if e.passed_on_to else None,
                "history": [
                    {"status": h.status, "reason": h.reason, "note": h.note_label, "changed_at": _iso(h.changed_at)}
                    for h in e.history.all()
                ],
                "intakes": intakes.get(e.pk, []),
                "follow_ups": follow_ups.get(e.pk, []),
            }
            for e in engagements
        ],
        "check_ins": [
            {"load": c.load, "load_label": str(Load(c.load).label), "note": c.note, "created_at": _iso(c.created_at)}
            for c in volunteer.check_ins.all()
        ],
        # Being asked to interpret (the interpreting app, decision 0025): when, in which language,
        # and the person's own answer; the family's topic and place are not the person's data.
        "interpreter_requests": [
            {
                "language": ask.request.language,
                "at": _iso(ask.request.starts_at),
                "asked_at": _iso(ask.asked_at),
                "answer": ask.answer,
                "reason": ask.reason,
                "answered_at": _iso(ask.answered_at),
            }
            for ask in volunteer.interpreter_asks.select_related("request").order_by("asked_at", "pk")  # type: ignore[attr-defined]
        ],
    }


def json_download(volunteer: Volunteer | None, *, user=None) -> HttpResponse:
    """Everything held about the person, as a JSON file to save (account page and secret
    link). An account without a volunteer record gets its account details only."""
    if volunteer is not None:
        data = export_data(volunteer)
        audit.record(
            "volunteer.exported", actor=user, obj=volunteer, actor_role="" if user is not None else audit.PERSON
        )
    else:
        data = {"exported_at": _iso(datetime.now().astimezone()), "account": _account(user), "volunteer": None}
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gastvrij-mijn-gegevens.json"'
    return response


@transaction.atomic
def record_check_in(user, load: int, note: str = "") -> CheckIn:
    """The volunteer says how heavy it feels (self-care); their record is made if needed."""
    if load not in Load.values:
        raise ServiceError(_("Choose how heavy it feels, from 1 to 5."))
    volunteer = services.volunteer_for_user(user)
    return CheckIn.objects.create(volunteer=volunteer, load=load, note=note.strip()[:500])


def groups_left_without_coordinator(user, *, lock: bool = False) -> list[str]:
    """The groups the user is the last coordinator of (their names). ``lock``: inside the
    erasure's transaction, hold every coordinator row of those groups first, so a demotion
    at the same moment cannot leave a group without one."""
    names = []
    memberships = user.memberships.filter(role=Role.COORDINATOR, left_at__isnull=True).select_related("organisation")
    for member in memberships.order_by("organisation_id"):
        if lock:
            coordinators = lock_coordinators(member.organisation_id)
        else:
            coordinators = list(
                member.organisation.people.filter(role=Role.COORDINATOR, left_at__isnull=True).only("pk")
            )
        if all(c.pk == member.pk for c in coordinators):
            names.append(member.organisation.name)
    return names


def check_can_erase(user, *, lock: bool = False) -> None:
    names = groups_left_without_coordinator(user, lock=lock)
    if names:
        raise ServiceError(
            _(
                "You are the last coordinator of %(groups)s. A group needs at least one coordinator: "
                "invite another coordinator first, then erase your account."
            )
            % {"groups": ", ".join(names)}
        )


@transaction.atomic
def erase_account(user) -> None:
    """Erase the person (their volunteer record, see ``services.erase``: the groups' counts
    stay) and delete their account. Refused for a group's last coordinator."""
    check_can_erase(user, lock=True)
    volunteer = Volunteer.objects.present().filter(user=user).first()
    if volunteer is not None:
        services.erase(volunteer, acting_user=user)
    audit.record("account.erased", actor=user, obj=user)
    user.delete()
