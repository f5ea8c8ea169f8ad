"""Reminders for the people supporting a family (decision 0022), links only: steps past
their deadline, no contact logged for ``NO_CONTACT_DAYS`` days, a meeting report not shared
``REPORT_DAYS`` days after the meeting. Sent by ``manage.py families_reminders`` (daily).

Who gets them: the family's bridge figure (or, without one, the group's coordinators not
kept out of the family) and, for steps and contacts, the volunteers assigned to it who may
read the part concerned. The mail names no family: it carries links to pages that check
access on every request."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from core.email import queue_email
from core.links import absolute_url

from .meeting_models import Meeting
from .models import Consent, Part, Step, Trajectory, TrajectoryStatus

NO_CONTACT_DAYS = 14
REPORT_DAYS = 7

STEPS = "steps"
CONTACT = "contact"
REPORT = "report"


def _leads(trajectory: Trajectory) -> list[Any]:
    if trajectory.bridge_figure_id and trajectory.bridge_figure.is_active:  # type: ignore[union-attr]
        return [trajectory.bridge_figure]
    from organisations.models import OrganisationMember, Role

    excluded = set(trajectory.excluded_coordinators.values_list("pk", flat=True))
    members = OrganisationMember.objects.filter(
        organisation_id=trajectory.organisation_id, role=Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    return [m.user for m in members if m.user_id not in excluded]


def _volunteers(trajectory: Trajectory, part: str) -> list[Any]:
    return [
        a.user
        for a in trajectory.assignments.select_related("user")
        if a.user.is_active and Consent.objects.active_for(a.user, trajectory).filter(part=part).exists()
    ]


def collect(today: date | None = None) -> dict[Any, list[tuple[str, str]]]:
    """{user: [(kind, link), ...]} for every reminder due today."""
    today = today or timezone.localdate()
    due: dict[Any, set[tuple[str, str]]] = defaultdict(set)
    open_families = Trajectory.objects.filter(status=TrajectoryStatus.OPEN).select_related("bridge_figure")
    late = set(
        Step.objects.filter(
            goal__trajectory__status=TrajectoryStatus.OPEN, done_at__isnull=True, deadline__lt=today
        ).values_list("goal__trajectory_id", flat=True)
    )
    since = today - timedelta(days=NO_CONTACT_DAYS)
    quiet = {
        t.pk
        for t in open_families.filter(created_at__date__lt=since).annotate(last=Max("contacts__on"))
        if t.last is None or t.last < since  # type: ignore[attr-defined]
    }
    for trajectory in open_families.filter(pk__in=late | quiet):
        leads = _leads(trajectory)
        if trajectory.pk in late:
            link = absolute_url("families:plan", trajectory.pk)
            for user in leads + _volunteers(trajectory, Part.PLAN):
                due[user].add((STEPS, link))
        if trajectory.pk in quiet:
            link = absolute_url("families:contacts", trajectory.pk)
            for user in leads + _volunteers(trajectory, Part.CONTACTS):
                due[user].add((CONTACT, link))
    unshared = Meeting.objects.filter(
        trajectory__status=TrajectoryStatus.OPEN,
        report_shared_at__isnull=True,
        starts_at__lt=timezone.now() - timedelta(days=REPORT_DAYS),
    ).select_related("trajectory", "trajectory__bridge_figure")
    for meeting in unshared:
        for user in _leads(meeting.trajectory):
            due[user].add((REPORT, absolute_url(meeting.get_absolute_url())))
    return {user: sorted(items) for user, items in due.items()}


def send(today: date | None = None) -> int:
    due = collect(today)
    for user, items in due.items():
        queue_email(
            user.email,
            "families/email/reminders",
            {
                "steps": [link for kind, link in items if kind == STEPS],
                "contact": [link for kind, link in items if kind == CONTACT],
                "report": [link for kind, link in items if kind == REPORT],
                "days": NO_CONTACT_DAYS,
                "report_days": REPORT_DAYS,
            },
            language=getattr(user, "preferred_language", "nl"),
        )
    return len(due)
