"""Writes that matter for volunteers: sign-up, the secret link, e-mail changes, status
changes, linking to an account, erasure.

Every function is atomic and writes its audit row; e-mails carry links, never the person's
details, and go out only after commit (``core.email.queue_email``).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from core.transitions import Transitions
from organisations.models import Activity, Organisation, OrganisationMember, Role
from places.services import PlaceError, Point, find_postcode, order_by_distance

from .models import Engagement, Status, StatusChange, StopReason, Vacancy, Volunteer, VolunteerLanguage

# An engagement's status (one person's path with one group). A lead gets an intake (or not)
# and an invitation to make an account; accepting it makes them active. Active volunteers
# pause and resume; anyone may stop (or withdraw, or be erased: stopped too), and someone
# who stopped may be taken back or sign up again.
ENGAGEMENT = Transitions(
    Status,
    {
        Status.LEAD: {Status.INTAKE, Status.INVITED, Status.STOPPED},
        Status.INTAKE: {Status.INVITED, Status.STOPPED},
        Status.INVITED: {Status.ACTIVE, Status.STOPPED},
        Status.ACTIVE: {Status.PAUSED, Status.STOPPED},
        Status.PAUSED: {Status.ACTIVE, Status.STOPPED},
        Status.STOPPED: {Status.LEAD, Status.ACTIVE},
    },
    refused=_lazy("A volunteer with status “%(old)s” cannot be set to “%(new)s”."),
)


@dataclass
class SignUp:
    """What a person typed in the public form, as plain data (it travels signed between
    the form and the choice of groups, so nothing is stored before they pick)."""

    full_name: str
    email: str = ""
    phone: str = ""
    postcode: str = ""
    activities: list[str] = field(default_factory=list)
    interests: str = ""
    languages: list[tuple[str, str]] = field(default_factory=list)  # (code, level)
    days: list[str] = field(default_factory=list)
    day_parts: list[str] = field(default_factory=list)
    hours_per_month: int | None = None
    gender: str = ""
    can_interpret: bool = False
    interpreter_visible: bool = False
    allow_pass_on: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {k: (list(map(list, v)) if k == "languages" else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_volunteer(cls, volunteer: Volunteer) -> SignUp:
        return cls(
            full_name=volunteer.full_name,
            email=volunteer.email,
            phone=volunteer.phone,
            postcode=volunteer.postal_code.code if volunteer.postal_code else "",
            activities=[a.code for a in volunteer.activities.all()],
            interests=volunteer.interests,
            languages=[(lang.code, lang.level) for lang in volunteer.languages.all()],
            days=list(volunteer.days),
            day_parts=list(volunteer.day_parts),
            hours_per_month=volunteer.hours_per_month,
            gender=volunteer.gender,
            can_interpret=volunteer.can_interpret,
            interpreter_visible=volunteer.interpreter_visible,
            allow_pass_on=volunteer.allow_pass_on,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignUp:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known["languages"] = [tuple(pair) for pair in known.get("languages", [])]
        return cls(**known)


# ---------------------------------------------------------------- the secret link

ONE_MAIL_PER = 3600  # seconds: at most one "you are already signed up" e-mail per person per hour


def manage_link(token: str) -> str:
    return absolute_url("volunteers:manage", token)


def find_by_token(token: str) -> Volunteer | None:
    return Volunteer.objects.present().filter(token_hash=Volunteer.hash(token)).first()


def email_taken(email: str) -> Volunteer | None:
    """The present sign-up with this address, if any."""
    if not email:
        return None
    return Volunteer.objects.present().filter(email__iexact=email.strip()).order_by("pk").first()


def current_link(volunteer: Volunteer) -> str:
    """The person's secret link as it is: derived again, not replaced. A link made before
    links were derived (or before the secret key changed) is replaced once."""
    token = volunteer.link_token()
    if token is None:
        token = volunteer.new_token()
        volunteer.save(update_fields=["token_hash", "link_nonce", "updated_at"])
    return manage_link(token)


def send_manage_link(volunteer: Volunteer) -> None:
    """E-mail the person their secret link. The link stays the same: asking for it (which
    anyone who knows the address can do) never breaks the one the person has."""
    if not volunteer.email:
        return
    queue_email(
        volunteer.email,
        "volunteers/email/manage_link",
        {"volunteer": volunteer, "link": current_link(volunteer)},
        language=volunteer.language,
    )


def _tell_already_signed_up(volunteer: Volunteer) -> None:
    """Someone used the person's address for a new sign-up: the person gets their link (at
    most once an hour, so the address cannot be flooded); the one who typed it learns nothing."""
    if not volunteer.email or not cache.add(f"volunteers:already:{volunteer.pk}", 1, ONE_MAIL_PER):
        return
    queue_email(
        volunteer.email,
        "volunteers/email/already_signed_up",
        {"volunteer": volunteer, "link": current_link(volunteer)},
        language=volunteer.language,
    )


# ---------------------------------------------------------------- sign-up


def _apply_details(volunteer: Volunteer, data: SignUp) -> None:
    """Everything but the e-mail address, which changes only once confirmed (``request_email_change``)."""
    volunteer.full_name = data.full_name.strip()
    volunteer.phone = data.phone.strip()
    volunteer.interests = data.interests.strip()
    volunteer.days = list(data.days)
    volunteer.day_parts = list(data.day_parts)
    volunteer.hours_per_month = data.hours_per_month
    volunteer.gender = data.gender
    volunteer.can_interpret = data.can_interpret
    volunteer.interpreter_visible = data.can_interpret and data.interpreter_visible
    volunteer.allow_pass_on = data.allow_pass_on
    try:
        postcode = find_postcode(data.postcode)
    except PlaceError:  # the forms check the postcode; keep the old place if it is gone since
        return
    volunteer.postal_code, volunteer.municipality = postcode, postcode.municipality
    volunteer.latitude, volunteer.longitude = postcode.latitude, postcode.longitude


def _save_choices(volunteer: Volunteer, data: SignUp) -> None:
    volunteer.activities.set(Activity.objects.filter(code__in=data.activities))
    volunteer.languages.all().delete()
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, code=code, level=level) for code, level in dict(data.languages).items()
    )


@transaction.atomic
def move(
    engagement: Engagement,
    status: str,
    *,
    acting_user=None,
    reason: str = "",
    note: str = "",
    actor_role: str = "",
) -> None:
    """The one place an engagement's status changes: the row is locked, the move checked
    against ``ENGAGEMENT``, the dates the funnel counts kept, and the history and audit
    rows appended. A stop needs its reason (the database holds that too)."""
    engagement.status = Engagement.objects.select_for_update().values_list("status", flat=True).get(pk=engagement.pk)
    old = engagement.status
    ENGAGEMENT.check(old, status)
    if status == Status.STOPPED and reason not in StopReason.values:
        raise ServiceError(_("Choose why the volunteer stops."))
    now = timezone.now()
    fields = ["status"]
    engagement.status = status
    if status == Status.ACTIVE and engagement.activated_at is None:
        engagement.activated_at = now
        fields.append("activated_at")
    if status == Status.STOPPED:
        engagement.stopped_at, engagement.stop_reason = now, reason
        fields += ["stopped_at", "stop_reason"]
    else:
        reason = ""
        if engagement.stopped_at is not None or engagement.stop_reason:
            engagement.stopped_at, engagement.stop_reason = None, ""
            fields += ["stopped_at", "stop_reason"]
    engagement.save(update_fields=fields)
    StatusChange.objects.create(
        engagement=engagement, status=status, reason=reason, note=note[:500], changed_by=acting_user, changed_at=now
    )
    audit.record(
        "engagement.status_changed",
        actor=acting_user,
        obj=engagement,
        actor_role=actor_role,
        old=old,
        new=status,
        reason=reason or None,
    )


def note_history(engagement: Engagement, note: str, *, acting_user=None) -> StatusChange:
    """A history row without a change of status (contact made, passed on, signed up again)."""
    return StatusChange.objects.create(
        engagement=engagement,
        status=engagement.status,
        note=note[:500],
        changed_by=acting_user,
        changed_at=timezone.now(),
    )


def _open_engagement(
    volunteer: Volunteer, org: Organisation, vacancy: Vacancy | None, *, acting_user=None
) -> Engagement | None:
    """A lead for this group, or None if the person is already with it. ``acting_user``:
    the secretariat passing a lead on (otherwise the person themselves)."""
    role = _self_role(acting_user)
    engagement = Engagement.objects.filter(volunteer=volunteer, organisation=org).first()
    if engagement is None:
        engagement = Engagement.objects.create(volunteer=volunteer, organisation=org, vacancy=vacancy)
        StatusChange.objects.create(engagement=engagement, status=Status.LEAD, changed_by=acting_user)
        audit.record("engagement.created", actor=acting_user, obj=engagement, actor_role=role)
    elif engagement.withdrawn_at is not None:
        engagement.withdrawn_at, engagement.vacancy, engagement.created_at = None, vacancy, timezone.now()
        engagement.contacted_at = None
        engagement.save(update_fields=["withdrawn_at", "vacancy", "created_at", "contacted_at"])
        audit.record("engagement.created", actor=acting_user, obj=engagement, actor_role=role, again=True)
        if engagement.status == Status.LEAD:
            note_history(engagement, "signed up again", acting_user=acting_user)
        else:
            move(engagement, Status.LEAD, note="signed up again", acting_user=acting_user, actor_role=role)
    else:
        return None
    _notify_group(engagement)
    return engagement


def _notify_group(engagement: Engagement) -> None:
    org = engagement.organisation
    coordinators = list(
        org.people.filter(role=Role.COORDINATOR, left_at__isnull=True)
        .select_related("user")
        .values_list("user__email", "user__preferred_language")
    )
    link = absolute_url("volunteers:inbox", org.slug)
    for email, language in coordinators:
        queue_email(email, "volunteers/email/new_lead", {"organisation": org, "link": link}, language=language or "nl")


def resolve_picks(group_slugs: list[str], vacancy_ids: list[int]) -> list[tuple[Organisation, Vacancy | None]]:
    """The groups a person picked, directly or through one of their open vacancies."""
    picks: dict[int, tuple[Organisation, Vacancy | None]] = {}
    for vacancy in Vacancy.objects.open().select_related("organisation").filter(pk__in=vacancy_ids):
        picks.setdefault(vacancy.organisation_id, (vacancy.organisation, vacancy))
    for org in Organisation.objects.members().filter(slug__in=group_slugs):
        picks.setdefault(org.pk, (org, None))
    return list(picks.values())


@transaction.atomic
def submit_signup(
    data: SignUp, picks: list[tuple[Organisation, Vacancy | None]], *, language: str, submission_key: uuid.UUID
) -> tuple[Volunteer, bool]:
    """Save a sign-up and share it with the picked groups only. Returns (volunteer, created):
    the same form sent twice is saved once.

    An address that is already signed up is not signed up again, and the answer does not
    say so: the person with that address gets their link by e-mail (``created`` is False),
    and the page that follows is the same. Two sign-ups with one address at the same moment
    meet the database's constraint (one present sign-up per address) and end the same way."""
    if not picks:
        raise ServiceError(_("Choose at least one group or vacancy."))
    existing = Volunteer.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    known = email_taken(data.email)
    if known is not None:
        _tell_already_signed_up(known)
        return known, False
    volunteer = Volunteer(
        language=language,
        submission_key=submission_key,
        consent_at=timezone.now(),
        email=data.email.strip().lower(),
    )
    _apply_details(volunteer, data)
    token = volunteer.new_token()
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:
        existing = Volunteer.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
        known = email_taken(data.email)
        if known is None:
            raise
        _tell_already_signed_up(known)
        return known, False
    _save_choices(volunteer, data)
    for org, vacancy in picks:
        _open_engagement(volunteer, org, vacancy)
    if volunteer.email:
        queue_email(
            volunteer.email,
            "volunteers/email/signed_up",
            {"volunteer": volunteer, "link": manage_link(token), "groups": [org for org, _v in picks]},
            language=language,
        )
    return volunteer, True


