"""A group's coordinators at work: leads, intake, status, follow-up, vacancies, interpreters,
reminders.

Every write is atomic, saves with ``update_fields`` and keeps the status history through
``services.record_status``; e-mails carry links only and leave after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import queue_email
from organisations import services as org_services
from organisations.models import Invitation, Organisation, OrganisationMember, Role

from . import matching
from .models import (
    OVERLOAD_FROM,
    CheckIn,
    Engagement,
    FollowUp,
    Intake,
    Status,
    StatusChange,
    StopReason,
    Vacancy,
    Volunteer,
)
from .services import ServiceError, record_status

UNANSWERED_DAYS = 7  # a lead nobody contacted for this long is flagged to the coordinators
SECRETARIAT_DAYS = 14  # ... and, after this long, to the secretariat
OVERLOAD_WINDOW_DAYS = 60  # only a recent check-in says something about the load
CURRENT = (Status.ACTIVE, Status.PAUSED)

# ---------------------------------------------------------------- reading


def inbox(
    org: Organisation, visible: QuerySet[Engagement], *, status: str = "", todo: str = ""
) -> QuerySet[Engagement]:
    """The group's engagements for the inbox, new leads first, with the flags the rows show
    (a fixed number of queries whatever the size). ``todo``: only the leads waiting 7+ days
    (``wachtend``) or the follow-ups due (``opvolging``), as the coordinator's home counts them."""
    now = timezone.now()
    since = now - timedelta(days=OVERLOAD_WINDOW_DAYS)
    latest_load = (
        CheckIn.objects.filter(volunteer=OuterRef("volunteer"), created_at__gte=since)
        .order_by("-created_at", "-pk")
        .values("load")[:1]
    )
    rows = visible.filter(organisation=org)
    if status:
        rows = rows.filter(status=status)
    if todo == "wachtend":
        rows = rows.filter(
            status=Status.LEAD, contacted_at__isnull=True, created_at__lte=now - timedelta(days=UNANSWERED_DAYS)
        )
    elif todo == "opvolging":
        rows = rows.filter(next_follow_up__lte=timezone.localdate(now)).exclude(status=Status.STOPPED)
    return (
        rows.select_related("volunteer", "vacancy")
        .prefetch_related("volunteer__languages", "volunteer__activities")
        .annotate(
            latest_load=Subquery(latest_load, output_field=IntegerField()),
            unanswered=ExpressionWrapper(
                Q(
                    status=Status.LEAD,
                    contacted_at__isnull=True,
                    created_at__lte=now - timedelta(days=UNANSWERED_DAYS),
                ),
                output_field=BooleanField(),
            ),
            status_rank=Case(
                *(When(status=s, then=Value(i)) for i, s in enumerate(Status.values)),
                output_field=IntegerField(),
            ),
        )
        .order_by("status_rank", "-created_at", "-pk")
    )


def is_overloaded(latest_load: int | None) -> bool:
    return latest_load is not None and latest_load >= OVERLOAD_FROM


def status_counts(org: Organisation, visible: QuerySet[Engagement]) -> dict[str, int]:
    counts = dict(visible.filter(organisation=org).values_list("status").annotate(n=Count("pk")).order_by())
    return {s: counts.get(s, 0) for s in Status.values}


def interpreters(org: Organisation, language: str = "") -> QuerySet[Volunteer]:
    """Volunteers who can interpret: the group's own (active or paused) and those of other
    groups who agreed to be found by the network; never erased or withdrawn people."""
    current = Engagement.objects.filter(status__in=CURRENT, withdrawn_at__isnull=True)
    own = current.filter(organisation=org)
    elsewhere = current.filter(organisation__status="member")
    people = (
        Volunteer.objects.present()
        .filter(can_interpret=True)
        .filter(
            Q(pk__in=own.values("volunteer_id")) | Q(interpreter_visible=True, pk__in=elsewhere.values("volunteer_id"))
        )
    )
    if language:
        people = people.filter(languages__code=language)
    return (
        people.distinct()
        .prefetch_related(
            "languages",
            Prefetch(
                "engagements",
                queryset=current.select_related("organisation").order_by("organisation__name"),
                to_attr="current_engagements",
            ),
        )
        .order_by("full_name", "pk")
    )


# ---------------------------------------------------------------- leads and volunteers


