"""The family's own link (decision 0022): make, revoke, open with the code, tick a step.

The link shows the family its plan, its network map, the shared meeting reports and who
read its file. A code sent separately opens it; after ``MAX_TRIES`` wrong codes the link
pauses. Writes are atomic and audited (the family acts as ``person``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.errors import ServiceError

from . import family_reads
from .link_models import MAX_TRIES, PAUSE, FamilyLink, hash_token
from .models import Part, Step, Trajectory, TrajectoryStatus

SESSION_KEY = "families.family_link"


@transaction.atomic
def make_link(trajectory: Trajectory, *, acting_user: Any, language: str) -> tuple[FamilyLink, str, str]:
    """A new link and code for the family; earlier links stop working."""
    if trajectory.status != TrajectoryStatus.OPEN:
        raise ServiceError(_("The support trajectory is closed."))
    now = timezone.now()
    trajectory.family_links.filter(revoked_at__isnull=True).update(revoked_at=now)
    link = FamilyLink(trajectory=trajectory, language=language, created_by=acting_user)
    token, code = link.issue()
    link.save()
    audit.record("family.link_made", actor=acting_user, obj=trajectory, link=link.pk, language=language)
    return link, token, code


@transaction.atomic
def revoke_links(trajectory: Trajectory, *, acting_user: Any) -> int:
    count = trajectory.family_links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record("family.link_revoked", actor=acting_user, obj=trajectory, links=count)
    return count


def find_link(token: str) -> FamilyLink | None:
    """A standing link of an open trajectory (None: unknown, revoked or closed)."""
    if not token or len(token) > 64:
        return None
    return family_reads.standing_link(hash_token(token))  # the page's hottest read: through a cursor


@transaction.atomic
def try_code(link: FamilyLink, code: str) -> bool:
    """True when the code is right. Wrong codes count; the MAX_TRIES-th pauses the link."""
    locked = FamilyLink.objects.select_for_update().get(pk=link.pk)
    if locked.is_paused:
        raise ServiceError("paused")
    if locked.code_matches(code):
        locked.failed_tries = 0
        locked.paused_until = None
        locked.last_used_at = timezone.now()
        locked.save(update_fields=["failed_tries", "paused_until", "last_used_at"])
        audit.record("family.link_opened", obj=locked.trajectory, actor_role=audit.PERSON, link=locked.pk)
        return True
    FamilyLink.objects.filter(pk=locked.pk).update(failed_tries=F("failed_tries") + 1)
    locked.refresh_from_db(fields=["failed_tries"])
    if locked.failed_tries >= MAX_TRIES:
        locked.failed_tries = 0
        locked.paused_until = timezone.now() + PAUSE
        locked.save(update_fields=["failed_tries", "paused_until"])
        audit.record("family.link_paused", obj=locked.trajectory, actor_role=audit.PERSON, link=locked.pk)
    return False


@transaction.atomic
def family_set_step(link: FamilyLink, step: Step, done: bool) -> None:
    if step.goal.trajectory_id != link.trajectory_id:
        raise ServiceError(_("This step is not in your plan."))
    step.done_at = (step.done_at or timezone.now()) if done else None
    step.save(update_fields=["done_at"])
    audit.record(
        "family.step_changed",
        obj=link.trajectory,
        actor_role=audit.PERSON,
        part=Part.PLAN,
        step=step.pk,
        done=done,
        by="family",
    )


READ_RECORDED_KEY = "families.family_link.read_recorded"


def record_family_read(link: FamilyLink, session: Any, section: str = "") -> None:
    """The family opened its view: one audit row per session (the code opened it, also
    audited), not one per page view: the family reading its own record again is not a read
    by someone else, and a row per view would fill the file's log ("who read" scans it)."""
    if session.get(READ_RECORDED_KEY) == link.pk:
        return
    audit.record(
        "family.read", obj=link.trajectory, actor_role=audit.PERSON, part="family-view", link=link.pk, section=section
    )
    session[READ_RECORDED_KEY] = link.pk


@transaction.atomic
def family_answer_report(link: FamilyLink, meeting: Any, *, right: bool, correction: str = "") -> None:
    """The family says a shared report is right, or asks for a correction (in its words)."""
    if meeting.trajectory_id != link.trajectory_id or meeting.report_shared_at is None:
        raise ServiceError(_("This report is not shared with you."))
    if right:
        meeting.family_confirmed_at = timezone.now()
        meeting.family_correction = ""
    else:
        meeting.family_confirmed_at = None
        meeting.family_correction = correction.strip()[:2000]
    meeting.save(update_fields=["family_confirmed_at", "family_correction"])
    audit.record(
        "family.report_answered",
        obj=link.trajectory,
        actor_role=audit.PERSON,
        part="meeting",
        meeting=meeting.pk,
        right=right,
    )