@transaction.atomic
def update_details(volunteer: Volunteer, data: SignUp, *, acting_user=None) -> str:
    """The person changes their own details (through the secret link or their account).
    A new e-mail address does not count yet: it gets a link to confirm (see
    ``request_email_change``). Returns the address waiting for confirmation, or ""."""
    _apply_details(volunteer, data)
    new_email = data.email.strip().lower()
    pending = ""
    if new_email != volunteer.email.lower():
        if new_email:
            pending = new_email
        else:  # removing an address claims nobody's: it counts at once
            volunteer.email = volunteer.pending_email = ""
    volunteer.save()
    _save_choices(volunteer, data)
    audit.record("volunteer.details_changed", actor=acting_user, obj=volunteer, actor_role=_self_role(acting_user))
    if pending:
        request_email_change(volunteer, pending, acting_user=acting_user)
    return pending


def _self_role(acting_user) -> str:
    return "" if acting_user is not None else audit.PERSON


# ---------------------------------------------------------------- changing the e-mail address

EMAIL_CHANGE_SALT = "gastvrij.volunteers.email-change"
EMAIL_CHANGE_DAYS = 3


def _email_change_digest(volunteer: Volunteer) -> str:
    """Binds a confirmation link to this request: the address asked for and the current one."""
    text = f"{volunteer.pk}:{volunteer.email.lower()}:{volunteer.pending_email.lower()}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def email_change_link(volunteer: Volunteer) -> str:
    token = signing.dumps({"v": volunteer.pk, "d": _email_change_digest(volunteer)}, salt=EMAIL_CHANGE_SALT)
    return absolute_url("volunteers:confirm_email", token)


