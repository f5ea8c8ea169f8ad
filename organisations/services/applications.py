"""The joining workflow: a group's application, the secretariat's review, the group's answer."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.email import queue_email
from core.errors import ServiceError
from core.links import absolute_url
from core.transitions import Transitions

from ..models import (
    ApplicationMessage,
    ApplicationStatus,
    Invitation,
    MembershipApplication,
    MembershipEvent,
    MembershipStatus,
    Organisation,
    Role,
)
from .figures import invalidate_figures
from .groups import name_taken, place_organisation, unique_slug
from .invitations import invitation_link

_DECIDED = gettext_lazy("This application has already been decided.")

# An application's status: the secretariat asks (as often as needed), approves or declines;
# the group answers a question, which sends the application back for review.
APPLICATION = Transitions(
    ApplicationStatus,
    {
        ApplicationStatus.SUBMITTED: {
            ApplicationStatus.INFO_REQUESTED,
            ApplicationStatus.APPROVED,
            ApplicationStatus.DECLINED,
        },
        ApplicationStatus.INFO_REQUESTED: {
            ApplicationStatus.INFO_REQUESTED,
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.APPROVED,
            ApplicationStatus.DECLINED,
        },
    },
    refused={
        ApplicationStatus.INFO_REQUESTED: _DECIDED,
        ApplicationStatus.APPROVED: _DECIDED,
        ApplicationStatus.DECLINED: _DECIDED,
        ApplicationStatus.SUBMITTED: gettext_lazy("This application cannot be changed any more."),
    },
)


@transaction.atomic
def move_application(application: MembershipApplication, status: str) -> MembershipApplication:
    """The one place an application's status changes: the row is locked (two staff members
    never decide twice) and the move checked against ``APPLICATION``. Returns the locked row."""
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(locked.status, status)
    locked.status = status
    fields = ["status", "updated_at"]
    if status in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED):
        locked.decided_at = timezone.now()
        fields.append("decided_at")
    locked.save(update_fields=fields)
    return locked


def application_link(token: str) -> str:
    return absolute_url("organisations:application_status", token)


@transaction.atomic
def submit_application(form, *, language: str) -> tuple[MembershipApplication, bool]:
    """Save a new application. Returns (application, created); a resubmitted form is not saved twice."""
    key = form.cleaned_data["submission_key"]
    existing = MembershipApplication.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing, False
    application = form.save(commit=False)
    application.language = language
    token = application.new_token()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        return MembershipApplication.objects.get(submission_key=key), False
    form.save_m2m()
    audit.record("application.submitted", obj=application, actor_role=audit.VISITOR)
    queue_email(
        application.contact_email,
        "organisations/email/application_received",
        {"application": application, "link": application_link(token)},
        language=language,
    )
    _notify_secretariat(application)
    return application, True


def _notify_secretariat(application: MembershipApplication) -> None:
    queue_email(
        settings.SECRETARIAT_EMAIL,
        "organisations/email/application_new",
        {
            "application": application,
            "link": absolute_url("organisations:review", application.pk),
        },
        language="nl",
    )


def _message(application: MembershipApplication, kind: str, text: str, author) -> ApplicationMessage:
    return ApplicationMessage.objects.create(application=application, kind=kind, text=text.strip(), author=author)


@transaction.atomic
def approve_application(application: MembershipApplication, *, acting_user, message: str = "") -> Organisation:
    """Make the group a member and invite its contact person as coordinator."""
    application = move_application(application, ApplicationStatus.APPROVED)
    if name_taken(application.group_name):
        raise ServiceError(
            _("A member group called “%(name)s” already exists. Ask the group to choose a distinguishing name.")
            % {"name": application.group_name}
        )
    today = timezone.localdate()
    org = Organisation(
        name=application.group_name.strip(),
        slug=unique_slug(application.group_name),
        legal_form=application.legal_form,
        municipality=application.municipality,
        postal_code=application.postal_code,
        audiences=application.audiences,
        description=application.description,
        website=application.website,
        public_email=application.contact_email,
        status=MembershipStatus.MEMBER,
        member_since=today,
    )
    place_organisation(org)
    org.save()
    org.activities.set(application.activities.all())
    org.area_served.set(application.area_served.all())
    MembershipEvent.objects.create(
        organisation=org,
        status=MembershipStatus.APPLIED,
        date=timezone.localdate(application.submitted_at),
        recorded_by=None,
    )
    MembershipEvent.objects.create(
        organisation=org, status=MembershipStatus.MEMBER, date=today, recorded_by=acting_user
    )
    application.organisation = org
    application.save(update_fields=["organisation", "updated_at"])
    audit.record("application.approved", actor=acting_user, obj=application, organisation=org)
    _message(application, ApplicationMessage.Kind.APPROVED, message, acting_user)
    invitation = Invitation(
        organisation=org,
        email=application.contact_email.lower(),
        full_name=application.contact_name,
        role=Role.COORDINATOR,
        language=application.language,
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = invitation.new_token()
    invitation.save()
    audit.record("invitation.sent", actor=acting_user, obj=invitation, invited_as=Role.COORDINATOR, replaced=0)
    queue_email(
        application.contact_email,
        "organisations/email/application_approved",
        {
            "application": application,
            "message": message,
            "link": invitation_link(token),
            "days": settings.INVITATION_VALID_DAYS,
        },
        language=application.language,
    )
    invalidate_figures()
    return org


@transaction.atomic
def request_information(application: MembershipApplication, *, acting_user, message: str) -> str:
    """Ask the group for more; it answers through a fresh link. Returns the new token."""
    if not message.strip():
        raise ServiceError(_("Please write what you would like to know."))
    application = move_application(application, ApplicationStatus.INFO_REQUESTED)
    token = application.new_token()
    application.save(update_fields=["token_hash", "updated_at"])
    audit.record("application.info_requested", actor=acting_user, obj=application)
    _message(application, ApplicationMessage.Kind.INFO_REQUESTED, message, acting_user)
    queue_email(
        application.contact_email,
        "organisations/email/application_info",
        {"application": application, "message": message, "link": application_link(token)},
        language=application.language,
    )
    return token


@transaction.atomic
def decline_application(application: MembershipApplication, *, acting_user, message: str) -> None:
    if not message.strip():
        raise ServiceError(_("Please explain the decision to the group."))
    application = move_application(application, ApplicationStatus.DECLINED)
    audit.record("application.declined", actor=acting_user, obj=application)
    _message(application, ApplicationMessage.Kind.DECLINED, message, acting_user)
    queue_email(
        application.contact_email,
        "organisations/email/application_declined",
        {"application": application, "message": message},
        language=application.language,
    )


@transaction.atomic
def answer_information_request(application: MembershipApplication, form, *, reply: str) -> MembershipApplication:
    """The group updates its application and answers; it goes back to the secretariat."""
    move_application(application, ApplicationStatus.SUBMITTED)
    application = form.save(commit=False)
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    form.save_m2m()
    audit.record("application.answered", obj=application, actor_role=audit.PERSON)
    _message(application, ApplicationMessage.Kind.APPLICANT, reply, None)
    _notify_secretariat(application)
    return application


def find_application(token: str) -> MembershipApplication | None:
    return MembershipApplication.objects.filter(token_hash=MembershipApplication.hash(token)).first()
