"""Network meetings (netwerkoverleg) of a family: the plan, the invitees, the agenda drawn
from the open goals of the meeting's domains and the report per agenda item. Imported by
``families/models.py``; decision 0022. Every free text is encrypted (decision 0013)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField, EncryptedTextField


class Interpreting(models.TextChoices):
    NONE = "none", _("No interpreting needed")
    PROFESSIONAL = "professional", _("A professional interpreter")
    SOCIAL = "social", _("A social interpreter (booked through a professional)")
    VOLUNTEER = "volunteer", _("An informal interpreter of the network (volunteer)")
    ACQUAINTANCE = "acquaintance", _("An acquaintance of the family")
    CHILD = "child", _("A child of the family")


class Meeting(models.Model):
    """A network meeting about some (or all) life domains of one family."""

    trajectory = models.ForeignKey("families.Trajectory", on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = EncryptedCharField(_("place"), max_length=200, blank=True)
    online_link = EncryptedCharField(_("online link"), max_length=500, blank=True)
    domains = models.JSONField(_("life domains"), default=list, blank=True)
    report_version = models.PositiveIntegerField(default=0)
    report_shared_at = models.DateTimeField(null=True, blank=True)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    interpreting = models.CharField(
        _("how it was interpreted"), max_length=20, choices=Interpreting.choices, blank=True
    )
    interpreting_note = EncryptedCharField(_("note on the interpreting"), max_length=300, blank=True)
    sensitive_topic = models.BooleanField(_("the topic is sensitive"), default=False)
    # The family's answer to the shared report, from its own page.
    family_confirmed_at = models.DateTimeField(null=True, blank=True)
    family_correction = EncryptedTextField(_("correction the family asks for"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    def get_absolute_url(self) -> str:
        return reverse("families:meeting", args=[self.trajectory_id, self.pk])

    @property
    def child_interprets_sensitive(self) -> bool:
        """A child would interpret a sensitive topic: the page warns."""
        return self.interpreting == Interpreting.CHILD and self.sensitive_topic


class Invitee(models.Model):
    """Someone invited to a meeting: an account (a volunteer or coordinator), an actor of
    the map reached by e-mail, or the family itself."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey("families.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_family = models.BooleanField(default=False)
    name = EncryptedCharField(_("name"), max_length=150, blank=True)
    email = EncryptedCharField(_("e-mail address"), max_length=254, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        if self.user_id:
            return str(self.user)
        return self.name or str(_("the family") if self.is_family else _("invitee"))

    def address(self) -> str:
        return self.user.email if self.user_id else self.email  # type: ignore[union-attr]


class AgendaItem(models.Model):
    """One point of the agenda (an open goal, or a free point) and what was said and decided."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    goal = models.ForeignKey("families.Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = EncryptedCharField(_("agenda item"), max_length=500)
    said = EncryptedTextField(_("what was said"), max_length=4000, blank=True)
    decided = EncryptedTextField(_("what was decided"), max_length=4000, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
