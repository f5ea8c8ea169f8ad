"""Network meetings (netwerkoverleg): plan, invite, record attendance, write the report,
turn decisions into steps, share the report (decision 0022).

Writes are atomic and audited with the part ``meeting``. Invitations carry a link and an
.ics file, never the family's pseudonym, members or domains. The report carries a version
number: a second person saving over a newer version gets a ``ReportConflict`` with both
texts instead of overwriting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import audit
from core.email import queue_email, render_plain
from core.errors import ServiceError
from core.links import absolute_url

from .meeting_models import AgendaItem, Invitee, Meeting
from .models import Consent, Goal, Part, Step, Trajectory, TrajectoryStatus

PART = "meeting"
DURATION = timedelta(minutes=90)


class ReportConflict(ServiceError):
    """The report changed since the writer opened it: both texts are kept for the writer."""

    def __init__(self, current: dict[int, dict[str, str]], version: int) -> None:
        super().__init__(
            _("Someone else saved this report while you were writing. Both texts are shown: merge them and save again.")
        )
        self.current = current
        self.version = version


def open_goals(trajectory: Trajectory, domains: list[str]) -> list[Goal]:
    goals = Goal.objects.filter(trajectory=trajectory, reached_at__isnull=True)
    if domains:
        goals = goals.filter(domain__in=domains)
    return list(goals)


@transaction.atomic
def plan_meeting(
    trajectory: Trajectory,
    *,
    acting_user: Any,
    starts_at: datetime,
    place: str = "",
    online_link: str = "",
    domains: list[str] = (),  # type: ignore[assignment]
    volunteers: list[Any] = (),  # type: ignore[assignment]
    family_email: str = "",
    invite_family: bool = False,
) -> Meeting:
    if trajectory.status != TrajectoryStatus.OPEN:
        raise ServiceError(_("The support trajectory is closed: no new meetings."))
    if starts_at < timezone.now():
        raise ServiceError(_("The meeting cannot be in the past. Choose a later date and time."))
    if not place.strip() and not online_link.strip():
        raise ServiceError(_("Give a place or an online link."))
    meeting = Meeting.objects.create(
        trajectory=trajectory,
        starts_at=starts_at,
        place=place.strip(),
        online_link=online_link.strip(),
        domains=list(domains),
        created_by=acting_user,
    )
    for goal in open_goals(trajectory, list(domains)):
        AgendaItem.objects.create(meeting=meeting, goal=goal, title=goal.what[:500])
    for user in volunteers:
        Invitee.objects.create(meeting=meeting, user=user)
    if invite_family or family_email:
        Invitee.objects.create(meeting=meeting, is_family=True, email=family_email.strip().lower())
    audit.record("family.meeting_planned", actor=acting_user, obj=trajectory, part=PART, meeting=meeting.pk)
    return meeting


def _addresses(meeting: Meeting) -> set[str]:
    return {i.address().lower() for i in meeting.invitees.select_related("user") if i.address()}


@transaction.atomic
def add_invitee(
    meeting: Meeting, *, acting_user: Any, email: str, name: str = "", actor: Any = None, user: Any = None
) -> Invitee:
    email = email.strip().lower()
    if user is not None:
        email = ""
        if meeting.invitees.filter(user=user).exists():
            raise ServiceError(_("%(name)s is already invited.") % {"name": user})
    elif email in _addresses(meeting):
        raise ServiceError(_("This address is already invited."))
    if actor is not None and actor.trajectory_id != meeting.trajectory_id:
        raise ServiceError(_("Choose an actor of this family's network map."))
    invitee = Invitee.objects.create(meeting=meeting, user=user, actor=actor, name=name.strip(), email=email)
    audit.record(
        "family.meeting_changed",
        actor=acting_user,
        obj=meeting.trajectory,
        part=PART,
        meeting=meeting.pk,
        invitee=invitee.pk,
    )
    return invitee


def ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(meeting: Meeting, language: str = "nl") -> str:
    """The meeting as an iCalendar event. The summary names a network meeting, not the family."""
    stamp = "%Y%m%dT%H%M%SZ"
    start = meeting.starts_at.astimezone(UTC)
    with translation.override(language):
        summary = _("Network meeting")
    location = meeting.place or meeting.online_link
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Gastvrij//netwerkoverleg//NL",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@gastvrij",
        f"DTSTAMP:{timezone.now().astimezone(UTC).strftime(stamp)}",
        f"DTSTART:{start.strftime(stamp)}",
        f"DTEND:{(start + DURATION).strftime(stamp)}",
        f"SUMMARY:{ics_escape(str(summary))}",
        f"LOCATION:{ics_escape(location)}",
    ]
    if meeting.online_link:
        lines.append(f"URL:{meeting.online_link}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def _sender(address: str, subject: str, body: str, calendar: str) -> Any:
    from .tasks import send_invitation

    return lambda: send_invitation.enqueue([address], subject, body, calendar)


@transaction.atomic
def send_invitations(meeting: Meeting, *, acting_user: Any) -> int:
    """E-mail every invitee not yet invited who has an address: a link and the .ics."""
    sent = 0
    now = timezone.now()
    for invitee in meeting.invitees.select_related("user").filter(invited_at__isnull=True):
        address = invitee.address()
        if not address:
            continue
        language = getattr(invitee.user, "preferred_language", "nl") if invitee.user_id else "nl"
        link = absolute_url(meeting.get_absolute_url()) if invitee.user_id else ""
        context = {
            "starts_at": timezone.localtime(meeting.starts_at),
            "place": meeting.place,
            "online_link": meeting.online_link,
            "link": link,
        }
        with translation.override(language):
            subject = " ".join(render_plain("families/email/meeting_invitation_subject.txt", context).split())
            body = render_plain("families/email/meeting_invitation_body.txt", context)
        calendar = ics(meeting, language)
        transaction.on_commit(_sender(address, subject, body, calendar))
        invitee.invited_at = now
        invitee.save(update_fields=["invited_at"])
        sent += 1
    if sent:
        meeting.invitations_sent_at = now
        meeting.save(update_fields=["invitations_sent_at"])
    audit.record(
        "family.meeting_invited", actor=acting_user, obj=meeting.trajectory, part=PART, meeting=meeting.pk, sent=sent
    )
    return sent


@transaction.atomic
def set_attendance(meeting: Meeting, present: set[int], *, acting_user: Any) -> None:
    for invitee in meeting.invitees.all():
        attended = invitee.pk in present
        if invitee.attended != attended:
            invitee.attended = attended
            invitee.save(update_fields=["attended"])
    audit.record("family.meeting_changed", actor=acting_user, obj=meeting.trajectory, part=PART, meeting=meeting.pk)


def report_texts(meeting: Meeting) -> dict[int, dict[str, str]]:
    return {item.pk: {"said": item.said, "decided": item.decided} for item in meeting.items.all()}


@transaction.atomic
def save_report(
    meeting: Meeting,
    *,
    acting_user: Any,
    version: int,
    texts: dict[int, dict[str, str]],
    decisions: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Meeting:
    """Save what was said and decided per agenda item; each decision with a text becomes a
    step of the item's goal with an owner and a deadline. ``version`` is the report version
    the writer started from: when it is no longer the current one, nothing is saved and a
    ``ReportConflict`` carries the current texts."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.report_version != version:
        raise ReportConflict(report_texts(locked), locked.report_version)
    items = {item.pk: item for item in locked.items.select_related("goal")}
    for pk, text in texts.items():
        item = items.get(pk)
        if item is None:
            continue
        item.said = text.get("said", "")
        item.decided = text.get("decided", "")
        item.save(update_fields=["said", "decided"])
    steps = 0
    for decision in decisions:
        item = items.get(decision["item"])
        if item is None or item.goal is None or not decision.get("step", "").strip():
            continue
        Step.objects.create(
            goal=item.goal,
            text=decision["step"].strip(),
            owner=decision.get("owner", "").strip(),
            deadline=decision.get("deadline"),
            meeting=locked,
        )
        steps += 1
    locked.report_version += 1
    locked.save(update_fields=["report_version"])
    audit.record(
        "family.report_saved",
        actor=acting_user,
        obj=locked.trajectory,
        part=PART,
        meeting=locked.pk,
        version=locked.report_version,
        steps=steps,
    )
    return locked


