"""Asking an interpreter (tolk) from the network's informal pool for a meeting or a visit of a
family, or recording that a social interpreter was booked through a professional.

- ``InterpreterRequest`` belongs to a family's trajectory (and, optionally, to one of its
  network meetings): when, where, which language, the topic in general words and how
  sensitive it is. Its status moves along ``STATUS`` (decision 0014).
- ``InterpreterAsk`` is one interpreter asked for one request, in turn: the interpreter's
  answer (accepted, declined, withdrawn later) and the secret link (only its SHA-256) that
  shows the interpreter the time, place and topic, never the family's record.

Free texts are encrypted (decision 0013). Decision 0025.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField
from core.transitions import Transitions
from volunteers.languages import LANGUAGE_CHOICES

TOPIC_MAX = 200
REASON_MAX = 500


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open: nobody asked yet")
    ASKED = "asked", _("Asked, waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined: ask someone else")
    SOCIAL = "social", _("Social interpreter booked through a professional")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A withdrawal after accepting reopens the request (accepted → open); the withdrawal itself
# stays on the ask, with its reason.
STATUS = Transitions(
    RequestStatus,
    {
        RequestStatus.OPEN: {RequestStatus.ASKED, RequestStatus.SOCIAL, RequestStatus.CANCELLED},
        RequestStatus.ASKED: {
            RequestStatus.ASKED,
            RequestStatus.ACCEPTED,
            RequestStatus.DECLINED,
            RequestStatus.SOCIAL,
            RequestStatus.CANCELLED,
        },
        RequestStatus.DECLINED: {RequestStatus.ASKED, RequestStatus.SOCIAL, RequestStatus.CANCELLED},
        RequestStatus.ACCEPTED: {RequestStatus.OPEN, RequestStatus.DONE, RequestStatus.CANCELLED},
        RequestStatus.SOCIAL: {RequestStatus.DONE, RequestStatus.CANCELLED},
    },
)

# The statuses in which the requester may ask (another) interpreter.
ASKABLE = {RequestStatus.OPEN, RequestStatus.ASKED, RequestStatus.DECLINED}


class Sensitivity(models.TextChoices):
    EVERYDAY = "everyday", _("Everyday (school, shopping, leisure...)")
    SENSITIVE = "sensitive", _("Sensitive (health, residence procedure, violence...)")


class Answer(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrew after accepting")
    CLOSED = "closed", _("No longer needed")


class InterpreterRequest(models.Model):
    trajectory = models.ForeignKey("families.Trajectory", on_delete=models.CASCADE, related_name="interpreter_requests")
    meeting = models.ForeignKey(
        "families.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreter_requests",
        verbose_name=_("network meeting"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = EncryptedCharField(_("place"), max_length=200, blank=True)
    online_link = EncryptedCharField(_("online link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    topic = EncryptedCharField(_("topic"), max_length=TOPIC_MAX)
    sensitivity = models.CharField(_("how sensitive"), max_length=10, choices=Sensitivity.choices)
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    interpreter = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interpreter"),
    )
    social_booked_by = EncryptedCharField(_("booked by (which professional)"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submission_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("interpreter request")
        verbose_name_plural = _("interpreter requests")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="interpreter_status_known"),
            models.CheckConstraint(
                condition=Q(sensitivity__in=Sensitivity.values), name="interpreter_sensitivity_known"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("interpreting:request", args=[self.trajectory_id, self.pk])

    @property
    def is_sensitive(self) -> bool:
        return self.sensitivity == Sensitivity.SENSITIVE

    @property
    def askable(self) -> bool:
        return self.status in ASKABLE


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InterpreterAsk(models.Model):
    """One interpreter asked for one request, and their answer."""

    request = models.ForeignKey(InterpreterRequest, on_delete=models.CASCADE, related_name="asks")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.SET_NULL, null=True, related_name="interpreter_asks"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    reason = EncryptedCharField(_("reason"), max_length=REASON_MAX, blank=True)
    link_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(answer__in=Answer.values), name="interpreter_answer_known"),
        ]

    def new_link(self) -> str:
        """A new link, valid until the request's time; only its hash is stored."""
        token = secrets.token_urlsafe(32)
        self.link_hash = hash_token(token)
        self.link_expires_at = self.request.starts_at
        return token
