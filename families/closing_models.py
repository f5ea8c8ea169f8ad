"""The closing conversation (afrondingsgesprek) of a support trajectory (decision 0022):
per life domain what was reached, the family's own advice. Recording it closes the
trajectory, which starts the retention clock of decision 0018."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedJSONField, EncryptedTextField


class ClosingConversation(models.Model):
    trajectory = models.OneToOneField("families.Trajectory", on_delete=models.CASCADE, related_name="closing")
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    reached = EncryptedJSONField(_("what was reached, per life domain"), default=dict, blank=True)
    advice = EncryptedTextField(_("the family's advice"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("closing conversation")