def report_readers(meeting: Meeting) -> list[Any]:
    """Participants with an account who may read the report: the group's coordinators
    invited, and invited volunteers holding the family's consent for the action plan."""
    trajectory = meeting.trajectory
    readers = []
    for invitee in meeting.invitees.select_related("user").filter(user__isnull=False):
        user = invitee.user
        if (
            trajectory.is_coordinator(user)
            or Consent.objects.active_for(user, trajectory).filter(part=Part.PLAN).exists()
        ):
            readers.append(user)
    return readers


@transaction.atomic
def share_report(meeting: Meeting, *, acting_user: Any) -> int:
    """Mark the report shared and send its link to the participants the family consented to."""
    if meeting.report_version == 0:
        raise ServiceError(_("Write the report before sharing it."))
    readers = report_readers(meeting)
    link = absolute_url(meeting.get_absolute_url())
    for user in readers:
        queue_email(
            user.email,
            "families/email/report_shared",
            {"link": link, "starts_at": timezone.localtime(meeting.starts_at)},
            language=getattr(user, "preferred_language", "nl"),
        )
    meeting.report_shared_at = timezone.now()
    meeting.save(update_fields=["report_shared_at"])
    audit.record(
        "family.report_shared",
        actor=acting_user,
        obj=meeting.trajectory,
        part=PART,
        meeting=meeting.pk,
        to=len(readers),
    )
    return len(readers)


@transaction.atomic
def set_interpreting(meeting: Meeting, *, acting_user: Any, interpreting: str, note: str, sensitive: bool) -> bool:
    """Record how the meeting is (or was) interpreted. True when a child would interpret a
    sensitive topic: the caller warns (it is recorded all the same, as it happened)."""
    meeting.interpreting = interpreting
    meeting.interpreting_note = note.strip()
    meeting.sensitive_topic = sensitive
    meeting.save(update_fields=["interpreting", "interpreting_note", "sensitive_topic"])
    audit.record(
        "family.meeting_changed",
        actor=acting_user,
        obj=meeting.trajectory,
        part=PART,
        meeting=meeting.pk,
        interpreting=interpreting,
        sensitive=sensitive,
    )
    return meeting.child_interprets_sensitive
