"""Volunteers (vrijwilligers): from "I want to help" to a volunteer who stays.

- ``Volunteer`` is a person who offered help: what they would like to do, the languages
  they speak, when they are free. It exists with or without an account, and carries the
  secret link (only its hash) with which the person sees, changes or withdraws a sign-up.
- ``Engagement`` is that person's path with one group: a lead (aanmelding), an intake,
  invited to make an account, active, paused or stopped, with its history (``StatusChange``), intake conversations
  (``Intake``), planned follow-up conversations (``FollowUp``) and the stop reason.
- ``Vacancy`` is a group's call for help (vrijwilligersvacature).
- ``CheckIn`` is a volunteer's own "how heavy does it feel" (self-care).

Groups see a person only through an engagement with them, only while the person's
consent stands (not withdrawn, not erased).
"""

from __future__ import annotations

import base64
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from organisations.models import Activity, Invitation, Organisation, TokenMixin
from places.models import Municipality, PostalCode

from .languages import LANGUAGE_CHOICES


class Status(models.TextChoices):
    LEAD = "lead", _("New lead")
    INTAKE = "intake", _("Intake")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")


class StopReason(models.TextChoices):
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    MOVED = "moved", _("Moved")
    TOO_HEAVY = "too-heavy", _("Too heavy")
    NOT_NEEDED = "not-needed", _("No longer needed")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    BASIC = "basic", _("A little")
    GOOD = "good", _("Good")
    FLUENT = "fluent", _("Fluent or native")


DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
DAY_PARTS = [("morning", _("Morning")), ("afternoon", _("Afternoon")), ("evening", _("Evening"))]