@transaction.atomic
def mark_contacted(engagement: Engagement, *, acting_user, note: str = "") -> None:
    """Someone of the group answered the lead (the 7-day flag goes)."""
    now = timezone.now()
    if engagement.contacted_at is None:
        engagement.contacted_at = now
        engagement.save(update_fields=["contacted_at"])
    # A history row without a change of status (record_status would reset a stop's dates).
    StatusChange.objects.create(
        engagement=engagement,
        status=engagement.status,
        note=(note or "contacted")[:500],
        changed_by=acting_user,
        changed_at=now,
    )


def _refresh_next_follow_up(engagement: Engagement) -> None:
    first = (
        engagement.follow_ups.filter(done_on__isnull=True)
        .order_by("planned_for")
        .values_list("planned_for", flat=True)
        .first()
    )
    if engagement.next_follow_up != first:
        engagement.next_follow_up = first
        engagement.save(update_fields=["next_follow_up"])


@transaction.atomic
def record_intake(
    engagement: Engagement,
    *,
    acting_user,
    held_on: date,
    notes: str = "",
    agreed_tasks: str = "",
    limits: str = "",
    follow_up_on: date | None = None,
) -> Intake:
    """An intake conversation took place: a lead becomes "intake"; a follow-up gets planned."""
    intake = Intake.objects.create(
        engagement=engagement,
        held_on=held_on,
        notes=notes,
        agreed_tasks=agreed_tasks,
        limits=limits,
        follow_up_on=follow_up_on,
        recorded_by=acting_user,
    )
    if engagement.contacted_at is None:
        engagement.contacted_at = timezone.now()
        engagement.save(update_fields=["contacted_at"])
    if engagement.status == Status.LEAD:
        record_status(engagement, Status.INTAKE, acting_user=acting_user, note="intake")
    if follow_up_on is not None:
        FollowUp.objects.create(engagement=engagement, planned_for=follow_up_on, recorded_by=acting_user)
        _refresh_next_follow_up(engagement)
    return intake


def _group_member(engagement: Engagement) -> OrganisationMember | None:
    volunteer = engagement.volunteer
    who = Q(user_id=volunteer.user_id) if volunteer.user_id else Q(pk__in=[])
    if volunteer.email:
        who |= Q(user__email__iexact=volunteer.email)
    return (
        OrganisationMember.objects.filter(organisation=engagement.organisation, left_at__isnull=True)
        .filter(who)
        .select_related("user")
        .first()
    )


@transaction.atomic
def make_volunteer(engagement: Engagement, *, acting_user) -> Invitation | None:
    """The lead becomes a volunteer of the group: invited by e-mail to make an account
    (returned), or simply active when they are already part of the group (None). Asked
    again, it sends a new invitation that replaces the open one."""
    volunteer = engagement.volunteer
    if engagement.contacted_at is None:
        engagement.contacted_at = timezone.now()
        engagement.save(update_fields=["contacted_at"])
    member = _group_member(engagement)
    if member is not None:
        if volunteer.user_id is None and not Volunteer.objects.filter(user=member.user).exists():
            volunteer.user = member.user
            volunteer.save(update_fields=["user", "updated_at"])
        if engagement.status != Status.ACTIVE:
            record_status(engagement, Status.ACTIVE, acting_user=acting_user, note="already part of the group")
        return None
    if not volunteer.email:
        raise ServiceError(
            _(
                "%(name)s has no e-mail address, so no account invitation can be sent. "
                "Ask for an address, or invite them later from the group's people page."
            )
            % {"name": volunteer.full_name}
        )
    try:
        invitation = org_services.invite_person(
            engagement.organisation,
            email=volunteer.email,
            full_name=volunteer.full_name,
            role=Role.VOLUNTEER,
            acting_user=acting_user,
            language=volunteer.language or "nl",
        )
    except org_services.ServiceError as exc:
        raise ServiceError(str(exc)) from exc
    engagement.invitation = invitation
    engagement.save(update_fields=["invitation"])
    if engagement.status != Status.ACTIVE:
        record_status(engagement, Status.ACTIVE, acting_user=acting_user, note="invited with an account")
    return invitation


# The statuses a coordinator may set here, each with the statuses it may come from:
# pause, resume (or take back someone who stopped), stop.
ALLOWED_FROM = {
    Status.PAUSED: {Status.ACTIVE},
    Status.ACTIVE: {Status.PAUSED, Status.STOPPED},
    Status.STOPPED: {Status.LEAD, Status.INTAKE, Status.ACTIVE, Status.PAUSED},
}


