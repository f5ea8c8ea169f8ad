"""Writes that matter for volunteers: sign-up, the secret link, status changes, erasure.

Every function is atomic; e-mails carry links, never the person's details, and go out
only after commit (``core.email.queue_email``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from organisations.models import Activity, Organisation, Role
from places.services import PlaceError, Point, find_postcode, order_by_distance

from .models import Engagement, Status, StatusChange, Vacancy, Volunteer, VolunteerLanguage


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


def manage_link(token: str) -> str:
    return absolute_url("volunteers:manage", token)


def find_by_token(token: str) -> Volunteer | None:
    return Volunteer.objects.present().filter(token_hash=Volunteer.hash(token)).first()


def email_taken(email: str) -> Volunteer | None:
    """The present sign-up with this address, if any."""
    if not email:
        return None
    return Volunteer.objects.present().filter(email__iexact=email.strip()).order_by("pk").first()


def send_manage_link(volunteer: Volunteer) -> None:
    """E-mail a fresh secret link (the old one stops working: only one hash is kept)."""
    if not volunteer.email:
        return
    token = volunteer.new_token()
    volunteer.save(update_fields=["token_hash", "updated_at"])
    queue_email(
        volunteer.email,
        "volunteers/email/manage_link",
        {"volunteer": volunteer, "link": manage_link(token)},
        language=volunteer.language,
    )


# ---------------------------------------------------------------- sign-up


def _apply_details(volunteer: Volunteer, data: SignUp) -> None:
    volunteer.full_name = data.full_name.strip()
    volunteer.email = data.email.strip().lower()
    volunteer.phone = data.phone.strip()
    volunteer.interests = data.interests.strip()
    volunteer.days = list(data.days)
    volunteer.day_parts = list(data.day_parts)
    volunteer.hours_per_month = data.hours_per_month
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


def record_status(engagement: Engagement, status: str, *, acting_user=None, reason: str = "", note: str = "") -> None:
    """Set the status, keep the dates the funnel counts, and append the history row."""
    now = timezone.now()
    fields = ["status"]
    engagement.status = status
    if status == Status.ACTIVE and engagement.activated_at is None:
        engagement.activated_at = now
        fields.append("activated_at")
    if status == Status.STOPPED:
        engagement.stopped_at, engagement.stop_reason = now, reason
        fields += ["stopped_at", "stop_reason"]
    elif engagement.stopped_at is not None:
        engagement.stopped_at, engagement.stop_reason = None, ""
        fields += ["stopped_at", "stop_reason"]
    engagement.save(update_fields=fields)
    StatusChange.objects.create(
        engagement=engagement, status=status, reason=reason, note=note[:500], changed_by=acting_user, changed_at=now
    )


def _open_engagement(volunteer: Volunteer, org: Organisation, vacancy: Vacancy | None) -> Engagement | None:
    """A lead for this group, or None if the person is already with it."""
    engagement = Engagement.objects.filter(volunteer=volunteer, organisation=org).first()
    if engagement is None:
        engagement = Engagement.objects.create(volunteer=volunteer, organisation=org, vacancy=vacancy)
        StatusChange.objects.create(engagement=engagement, status=Status.LEAD)
    elif engagement.withdrawn_at is not None:
        engagement.withdrawn_at, engagement.vacancy, engagement.created_at = None, vacancy, timezone.now()
        engagement.contacted_at = None
        engagement.save(update_fields=["withdrawn_at", "vacancy", "created_at", "contacted_at"])
        record_status(engagement, Status.LEAD, note="signed up again")
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
    the same form sent twice is saved once."""
    if not picks:
        raise ServiceError(_("Choose at least one group or vacancy."))
    existing = Volunteer.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    if email_taken(data.email):
        raise ServiceError(_("This e-mail address is already signed up."))
    volunteer = Volunteer(language=language, submission_key=submission_key, consent_at=timezone.now())
    _apply_details(volunteer, data)
    token = volunteer.new_token()
    try:
        with transaction.atomic():
            volunteer.save()
    except IntegrityError:
        return Volunteer.objects.get(submission_key=submission_key), False
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
def update_details(volunteer: Volunteer, data: SignUp) -> Volunteer:
    """The person changes their own details (through the secret link or their account)."""
    other = email_taken(data.email)
    if other is not None and other.pk != volunteer.pk:
        raise ServiceError(_("This e-mail address is already signed up."))
    _apply_details(volunteer, data)
    volunteer.save()
    _save_choices(volunteer, data)
    return volunteer


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
    if engagement.status != Status.STOPPED:
        record_status(engagement, Status.STOPPED, reason="other", note="withdrawn by the volunteer")