def request_email_change(volunteer: Volunteer, new_email: str, *, acting_user=None) -> None:
    """Keep the new address aside and e-mail it a link: only the person who reads that
    mailbox makes it count. An address already signed up by someone else gets that
    person their own link instead; the one who typed it is told the same either way."""
    new_email = new_email.strip().lower()
    other = email_taken(new_email)
    if other is not None and other.pk != volunteer.pk:
        _tell_already_signed_up(other)
        return
    volunteer.pending_email = new_email
    volunteer.save(update_fields=["pending_email", "updated_at"])
    audit.record(
        "volunteer.email_change_requested", actor=acting_user, obj=volunteer, actor_role=_self_role(acting_user)
    )
    queue_email(
        new_email,
        "volunteers/email/confirm_email",
        {"volunteer": volunteer, "link": email_change_link(volunteer), "days": EMAIL_CHANGE_DAYS},
        language=volunteer.language,
    )


def email_change_for(token: str) -> Volunteer | None:
    """The person whose change of address this link confirms, or None (a wrong, old or
    already used link, or one for an address that was changed since)."""
    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("v"), int):
        return None
    volunteer = Volunteer.objects.present().filter(pk=payload["v"]).exclude(pending_email="").first()
    if volunteer is None or payload.get("d") != _email_change_digest(volunteer):
        return None
    return volunteer


