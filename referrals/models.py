"""Warm referrals (warme doorverwijzing): from a goal of a family's action plan to a service
of the social map, with the family's consent recorded on the referral.

What the service sees is chosen field by field (``SharedField``); each shared field rests on
a families ``Consent`` for the service's organisation (the part the field belongs to, the
goal's life domain). The service's page reads only the shared fields whose consent still
stands, in the query (``Referral.shared_fields``). Free texts are encrypted (decision 0013).
Decision 0023.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField, EncryptedTextField
from core.transitions import Transitions
from families.models import Actor, Consent, ConsentHow, Goal, Part, Trajectory

LINK_DAYS = 30  # the service's answer link is valid this long


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent to the service")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


STATUS = Transitions(
    ReferralStatus,
    {
        ReferralStatus.PROPOSED: {ReferralStatus.SENT, ReferralStatus.CANCELLED},
        ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED, ReferralStatus.CANCELLED},
        ReferralStatus.ACCEPTED: {ReferralStatus.DONE, ReferralStatus.CANCELLED},
    },
)


class Introduction(models.TextChoices):
    ACCOMPANIED = "accompanied", _("A volunteer goes along")
    PHONE = "phone", _("A volunteer phones the service first")
    LETTER = "letter", _("A letter to take along")


class SharedField(models.TextChoices):
    """What a referral can share, each resting on the family's consent for one part."""

    GOAL = "goal", _("The goal, in the family's words")
    STEPS = "steps", _("The steps planned for the goal")
    HELP_NEEDED = "help_needed", _("Where extra help is needed in this life domain (network map)")
    LANGUAGE = "language", _("The family's contact language")


FIELD_PART = {
    SharedField.GOAL: Part.PLAN,
    SharedField.STEPS: Part.PLAN,
    SharedField.HELP_NEEDED: Part.MAP,
    SharedField.LANGUAGE: Part.PLAN,
}


class ReferralQuerySet(models.QuerySet["Referral"]):
    def for_reader(self, user: Any, trajectory: Trajectory) -> ReferralQuerySet:
        """The family's referrals whose goal the user may read (consent in the query)."""
        goals = Goal.objects.for_reader(user, trajectory).values("pk")  # type: ignore[attr-defined]
        return self.filter(trajectory=trajectory, goal__in=goals)


class Referral(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="referrals")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("goal"))
    # The service may leave the social map meanwhile: its name is kept (encrypted: which
    # service a family is referred to says something about the family).
    service = models.ForeignKey("socialmap.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    service_name = EncryptedCharField(_("service"), max_length=200)
    introduction = models.CharField(_("how the family is introduced"), max_length=20, choices=Introduction.choices)
    message = EncryptedTextField(_("message to the service"), max_length=2000, blank=True)
    consent_how = models.CharField(_("how the family gave its consent"), max_length=20, choices=ConsentHow.choices)
    consent_given_by = EncryptedCharField(_("consent given by (family member)"), max_length=100)
    consent_given_on = models.DateField(_("consent given on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    refusal_reason = EncryptedTextField(_("why the service refused"), max_length=2000, blank=True)
    outcome = EncryptedTextField(_("outcome"), max_length=2000, blank=True)
    link_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    signal = models.ForeignKey("signals.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_known"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False), name="referral_done_is_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.service_name

    def get_absolute_url(self) -> str:
        return reverse("referrals:referral", args=[self.trajectory_id, self.pk])

    def new_link(self) -> str:
        token = secrets.token_urlsafe(32)
        self.link_hash = hash_token(token)
        self.link_expires_at = timezone.now() + timedelta(days=LINK_DAYS)
        return token

    def shared_fields(self) -> set[str]:
        """The fields shared with the service whose consent still stands (in the query)."""
        return set(self.shares.filter(consent__withdrawn_at__isnull=True).values_list("field", flat=True).order_by())


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ReferralShare(models.Model):
    """One field shared with the service, and the family's consent it rests on."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="shares")
    field = models.CharField(max_length=20, choices=SharedField.choices)
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["referral", "field"], name="one_share_per_field")]


class ActorService(models.Model):
    """A formal actor of a family's network map picked from the social map."""

    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="social_map_link")
    service = models.ForeignKey("socialmap.Service", on_delete=models.SET_NULL, null=True, related_name="+")