class Gender(models.TextChoices):
    """Self-declared and optional: a family sometimes asks for a woman or a man (issue 11)."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other, or I would rather not say")


class VolunteerQuerySet(models.QuerySet["Volunteer"]):
    def present(self) -> VolunteerQuerySet:
        """People who have not been erased."""
        return self.filter(erased_at__isnull=True)


class Volunteer(TokenMixin):
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_code = models.ForeignKey(PostalCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="+", verbose_name=_("what I would like to do")
    )
    interests = models.TextField(_("in my own words"), max_length=1000, blank=True)
    days = models.JSONField(_("days"), default=list, blank=True)
    day_parts = models.JSONField(_("times of day"), default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"), null=True, blank=True)
    gender = models.CharField(_("gender (self-declared, optional)"), max_length=10, choices=Gender.choices, blank=True)
    can_interpret = models.BooleanField(_("I can interpret"), default=False)
    interpreter_visible = models.BooleanField(_("Groups of the network may find me as an interpreter"), default=False)
    allow_pass_on = models.BooleanField(
        _("If a group does not answer, the secretariat may pass my details to another group near me"),
        default=False,
    )
    language = models.CharField(max_length=5, default="nl")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="volunteer"
    )
    # The secret link is derived from this nonce and the secret key, so the same link can be
    # e-mailed again without replacing it; only its hash is stored (``token_hash``).
    link_nonce = models.CharField(max_length=32, blank=True, editable=False)
    # An address the person asked to change to; it counts once they click the link sent to it.
    pending_email = models.EmailField(blank=True, editable=False)
    submission_key = models.UUIDField(unique=True, null=True, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            # One present (not erased) sign-up per e-mail address, whatever its case.
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(erased_at__isnull=True) & ~Q(email=""),
                name="volunteer_present_email_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or f"#{self.pk}"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def new_token(self) -> str:
        """A new secret link: the previous one stops working."""
        self.link_nonce = secrets.token_hex(16)
        token = self._derived_token()
        self.token_hash = self.hash(token)
        return token

    def link_token(self) -> str | None:
        """The current link's token, derived again (None for a link made before nonces, or
        when the secret key changed since: then it no longer matches ``token_hash``)."""
        if not self.link_nonce:
            return None
        token = self._derived_token()
        return token if self.hash(token) == self.token_hash else None

    def _derived_token(self) -> str:
        digest = salted_hmac("gastvrij.volunteers.link", self.link_nonce, algorithm="sha256").digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, db_index=True)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, default=Level.GOOD)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["volunteer", "code"], name="volunteer_language_once")]


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def open(self) -> VacancyQuerySet:
        """Published and not closed or past its end date (groups that left the network drop out)."""
        today = timezone.localdate()
        return self.filter(
            closed_at__isnull=True,
            organisation__status="member",
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class VacancyState(models.TextChoices):
    """Whether a group still looks for help with a vacancy (``closed_at``)."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Vacancy(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("title"), max_length=150)
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="+", verbose_name=_("activity"), null=True, blank=True
    )
    description = models.TextField(_("what the help is"), max_length=4000)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    postal_code = models.ForeignKey(PostalCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    languages = models.JSONField(_("languages asked for"), default=list, blank=True)
    time_needed = models.CharField(_("time needed"), max_length=150, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"), null=True, blank=True)
    starts_on = models.DateField(_("start"), default=timezone.localdate)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [models.Index(fields=["closed_at", "ends_on"], name="vacancy_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="vacancy_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("volunteers:vacancy", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and (self.ends_on is None or self.ends_on >= timezone.localdate())

    @property
    def state(self) -> str:
        return VacancyState.CLOSED if self.closed_at is not None else VacancyState.OPEN


UNANSWERED_DAYS = 7  # a lead nobody contacted for this long is flagged to the coordinators
SECRETARIAT_DAYS = 14  # ... and, after this long, to the secretariat


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def shared(self) -> EngagementQuerySet:
        """Engagements whose person still consents: not withdrawn, not erased."""
        return self.filter(withdrawn_at__isnull=True, volunteer__erased_at__isnull=True)

    def visible_to(self, user) -> EngagementQuerySet:
        """A group's coordinators see the group's shared engagements. The secretariat sees
        figures only, except a lead nobody answered for 14 days whose person agreed to be
        passed on to another group (decision 0010): that lead it may open and pass on."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        allowed = Q(organisation_id__in=user.coordinated_organisation_ids())
        if user.is_secretariat:
            allowed |= _unanswered(SECRETARIAT_DAYS) & Q(volunteer__allow_pass_on=True)
        return self.shared().filter(allowed)

    def unanswered_since(self, days: int, *, now=None) -> EngagementQuerySet:
        """Leads nobody has contacted for ``days`` days or more."""
        return self.shared().filter(_unanswered(days, now))


def _unanswered(days: int, now=None) -> Q:
    return Q(
        status=Status.LEAD, contacted_at__isnull=True, created_at__lte=(now or timezone.now()) - timedelta(days=days)
    )


class Engagement(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="engagements")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="engagements")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.SET_NULL, null=True, blank=True, related_name="engagements")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.LEAD)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    contacted_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.CharField(_("why they stopped"), max_length=12, choices=StopReason.choices, blank=True)
    keep_in_touch = models.BooleanField(_("agrees that we keep in touch"), default=False)
    next_follow_up = models.DateField(_("next follow-up conversation"), null=True, blank=True, db_index=True)
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    passed_on_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="passed_on_from"
    )

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("engagement")
        constraints = [
            # One engagement per person and group (so at most one open one): signing up again reopens it.
            models.UniqueConstraint(fields=["volunteer", "organisation"], name="engagement_once_per_group"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="engagement_status_known"),
            # Stopped exactly when there is a stop reason and a stop date.
            models.CheckConstraint(
                condition=(Q(status="stopped") & ~Q(stop_reason="") & Q(stopped_at__isnull=False))
                | (~Q(status="stopped") & Q(stop_reason="") & Q(stopped_at__isnull=True)),
                name="engagement_stopped_iff_reason",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="engagement_group_status_idx")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.organisation}"


# Notes the platform itself writes in the history: stored as these codes, shown translated.
SYSTEM_NOTES = {
    "contacted": _("Contacted"),
    "intake": _("Intake conversation recorded"),
    "already part of the group": _("Already part of the group"),
    "invited with an account": _("Invited to make an account"),
    "signed up again": _("Signed up again"),
    "withdrawn by the volunteer": _("Withdrawn by the volunteer"),
    "erased": _("Erased at the person's request"),
    "accepted the invitation": _("Accepted the invitation"),
    "passed on to another group": _("Passed on to another group by the secretariat"),
}


class StatusChange(models.Model):
    """The history of an engagement's status (append-only)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=8, choices=Status.choices)
    reason = models.CharField(max_length=12, choices=StopReason.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(status__in=Status.values), name="statuschange_status_known")]

    @property
    def note_label(self) -> str:
        return str(SYSTEM_NOTES.get(self.note, self.note))


class Intake(models.Model):
    """An intake conversation (intakegesprek)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="intakes")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    agreed_tasks = models.TextField(_("agreed tasks"), max_length=2000, blank=True)
    limits = models.TextField(_("limits the volunteer sets"), max_length=2000, blank=True)
    follow_up_on = models.DateField(_("follow-up conversation on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=models.F("held_on")),
                name="intake_follow_up_after_intake",
            ),
        ]


class FollowUp(models.Model):
    """A planned follow-up conversation (opvolggesprek); ``done_on`` once it took place."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="follow_ups")
    planned_for = models.DateField(_("planned for"), db_index=True)
    done_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_for", "pk"]


class Load(models.IntegerChoices):
    LIGHT = 1, _("Light")
    FINE = 2, _("Fine")
    BUSY = 3, _("Busy but OK")
    HEAVY = 4, _("Heavy")
    TOO_HEAVY = 5, _("Too heavy")


OVERLOAD_FROM = Load.HEAVY


class CheckIn(models.Model):
    """How heavy volunteering feels (self-care check-in); the coordinator sees the load."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="check_ins")
    load = models.PositiveSmallIntegerField(_("how heavy does it feel?"), choices=Load.choices)
    note = models.CharField(_("anything you want your coordinator to know"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(load__gte=1, load__lte=5), name="checkin_load_1_to_5")]