@transaction.atomic
def confirm_email_change(volunteer: Volunteer) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    new_email = volunteer.pending_email
    if not new_email:
        raise ServiceError(_("This link has already been used."))
    other = email_taken(new_email)
    if other is not None and other.pk != volunteer.pk:
        raise ServiceError(_("This address is already used for another sign-up, so it cannot be confirmed here."))
    volunteer.email, volunteer.pending_email = new_email, ""
    try:
        with transaction.atomic():
            volunteer.save(update_fields=["email", "pending_email", "updated_at"])
    except IntegrityError:
        raise ServiceError(
            _("This address is already used for another sign-up, so it cannot be confirmed here.")
        ) from None
    audit.record("volunteer.email_changed", obj=volunteer, actor_role=audit.PERSON)
    return volunteer


# ---------------------------------------------------------------- the person's own choices


@transaction.atomic
def add_groups(volunteer: Volunteer, picks: list[tuple[Organisation, Vacancy | None]]) -> list[Engagement]:
    """The person shares their details with more groups."""
    if not picks:
        raise ServiceError(_("Choose at least one group or vacancy."))
    volunteer.consent_at = timezone.now()
    volunteer.save(update_fields=["consent_at", "updated_at"])
    return [e for org, vacancy in picks if (e := _open_engagement(volunteer, org, vacancy)) is not None]


