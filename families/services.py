"""Writes on a family's record. Each is atomic, saves with ``update_fields`` and writes its
audit row (with the part it touched) in the same transaction. Views fetch the trajectory
through ``access.py`` first; the services check what depends on the data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import audit
from core.errors import ServiceError
from organisations.models import OrganisationMember

from . import map_history
from .models import (
    OWN_DOMAIN_PREFIX,
    STATUS,
    Actor,
    Assignment,
    Consent,
    Contact,
    DomainEntry,
    FamilyMember,
    Goal,
    GoalRevision,
    Part,
    PurgedCount,
    Step,
    Trajectory,
    TrajectoryStatus,
)

MEMBER_FIELDS = ["first_name", "role", "birth_year", "age_band", "languages", "reads_dutch", "residence_status"]


def record_read(trajectory: Trajectory, user: Any, part: str = "") -> None:
    """Every page that shows a family's record writes one audit row (a read)."""
    audit.record("family.read", actor=user, obj=trajectory, part=part)


def record_history_read(trajectory: Trajectory, user: Any, day: date) -> None:
    """The network map of an earlier day was shown: a read of the map, with the day."""
    audit.record("family.read", actor=user, obj=trajectory, part=Part.MAP, history=day.isoformat())


# ---------------------------------------------------------------- the trajectory


DOUBLE_SUBMIT_SECONDS = 30


def _just_made(rows: Any, acting_user: Any, field: str, value: str) -> Any:
    """A row this person made in the last seconds with the same (encrypted) text: a double
    submit. The text cannot be compared in the database, so the few recent rows are read."""
    since = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    for row in rows.filter(created_at__gte=since).order_by("-pk")[:5]:
        if getattr(row, field) == value:
            return row
    return None


@transaction.atomic
def open_trajectory(
    org: Any, *, acting_user: Any, pseudonym: str, contact_language: str = "", members: list[dict] | None = None
) -> Trajectory:
    twin = _just_made(
        Trajectory.objects.filter(organisation=org, created_by=acting_user), acting_user, "pseudonym", pseudonym
    )
    if twin is not None:
        return twin
    trajectory = Trajectory.objects.create(
        organisation=org, pseudonym=pseudonym, contact_language=contact_language, created_by=acting_user
    )
    for data in members or []:
        FamilyMember.objects.create(trajectory=trajectory, **data)
    audit.record("family.opened", actor=acting_user, obj=trajectory, members=len(members or []))
    return trajectory


@transaction.atomic
def change_details(trajectory: Trajectory, *, acting_user: Any, pseudonym: str, contact_language: str) -> None:
    trajectory.pseudonym = pseudonym
    trajectory.contact_language = contact_language
    trajectory.save(update_fields=["pseudonym", "contact_language"])
    audit.record("family.changed", actor=acting_user, obj=trajectory)


@transaction.atomic
def change_status(trajectory: Trajectory, new: str, *, acting_user: Any) -> None:
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    STATUS.check(trajectory.status, new)
    old = trajectory.status
    trajectory.status = new
    trajectory.closed_at = timezone.now() if new == TrajectoryStatus.CLOSED else None
    trajectory.save(update_fields=["status", "closed_at"])
    audit.record("family.status_changed", actor=acting_user, obj=trajectory, old=old, new=new)


@transaction.atomic
def add_member(trajectory: Trajectory, *, acting_user: Any, **data: Any) -> FamilyMember:
    member = FamilyMember.objects.create(trajectory=trajectory, **data)
    audit.record("family.member_added", actor=acting_user, obj=trajectory, member=member.pk)
    return member


@transaction.atomic
def remove_member(member: FamilyMember, *, acting_user: Any) -> None:
    trajectory = member.trajectory
    pk = member.pk
    member.delete()
    audit.record("family.member_removed", actor=acting_user, obj=trajectory, member=pk)


@transaction.atomic
def set_bridge_figure(trajectory: Trajectory, user: Any, *, acting_user: Any) -> None:
    if user is not None and trajectory.organisation_id not in user.coordinated_organisation_ids():
        raise ServiceError(_("The bridge figure must be a coordinator of the group."))
    trajectory.bridge_figure = user
    trajectory.save(update_fields=["bridge_figure"])
    audit.record("family.changed", actor=acting_user, obj=trajectory, bridge_figure=user.pk if user else None)


@transaction.atomic
def set_volunteer_gender(trajectory: Trajectory, gender: str, *, acting_user: Any) -> None:
    """The family asks for a volunteer who is a woman or a man ("" : no preference)."""
    trajectory.volunteer_gender = gender
    trajectory.save(update_fields=["volunteer_gender"])
    audit.record("family.changed", actor=acting_user, obj=trajectory, volunteer_gender=gender)