def moves_from(status: str) -> set[str]:
    """The statuses an engagement may move to from ``status``: the one question the lead page
    asks of the transition table. The coordinator's pause, resume and stop come from
    ``ALLOWED_FROM``; an intake moves a lead on (``record_intake``) and making someone a
    volunteer moves a lead or an intake to active (``make_volunteer``)."""
    moves = {str(target) for target, sources in ALLOWED_FROM.items() if status in sources}
    if status == Status.LEAD:
        moves |= {Status.INTAKE, Status.ACTIVE}
    elif status == Status.INTAKE:
        moves.add(Status.ACTIVE)
    return moves


@dataclass(frozen=True)
class LeadActions:
    """The lead page's actions (keys of ``views.group.ACTIONS``): the one next step, shown as
    the primary action, and the others, behind a disclosure."""

    next_step: str | None
    others: tuple[str, ...]


def lead_actions(engagement: Engagement, *, today: date | None = None) -> LeadActions:
    """What a coordinator does next with this person, from the status and the moves the
    transition table allows: contact a new lead, hold the intake, make them a volunteer, hold
    the planned follow-up (or plan one), take a paused volunteer back."""
    today = today or timezone.localdate()
    status = engagement.status
    moves = moves_from(status)
    available: list[str] = []
    if status in (Status.LEAD, Status.INTAKE):
        available += ["contacted", "intake"]
    if status in (Status.LEAD, Status.INTAKE) and Status.ACTIVE in moves:
        available.append("make_volunteer")
    elif status in (Status.ACTIVE, Status.PAUSED) and engagement.volunteer.email and not engagement.volunteer.user_id:
        available.append("make_volunteer")  # send the account invitation again
    if status != Status.STOPPED:
        available += ["held", "plan"]
    if moves & set(ALLOWED_FROM):
        available.append("status")

    if status == Status.LEAD:
        first = "contacted" if engagement.contacted_at is None else "intake"
    elif status == Status.INTAKE:
        first = "make_volunteer"
    elif status == Status.ACTIVE:
        first = "held" if engagement.next_follow_up is not None else "plan"
    elif status == Status.PAUSED:
        first = "status"
    else:
        first = ""
    next_step = first if first in available else None
    return LeadActions(next_step, tuple(a for a in available if a != next_step))


@transaction.atomic
def change_status(
    engagement: Engagement,
    status: str,
    *,
    acting_user,
    reason: str = "",
    keep_in_touch: bool = False,
    note: str = "",
) -> None:
    """Pause, resume or stop; stopping needs a reason, and "keep in touch" only with consent."""
    allowed_from = ALLOWED_FROM.get(Status(status), set())
    if engagement.status not in allowed_from:
        raise ServiceError(
            _("A volunteer with status “%(now)s” cannot be set to “%(new)s”.")
            % {"now": Status(engagement.status).label, "new": Status(status).label}
        )
    if status == Status.STOPPED:
        if reason not in StopReason.values:
            raise ServiceError(_("Choose why the volunteer stops."))
        engagement.keep_in_touch = keep_in_touch
        engagement.save(update_fields=["keep_in_touch"])
    else:
        reason = ""
    record_status(engagement, status, acting_user=acting_user, reason=reason, note=note)
    if status == Status.STOPPED:
        # Nobody plans conversations with someone who stopped.
        engagement.follow_ups.filter(done_on__isnull=True).delete()
        _refresh_next_follow_up(engagement)


@transaction.atomic
def plan_follow_up(engagement: Engagement, planned_for: date, *, acting_user) -> FollowUp:
    if engagement.status == Status.STOPPED:
        raise ServiceError(_("This volunteer has stopped: there is no follow-up to plan."))
    follow_up = FollowUp.objects.create(engagement=engagement, planned_for=planned_for, recorded_by=acting_user)
    _refresh_next_follow_up(engagement)
    return follow_up