@transaction.atomic
def withdraw(engagement: Engagement) -> None:
    """The person withdraws from one group: that group no longer sees them."""
    engagement.withdrawn_at = timezone.now()
    engagement.save(update_fields=["withdrawn_at"])
    audit.record("engagement.withdrawn", obj=engagement, actor_role=audit.PERSON)
    if engagement.status != Status.STOPPED:
        move(
            engagement,
            Status.STOPPED,
            reason=StopReason.OTHER,
            note="withdrawn by the volunteer",
            actor_role=audit.PERSON,
        )


@transaction.atomic
def erase(volunteer: Volunteer, *, acting_user=None) -> None:
    """Remove the person and keep the groups' counts: the engagements, their statuses and
    dates stay; every detail that identifies the person or was written about them goes."""
    now = timezone.now()
    role = _self_role(acting_user)
    for engagement in volunteer.engagements.exclude(status=Status.STOPPED):
        move(
            engagement, Status.STOPPED, reason=StopReason.OTHER, note="erased", acting_user=acting_user, actor_role=role
        )
    volunteer.engagements.update(withdrawn_at=now, invitation=None, keep_in_touch=False)
    from .models import CheckIn, FollowUp, Intake  # noqa: PLC0415 (kept local: only erasure needs them all)

    Intake.objects.filter(engagement__volunteer=volunteer).update(notes="", agreed_tasks="", limits="")
    FollowUp.objects.filter(engagement__volunteer=volunteer).update(notes="")
    StatusChange.objects.filter(engagement__volunteer=volunteer).update(note="")
    CheckIn.objects.filter(volunteer=volunteer).delete()
    volunteer.languages.all().delete()
    volunteer.activities.clear()
    volunteer.full_name = ""
    volunteer.email = volunteer.pending_email = volunteer.phone = volunteer.interests = ""
    volunteer.postal_code = volunteer.municipality = None
    volunteer.latitude = volunteer.longitude = None
    volunteer.days, volunteer.day_parts, volunteer.hours_per_month = [], [], None
    volunteer.gender = ""
    volunteer.can_interpret = volunteer.interpreter_visible = volunteer.allow_pass_on = False
    volunteer.user = None
    volunteer.submission_key = None
    volunteer.new_token()  # the old link stops working
    volunteer.erased_at = now
    volunteer.save()
    audit.record("volunteer.erased", actor=acting_user, obj=volunteer, actor_role=role)


# ---------------------------------------------------------------- vacancies


def filter_vacancies(qs, *, near=None, activity: str = "", language: str = "", **_ignored) -> tuple[Any, Any]:
    """The public vacancy filters; with ``near`` (a PostalCode) nearest first. Returns the
    queryset and the point (or None)."""
    if activity:
        qs = qs.filter(activity__code=activity)
    if language:
        # The JSON list's text holds the quoted code; this lookup works on SQLite and PostgreSQL.
        qs = qs.filter(languages__icontains=f'"{language}"')
    point = None
    if near is not None and near.latitude is not None:
        point = Point(near.latitude, near.longitude, str(near))
        qs = order_by_distance(qs, point, then="-pk")
    return qs, point