@transaction.atomic
def set_excluded(trajectory: Trajectory, users: list[Any], *, acting_user: Any) -> None:
    """Keep coordinators out of the family at its request (never the one acting: they
    would lock themselves out)."""
    if any(u.pk == acting_user.pk for u in users):
        raise ServiceError(_("You cannot keep yourself out of the family: ask another coordinator."))
    trajectory.excluded_coordinators.set(users)
    trajectory.forget_reader()
    audit.record("family.changed", actor=acting_user, obj=trajectory, excluded=[u.pk for u in users])


# ---------------------------------------------------------------- volunteers


def group_people(trajectory: Trajectory):
    """The accounts of the group's present members (volunteers and coordinators)."""
    return OrganisationMember.objects.filter(
        organisation_id=trajectory.organisation_id, left_at__isnull=True
    ).select_related("user")


@transaction.atomic
def assign(
    trajectory: Trajectory,
    user: Any,
    *,
    acting_user: Any,
    role: str,
    life_domain: str = "",
    confidentiality_signed_on: date | None = None,
) -> Assignment:
    if not group_people(trajectory).filter(user=user).exists():
        raise ServiceError(_("Only people of the group can support this family."))
    assignment, created = Assignment.objects.get_or_create(
        trajectory=trajectory,
        user=user,
        defaults={"role": role, "life_domain": life_domain, "confidentiality_signed_on": confidentiality_signed_on},
    )
    if not created:
        assignment.role, assignment.life_domain = role, life_domain
        assignment.confidentiality_signed_on = confidentiality_signed_on
        assignment.save(update_fields=["role", "life_domain", "confidentiality_signed_on"])
    trajectory.forget_reader()
    audit.record("family.assigned", actor=acting_user, obj=trajectory, volunteer=user.pk, role=role)
    return assignment


@transaction.atomic
def unassign(assignment: Assignment, *, acting_user: Any) -> None:
    trajectory = assignment.trajectory
    user_id = assignment.user_id
    assignment.delete()
    audit.record("family.unassigned", actor=acting_user, obj=trajectory, volunteer=user_id)