@transaction.atomic
def record_follow_up(
    engagement: Engagement,
    *,
    acting_user,
    held_on: date,
    notes: str = "",
    next_on: date | None = None,
) -> FollowUp:
    """A follow-up conversation took place: the earliest planned one is marked held (or a
    new one is recorded), and the next one may be planned at once."""
    follow_up = engagement.follow_ups.filter(done_on__isnull=True).order_by("planned_for", "pk").first()
    if follow_up is None:
        follow_up = FollowUp.objects.create(
            engagement=engagement, planned_for=held_on, done_on=held_on, notes=notes, recorded_by=acting_user
        )
    else:
        follow_up.done_on, follow_up.notes, follow_up.recorded_by = held_on, notes, acting_user
        follow_up.save(update_fields=["done_on", "notes", "recorded_by"])
    if next_on is not None:
        FollowUp.objects.create(engagement=engagement, planned_for=next_on, recorded_by=acting_user)
    _refresh_next_follow_up(engagement)
    return follow_up


# ---------------------------------------------------------------- vacancies


@transaction.atomic
def save_vacancy(vacancy: Vacancy, *, postal_code, acting_user) -> Vacancy:
    """Create or change a vacancy (the form filled its fields); the place follows the postcode."""
    vacancy.postal_code = postal_code
    vacancy.municipality = postal_code.municipality
    vacancy.latitude, vacancy.longitude = postal_code.latitude, postal_code.longitude
    if vacancy.pk is None:
        vacancy.created_by = acting_user
    vacancy.save()
    matching.invalidate()
    return vacancy


@transaction.atomic
def close_vacancy(vacancy: Vacancy, *, acting_user) -> None:
    if vacancy.closed_at is not None:
        raise ServiceError(_("This vacancy was already closed."))
    vacancy.closed_at = timezone.now()
    vacancy.save(update_fields=["closed_at", "updated_at"])
    matching.invalidate()


# ---------------------------------------------------------------- reminders


@dataclass
class Reminders:
    groups: int = 0
    emails: int = 0
    secretariat: int = 0


def send_reminders(*, now: datetime | None = None) -> Reminders:
    """Once a day: each group's coordinators hear about leads waiting 7+ days and follow-ups
    due (each follow-up once); the secretariat hears how many leads wait 14+ days."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = Reminders()
    with transaction.atomic():
        waiting = dict(
            Engagement.objects.unanswered_since(UNANSWERED_DAYS, now=now)
            .filter(organisation__status="member")
            .values_list("organisation_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        due_rows = FollowUp.objects.filter(
            planned_for__lte=today,
            done_on__isnull=True,
            reminded_at__isnull=True,
            engagement__withdrawn_at__isnull=True,
            engagement__volunteer__erased_at__isnull=True,
            engagement__organisation__status="member",
        ).exclude(engagement__status=Status.STOPPED)
        due = dict(
            due_rows.values_list("engagement__organisation_id").annotate(n=Count("pk")).order_by()  # type: ignore[arg-type]
        )
        coordinators: dict[int, list[tuple[str, str]]] = {}
        members = OrganisationMember.objects.filter(
            organisation_id__in=set(waiting) | set(due),
            role=Role.COORDINATOR,
            left_at__isnull=True,
            user__is_active=True,
        ).select_related("user", "organisation")
        orgs: dict[int, Organisation] = {}
        for member in members:
            orgs[member.organisation_id] = member.organisation
            coordinators.setdefault(member.organisation_id, []).append(
                (member.user.email, member.user.preferred_language or "nl")
            )
        for org_id, people in coordinators.items():
            org = orgs[org_id]
            context = {
                "organisation": org,
                "waiting": waiting.get(org_id, 0),
                "due": due.get(org_id, 0),
                "days": UNANSWERED_DAYS,
                "link": settings.SITE_URL + reverse("volunteers:inbox", args=[org.slug]),
            }
            for email, language in people:
                queue_email(email, "volunteers/email/reminder_group", context, language=language)
                result.emails += 1
            result.groups += 1
        due_rows.update(reminded_at=now)

        late = Engagement.objects.unanswered_since(SECRETARIAT_DAYS, now=now).count()
        if late:
            link = settings.SITE_URL + reverse("volunteers:waiting")
            users = get_user_model().objects.filter(is_secretariat=True, is_active=True)
            for user in users:
                queue_email(
                    user.email,
                    "volunteers/email/reminder_secretariat",
                    {"count": late, "days": SECRETARIAT_DAYS, "link": link},
                    language=user.preferred_language or "nl",
                )
                result.secretariat += 1
    return result
