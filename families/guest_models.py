"""Guest professionals (gastprofessionals) of one family, decision 0024.

A coordinator or the bridge figure invites a professional (OCMW social worker, CLB
counsellor, school care teacher, trajectory counsellor...) to one family. The professional
gets an account limited to that family: what they read is what the family consented to
share with them (they are a consent receiver like an assigned volunteer), only while the
access stands: accepted, not revoked, ``ends_on`` not passed and the trajectory open. That
rule is one filter, ``GuestAccess.objects.standing()``, used in the queries of
``Trajectory.objects.visible_to`` and ``Consent.objects.active_for``.

The invitation link is a secret token of which only the SHA-256 hash is stored; it works
once and expires after ``LINK_DAYS`` days. Imported by ``families/models.py``.
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

from core.fields import EncryptedCharField

LINK_DAYS = 7
MAX_MONTHS = 12


def hash_guest_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class GuestAccessQuerySet(models.QuerySet["GuestAccess"]):
    def standing(self, today: Any = None) -> GuestAccessQuerySet:
        """Accesses that let their guest in today: accepted, not revoked, not ended, and
        the family's trajectory open."""
        today = today or timezone.localdate()
        return self.filter(
            accepted_at__isnull=False,
            revoked_at__isnull=True,
            ends_on__gte=today,
            trajectory__status="open",
        )


class GuestAccess(models.Model):
    trajectory = models.ForeignKey("families.Trajectory", on_delete=models.CASCADE, related_name="guests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guest_accesses")
    profession = EncryptedCharField(_("profession and organisation"), max_length=200)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField(_("access ends on"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)

    objects = GuestAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at", "-pk"]
        verbose_name = _("guest professional")
        verbose_name_plural = _("guest professionals")
        constraints = [models.UniqueConstraint(fields=["trajectory", "user"], name="one_guest_access_per_person")]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("families:guests", args=[self.trajectory_id])

    def issue(self) -> str:
        """A new one-use link token (returned once, only its hash is kept)."""
        token = secrets.token_urlsafe(24)
        self.token_hash = hash_guest_token(token)
        self.token_expires_at = timezone.now() + timedelta(days=LINK_DAYS)
        return token

    @property
    def is_standing(self) -> bool:
        return (
            self.accepted_at is not None
            and self.revoked_at is None
            and self.ends_on >= timezone.localdate()
            and self.trajectory.status == "open"
        )

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.ends_on < timezone.localdate() or self.trajectory.status != "open":
            return "ended"
        if self.accepted_at is None:
            return "invited"
        return "active"


def standing_guest(user: Any) -> Q:
    """On trajectories: the user holds a standing guest access to the row."""
    from django.db.models import Exists, OuterRef

    return Q(Exists(GuestAccess.objects.standing().filter(trajectory=OuterRef("pk"), user=user)))