# ---------------------------------------------------------------- accounts


def volunteer_of(user) -> Volunteer | None:
    """The account's volunteer record, if it has one (reading never creates one)."""
    return Volunteer.objects.present().filter(user=user).first()


def unsaved_volunteer_for(user) -> Volunteer:
    """What the account page shows before the person saves anything: their account's name
    and address, nothing stored."""
    return Volunteer(full_name=user.full_name, email=user.email, language=user.preferred_language or "nl")


@transaction.atomic
def volunteer_for_user(user) -> Volunteer:
    """The account's volunteer record, made from the account when the person first saves
    something (a POST). The account's address is used unless another sign-up holds it:
    records are never joined by e-mail address, so that one stays separate and this record
    starts without an address (the account's own address still reaches the person)."""
    volunteer = Volunteer.objects.select_for_update().present().filter(user=user).first()
    if volunteer is not None:
        return volunteer
    email = "" if email_taken(user.email) is not None else user.email.lower()
    volunteer = Volunteer(
        user=user,
        full_name=user.full_name,
        email=email,
        language=user.preferred_language or "nl",
        consent_at=timezone.now(),
    )
    volunteer.new_token()
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:  # the address was taken at this very moment
        volunteer.email = ""
        volunteer.save()
    audit.record("volunteer.record_created", actor=user, obj=volunteer)
    return volunteer


def link_account(volunteer: Volunteer, user, *, organisation: Organisation) -> None:
    """Join a sign-up to the account of the person who accepted the group's invitation
    while logged in: the only way a record gets an account (never by e-mail address).
    The secret link is replaced and not sent: from now on the person uses the account."""
    if volunteer.user_id is not None or Volunteer.objects.filter(user=user).exists():
        return
    volunteer.user = user
    volunteer.new_token()
    volunteer.save(update_fields=["user", "token_hash", "link_nonce", "updated_at"])
    audit.record("volunteer.account_linked", actor=user, obj=volunteer, organisation=organisation)


def activate(engagement: Engagement, *, acting_user=None, note: str = "") -> None:
    """The person is a volunteer of the group with an account: make the engagement active.
    A lead or intake passes "invited" on the way (they were, by this invitation)."""
    if engagement.status in (Status.LEAD, Status.INTAKE):
        move(engagement, Status.INVITED, acting_user=acting_user, note=note)
    if engagement.status != Status.ACTIVE:
        move(engagement, Status.ACTIVE, acting_user=acting_user, note=note)


def on_invitation_accepted(sender, invitation, member, **kwargs) -> None:
    """A volunteer's account invitation was accepted (by the logged-in account): link the
    sign-up it was sent for and make the engagement active; people invited without a
    sign-up get a record and an engagement of their own."""
    if invitation.role != Role.VOLUNTEER:
        return
    engagement = Engagement.objects.select_related("volunteer").filter(invitation=invitation).first()
    if engagement is not None:
        link_account(engagement.volunteer, member.user, organisation=member.organisation)
    else:
        volunteer = volunteer_for_user(member.user)
        engagement, created = Engagement.objects.get_or_create(
            volunteer=volunteer,
            organisation=member.organisation,
            defaults={"contacted_at": timezone.now(), "status": Status.INVITED, "invitation": invitation},
        )
        if created:
            StatusChange.objects.create(engagement=engagement, status=Status.INVITED, changed_by=member.user)
            audit.record("engagement.created", actor=member.user, obj=engagement)
        if engagement.withdrawn_at is not None:
            engagement.withdrawn_at = None
            engagement.save(update_fields=["withdrawn_at"])
    activate(engagement, acting_user=member.user, note="accepted the invitation")


def is_member_of(volunteer: Volunteer, organisation: Organisation) -> bool:
    """The person's own account (never an address) is part of the group."""
    return bool(
        volunteer.user_id
        and OrganisationMember.objects.filter(
            organisation=organisation, user_id=volunteer.user_id, left_at__isnull=True
        ).exists()
    )
