"""A group's coordinators at work: leads, intake, status, follow-up, vacancies, interpreters,
reminders.

Every write is atomic, saves with ``update_fields``, writes its audit row, and changes a
status only through ``services.move`` (the engagement's table) or ``close_vacancy``
(the vacancy's); e-mails carry links only and leave after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from core.transitions import Transitions
from organisations import services as org_services
from organisations.models import Invitation, Organisation, OrganisationMember, Role

from . import matching, services
from .models import (
    OVERLOAD_FROM,
    SECRETARIAT_DAYS,
    UNANSWERED_DAYS,
    CheckIn,
    Engagement,
    FollowUp,
    Intake,
    Status,
    StopReason,
    Vacancy,
    VacancyState,
    Volunteer,
)

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
    if engagement.contacted_at is None:
        engagement.contacted_at = timezone.now()
        engagement.save(update_fields=["contacted_at"])
    services.note_history(engagement, note or "contacted", acting_user=acting_user)
    audit.record("engagement.contacted", actor=acting_user, obj=engagement)


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
    audit.record("engagement.intake_recorded", actor=acting_user, obj=engagement)
    if engagement.status == Status.LEAD:
        services.move(engagement, Status.INTAKE, acting_user=acting_user, note="intake")
    if follow_up_on is not None:
        FollowUp.objects.create(engagement=engagement, planned_for=follow_up_on, recorded_by=acting_user)
        _refresh_next_follow_up(engagement)
    return intake


@transaction.atomic
def make_volunteer(engagement: Engagement, *, acting_user) -> Invitation | None:
    """The lead becomes a volunteer of the group: they are invited by e-mail to make an
    account (returned) and their status becomes "invited"; it becomes "active" once they
    accept the invitation while logged in (``services.on_invitation_accepted``). Asked
    again, a new invitation replaces the open one. When the person's own account is
    already part of the group, they are active at once (None). Nothing is ever decided by
    the e-mail address alone."""
    volunteer = engagement.volunteer
    moves_to_invited = engagement.status in (Status.LEAD, Status.INTAKE)
    if engagement.status == Status.STOPPED:
        services.ENGAGEMENT.check(engagement.status, Status.INVITED)  # refused, with the table's message
    if engagement.contacted_at is None:
        engagement.contacted_at = timezone.now()
        engagement.save(update_fields=["contacted_at"])
    if services.is_member_of(volunteer, engagement.organisation):
        services.activate(engagement, acting_user=acting_user, note="already part of the group")
        return None
    if not volunteer.email:
        raise ServiceError(
            _(
                "%(name)s has no e-mail address, so no account invitation can be sent. "
                "Ask for an address, or invite them later from the group's people page."
            )
            % {"name": volunteer.full_name}
        )
    invitation = org_services.invite_person(
        engagement.organisation,
        email=volunteer.email,
        full_name=volunteer.full_name,
        role=Role.VOLUNTEER,
        acting_user=acting_user,
        language=volunteer.language or "nl",
        to_a_member=True,
    )
    engagement.invitation = invitation
    engagement.save(update_fields=["invitation"])
    if moves_to_invited:
        services.move(engagement, Status.INVITED, acting_user=acting_user, note="invited with an account")
    return invitation


# What a coordinator sets by hand (the table decides from which status): pause, (again)
# active, stop.
HAND_MOVES = (Status.PAUSED, Status.ACTIVE, Status.STOPPED)


def moves_from(status: str) -> frozenset[str]:
    """The statuses an engagement may move to from ``status``: the one question the lead page
    asks of the engagement's transition table (``services.ENGAGEMENT``)."""
    return services.ENGAGEMENT.allowed(status)


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
    if Status.INVITED in moves:
        available.append("make_volunteer")
    elif (
        status in (Status.INVITED, Status.ACTIVE, Status.PAUSED)
        and engagement.volunteer.email
        and not engagement.volunteer.user_id
    ):
        available.append("make_volunteer")  # send the account invitation again
    if status != Status.STOPPED:
        available += ["held", "plan"]
    if moves & set(HAND_MOVES):
        available.append("status")

    if status == Status.LEAD:
        first = "contacted" if engagement.contacted_at is None else "intake"
    elif status in (Status.INTAKE, Status.INVITED):
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
    """Pause, (again) active or stop; stopping needs a reason, and "keep in touch" only with consent."""
    if status not in HAND_MOVES:
        raise ServiceError(_("Choose pause, active or stop."))
    if status == Status.STOPPED:
        if reason not in StopReason.values:
            raise ServiceError(_("Choose why the volunteer stops."))
    else:
        reason = ""
    services.move(engagement, status, acting_user=acting_user, reason=reason, note=note)
    if status == Status.STOPPED:
        engagement.keep_in_touch = keep_in_touch
        engagement.save(update_fields=["keep_in_touch"])
        # Nobody plans conversations with someone who stopped.
        engagement.follow_ups.filter(done_on__isnull=True).delete()
        _refresh_next_follow_up(engagement)


@transaction.atomic
def plan_follow_up(engagement: Engagement, planned_for: date, *, acting_user) -> FollowUp:
    if engagement.status == Status.STOPPED:
        raise ServiceError(_("This volunteer has stopped: there is no follow-up to plan."))
    follow_up = FollowUp.objects.create(engagement=engagement, planned_for=planned_for, recorded_by=acting_user)
    _refresh_next_follow_up(engagement)
    audit.record("engagement.follow_up_planned", actor=acting_user, obj=engagement)
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
    audit.record("engagement.follow_up_recorded", actor=acting_user, obj=engagement)
    return follow_up


# ---------------------------------------------------------------- vacancies


# A vacancy is open until its group closes it (a vacancy past its end date drops out by
# itself, without a write: see ``Vacancy.objects.open``).
VACANCY = Transitions(
    VacancyState,
    {VacancyState.OPEN: {VacancyState.CLOSED}},
    refused={VacancyState.CLOSED: gettext_lazy("This vacancy was already closed.")},
)


@transaction.atomic
def save_vacancy(vacancy: Vacancy, *, postal_code, acting_user) -> Vacancy:
    """Create or change a vacancy (the form filled its fields); the place follows the postcode."""
    vacancy.postal_code = postal_code
    vacancy.municipality = postal_code.municipality
    vacancy.latitude, vacancy.longitude = postal_code.latitude, postal_code.longitude
    created = vacancy.pk is None
    if created:
        vacancy.created_by = acting_user
    vacancy.save()
    matching.invalidate()
    audit.record("vacancy.created" if created else "vacancy.changed", actor=acting_user, obj=vacancy)
    return vacancy


@transaction.atomic
def close_vacancy(vacancy: Vacancy, *, acting_user) -> None:
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    VACANCY.check(locked.state, VacancyState.CLOSED)
    vacancy.closed_at = locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at", "updated_at"])
    matching.invalidate()
    audit.record("vacancy.closed", actor=acting_user, obj=locked)


@transaction.atomic
def delete_vacancy(vacancy: Vacancy, *, acting_user) -> None:
    """Staff only (the Django admin): the matching forgets it at once."""
    audit.record("vacancy.deleted", actor=acting_user, obj=vacancy)
    vacancy.delete()
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
                "link": absolute_url("volunteers:inbox", org.slug),
            }
            for email, language in people:
                queue_email(email, "volunteers/email/reminder_group", context, language=language)
                result.emails += 1
            result.groups += 1
        due_rows.update(reminded_at=now)

        late = Engagement.objects.unanswered_since(SECRETARIAT_DAYS, now=now).count()
        if late:
            link = absolute_url("volunteers:waiting")
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