def suggestions(trajectory: Trajectory, limit: int = 5) -> list[dict]:
    """The group's people who are not yet assigned, best first, each with why:

    - when the family asks for a woman or a man (``Trajectory.volunteer_gender``): the people
      who said they are one first; those who said they are the other are left out; those who
      did not say (or said "other") come after, and the reason says so;
    - those speaking the family's contact language;
    - those who feel overloaded (their latest check-in) last;
    - then those supporting the fewest open families (current load).
    Their availability (days, times of day, hours a month) is among the reasons."""
    from volunteers.coordination import is_overloaded
    from volunteers.languages import language_label
    from volunteers.models import DAY_PARTS, DAYS, CheckIn, Gender, Volunteer

    assigned = set(trajectory.assignments.values_list("user_id", flat=True))
    members = [m for m in group_people(trajectory) if m.user_id not in assigned]
    ids = [m.user_id for m in members]
    loads = dict(
        Assignment.objects.filter(user_id__in=ids, trajectory__status=TrajectoryStatus.OPEN)
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    latest = CheckIn.objects.filter(volunteer=OuterRef("pk")).order_by("-created_at", "-pk").values("load")[:1]
    volunteers = Volunteer.objects.filter(user_id__in=ids).annotate(latest_load=Subquery(latest))
    profile = {v.user_id or 0: v for v in volunteers.prefetch_related("languages")}
    asked = trajectory.volunteer_gender
    language = trajectory.contact_language
    day_names, part_names = dict(DAYS), dict(DAY_PARTS)
    rows = []
    for m in members:
        volunteer = profile.get(m.user_id)
        gender = volunteer.gender if volunteer else ""
        if asked and gender in (Gender.WOMAN, Gender.MAN) and gender != asked:
            continue  # the family asked for a woman and this is a man, or the other way round
        speaks = (
            bool(language) and volunteer is not None and language in {lang.code for lang in volunteer.languages.all()}
        )
        load = loads.get(m.user_id, 0)
        overloaded = is_overloaded(volunteer.latest_load if volunteer else None)  # type: ignore[attr-defined]
        reasons = []
        matches = bool(asked) and gender == asked
        if asked:
            if matches:
                reasons.append(
                    _("a woman, as the family asks") if asked == Gender.WOMAN else _("a man, as the family asks")
                )
            else:
                reasons.append(_("has not said whether they are a woman or a man"))
        if speaks:
            reasons.append(
                _("speaks %(language)s, the family's contact language") % {"language": language_label(language)}
            )
        reasons.append(
            ngettext("supports %(count)s open family", "supports %(count)s open families", load) % {"count": load}
        )
        if volunteer is not None and (volunteer.days or volunteer.day_parts or volunteer.hours_per_month):
            when = [str(day_names.get(d, d)).lower() for d in volunteer.days]
            when += [str(part_names.get(p, p)).lower() for p in volunteer.day_parts]
            if volunteer.hours_per_month:
                when.append(_("%(hours)s hours a month") % {"hours": volunteer.hours_per_month})
            reasons.append(_("free: %(when)s") % {"when": ", ".join(when)})
        if overloaded:
            reasons.append(_("feels overloaded (latest check-in)"))
        rows.append(
            {
                "user": m.user,
                "role": m.get_role_display(),
                "load": load,
                "speaks": speaks,
                "overloaded": overloaded,
                "matches_gender": matches,
                "reasons": reasons,
            }
        )
    # Asked gender first; who speaks the language; who feels overloaded last; then the fewest families.
    rows.sort(
        key=lambda r: (
            bool(asked) and not r["matches_gender"],
            not r["speaks"],
            r["overloaded"],
            r["load"],
            str(r["user"]),
        )
    )
    return rows[:limit]


# ---------------------------------------------------------------- consent


@transaction.atomic
def give_consent(trajectory: Trajectory, *, acting_user: Any, **data: Any) -> Consent:
    consent = Consent.objects.create(trajectory=trajectory, recorded_by=acting_user, **data)
    trajectory.forget_reader()
    audit.record(
        "family.consent_given",
        actor=acting_user,
        obj=trajectory,
        part=consent.part,
        consent=consent.pk,
        receiver=consent.receiver_id,
        domain=consent.domain[:64],
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, acting_user: Any) -> None:
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    if updated:
        audit.record(
            "family.consent_withdrawn", actor=acting_user, obj=consent.trajectory, part=consent.part, consent=consent.pk
        )


# ---------------------------------------------------------------- network map


def _entry(trajectory: Trajectory, domain: str) -> DomainEntry:
    entry, _created = DomainEntry.objects.get_or_create(trajectory=trajectory, domain=domain)
    return entry


@transaction.atomic
def save_domain(trajectory: Trajectory, domain: str, *, acting_user: Any, **data: Any) -> DomainEntry:
    entry = _entry(trajectory, domain)
    for name, value in data.items():
        setattr(entry, name, value)
    entry.save(update_fields=[*data, "updated_at"])
    map_history.take(trajectory, domain)
    audit.record("family.map_changed", actor=acting_user, obj=trajectory, part=Part.MAP, domain=domain[:64])
    return entry


@transaction.atomic
def add_own_domain(trajectory: Trajectory, label: str, *, acting_user: Any) -> DomainEntry:
    count = DomainEntry.objects.filter(trajectory=trajectory, domain__startswith=OWN_DOMAIN_PREFIX).count()
    entry = DomainEntry.objects.create(trajectory=trajectory, domain=f"{OWN_DOMAIN_PREFIX}{count + 1}", own_label=label)
    map_history.take(trajectory, entry.domain)
    audit.record("family.map_changed", actor=acting_user, obj=trajectory, part=Part.MAP, domain=entry.domain)
    return entry


@transaction.atomic
def add_actor(trajectory: Trajectory, domain: str, *, acting_user: Any, **data: Any) -> Actor:
    entry = _entry(trajectory, domain)
    name = data.get("name", "")
    if name and any(a.name.casefold() == name.casefold() for a in entry.actors.all()):
        raise ServiceError(_("This actor is already on the map in this domain."))
    actor = Actor.objects.create(trajectory=trajectory, domain=entry, **data)
    map_history.take(trajectory, domain)
    audit.record("family.actor_added", actor=acting_user, obj=trajectory, part=Part.MAP, domain=domain[:64])
    return actor


@transaction.atomic
def remove_actor(actor: Actor, *, acting_user: Any) -> None:
    trajectory = actor.trajectory
    code = actor.domain.domain
    actor.delete()
    map_history.take(trajectory, code)
    audit.record("family.actor_removed", actor=acting_user, obj=trajectory, part=Part.MAP)


# ---------------------------------------------------------------- action plan

GOAL_FIELDS = ["domain", "what", "how", "by_date", "by_term", "supporters", "translation"]


@transaction.atomic
def add_goal(trajectory: Trajectory, *, acting_user: Any, steps: list[str] = (), **data: Any) -> Goal:  # type: ignore[assignment]
    twin = _just_made(Goal.objects.filter(trajectory=trajectory), acting_user, "what", data.get("what", ""))
    if twin is not None:
        return twin
    goal = Goal.objects.create(trajectory=trajectory, **data)
    for text in steps:
        if text.strip():
            Step.objects.create(goal=goal, text=text.strip())
    audit.record("family.goal_added", actor=acting_user, obj=trajectory, part=Part.PLAN, goal=goal.pk)
    return goal


def _snapshot(goal: Goal) -> dict:
    return {
        **{name: str(getattr(goal, name) or "") for name in GOAL_FIELDS},
        "reached": goal.reached_at is not None,
        "steps": [{"text": s.text, "done": s.done_at is not None} for s in goal.steps.all()],
    }


@transaction.atomic
def change_goal(goal: Goal, *, acting_user: Any, new_step: str = "", **data: Any) -> None:
    GoalRevision.objects.create(goal=goal, snapshot=_snapshot(goal), changed_by=acting_user)  # type: ignore[misc]
    for name, value in data.items():
        setattr(goal, name, value)
    goal.save(update_fields=list(data))
    if new_step.strip():
        Step.objects.create(goal=goal, text=new_step.strip())
    audit.record("family.goal_changed", actor=acting_user, obj=goal.trajectory, part=Part.PLAN, goal=goal.pk)


@transaction.atomic
def set_reached(goal: Goal, reached: bool, *, acting_user: Any) -> None:
    GoalRevision.objects.create(goal=goal, snapshot=_snapshot(goal), changed_by=acting_user)  # type: ignore[misc]
    goal.reached_at = timezone.now() if reached else None
    goal.save(update_fields=["reached_at"])
    audit.record(
        "family.goal_changed", actor=acting_user, obj=goal.trajectory, part=Part.PLAN, goal=goal.pk, reached=reached
    )


@transaction.atomic
def set_step_done(step: Step, done: bool, *, acting_user: Any) -> None:
    step.done_at = (step.done_at or timezone.now()) if done else None
    step.save(update_fields=["done_at"])
    audit.record(
        "family.step_changed", actor=acting_user, obj=step.goal.trajectory, part=Part.PLAN, step=step.pk, done=done
    )


@transaction.atomic
def log_contact(trajectory: Trajectory, *, acting_user: Any, goals: list[Goal] = (), **data: Any) -> Contact:  # type: ignore[assignment]
    contact = Contact.objects.create(trajectory=trajectory, by=acting_user, **data)
    contact.goals.set([g for g in goals if g.trajectory_id == trajectory.pk])
    audit.record("family.contact_logged", actor=acting_user, obj=trajectory, part=Part.CONTACTS, contact=contact.pk)
    return contact


# ---------------------------------------------------------------- erasure and retention


def _count_and_delete(trajectory: Trajectory) -> None:
    year = (trajectory.closed_at or trajectory.created_at).year
    counts, _created = PurgedCount.objects.get_or_create(organisation_id=trajectory.organisation_id, year=year)
    reached = trajectory.goals.filter(reached_at__isnull=False).count()
    PurgedCount.objects.filter(pk=counts.pk).update(
        trajectories=F("trajectories") + 1, goals_reached=F("goals_reached") + reached
    )
    trajectory.delete()


@transaction.atomic
def erase(trajectory: Trajectory, *, acting_user: Any) -> None:
    """Erasure at the family's request: everything held is deleted; anonymous counts stay."""
    org_id, pk = trajectory.organisation_id, trajectory.pk
    _count_and_delete(trajectory)
    audit.record("family.erased", actor=acting_user, organisation=org_id, trajectory=pk)


def purge_closed(before: Any) -> int:
    """Purge the trajectories closed before ``before``; the number purged."""
    purged = 0
    for trajectory in Trajectory.objects.filter(status=TrajectoryStatus.CLOSED, closed_at__lt=before).iterator():
        with transaction.atomic():
            org_id, pk = trajectory.organisation_id, trajectory.pk
            _count_and_delete(trajectory)
            audit.record("family.purged", organisation=org_id, trajectory=pk)
        purged += 1
    return purged


def record_list_read(user: Any, org: Any, shown: int) -> None:
    """The group's list of families shows pseudonyms: one audit row per page read."""
    audit.record("family.read", actor=user, organisation=org, part="list", shown=shown)


def record_export(trajectory: Trajectory, user: Any) -> None:
    audit.record("family.exported", actor=user, obj=trajectory, part="export")


# ---------------------------------------------------------------- the Toolkit's checklist


_CHECKLIST: Any = None


def checklist_items() -> list[Any]:
    """The items of the Toolkit's checklists (the homework after recognition), to start a goal:
    on every plan page, so the query is compiled once per connection (``core/prepared.py``)."""
    global _CHECKLIST
    if _CHECKLIST is None:
        from core.prepared import Prepared
        from toolkit.models import ChecklistItem

        _CHECKLIST = Prepared(ChecklistItem, lambda: ChecklistItem.objects.select_related("checklist", "page")[:60])
    return _CHECKLIST.objects()


def checklist_item(pk: int | None) -> Any:
    from toolkit.models import ChecklistItem

    if pk is None:
        return None
    return ChecklistItem.objects.select_related("page").filter(pk=pk).first()