@transaction.atomic
def erase(volunteer: Volunteer) -> None:
    """Remove the person and keep the groups' counts: the engagements, their statuses and
    dates stay; every detail that identifies the person or was written about them goes."""
    now = timezone.now()
    for engagement in volunteer.engagements.exclude(status=Status.STOPPED):
        record_status(engagement, Status.STOPPED, reason="other", note="erased")
    volunteer.engagements.update(withdrawn_at=now, invitation=None, keep_in_touch=False)
    from .models import CheckIn, FollowUp, Intake  # noqa: PLC0415 (kept local: only erasure needs them all)

    Intake.objects.filter(engagement__volunteer=volunteer).update(notes="", agreed_tasks="", limits="")
    FollowUp.objects.filter(engagement__volunteer=volunteer).update(notes="")
    StatusChange.objects.filter(engagement__volunteer=volunteer).update(note="")
    CheckIn.objects.filter(volunteer=volunteer).delete()
    volunteer.languages.all().delete()
    volunteer.activities.clear()
    volunteer.full_name = ""
    volunteer.email = volunteer.phone = volunteer.interests = ""
    volunteer.postal_code = volunteer.municipality = None
    volunteer.latitude = volunteer.longitude = None
    volunteer.days, volunteer.day_parts, volunteer.hours_per_month = [], [], None
    volunteer.can_interpret = volunteer.interpreter_visible = volunteer.allow_pass_on = False
    volunteer.user = None
    volunteer.submission_key = None
    volunteer.new_token()  # the old link stops working
    volunteer.erased_at = now
    volunteer.save()


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


def volunteer_for_user(user) -> Volunteer:
    """The volunteer record of an account holder, created from the account if needed."""
    volunteer = Volunteer.objects.present().filter(user=user).first()
    if volunteer is None:
        volunteer = Volunteer(
            user=user,
            full_name=user.full_name,
            email=user.email,
            language=user.preferred_language or "nl",
            consent_at=timezone.now(),
        )
        volunteer.new_token()
        volunteer.save()
    return volunteer


def on_invitation_accepted(sender, invitation, member, **kwargs) -> None:
    """A volunteer's account invitation was accepted: link the account and make the
    engagement active (or start one for people invited without a sign-up)."""
    if member.role != Role.VOLUNTEER:
        return
    engagement = Engagement.objects.select_related("volunteer").filter(invitation=invitation).first()
    if engagement is not None:
        volunteer = engagement.volunteer
        if volunteer.user_id is None and not Volunteer.objects.filter(user=member.user).exists():
            volunteer.user = member.user
            volunteer.save(update_fields=["user", "updated_at"])
    else:
        volunteer = volunteer_for_user(member.user)
        engagement, _created = Engagement.objects.get_or_create(
            volunteer=volunteer, organisation=member.organisation, defaults={"contacted_at": timezone.now()}
        )
        if engagement.withdrawn_at is not None:
            engagement.withdrawn_at = None
            engagement.save(update_fields=["withdrawn_at"])
    if engagement.status != Status.ACTIVE:
        record_status(engagement, Status.ACTIVE, acting_user=member.user, note="accepted the invitation")
