"""The platform's one audit log (decision 0012): who did what to which object, when, from
where. Rows are only ever added: a database trigger refuses every UPDATE and DELETE."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user) -> AuditEventQuerySet:
        """The secretariat reads the network's events (applications, memberships, the
        Toolkit, imports and exports); a group's coordinators read their group's events;
        nobody else reads any."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        allowed = Q(pk__in=[])
        if user.is_secretariat:
            allowed |= Q(network=True)
        groups = user.coordinated_organisation_ids()
        if groups:
            allowed |= Q(organisation_id__in=groups)
        return self.filter(allowed)

    def of_group(self, organisation_id: int) -> AuditEventQuerySet:
        return self.filter(organisation_id=organisation_id)

    def of_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=obj.pk)


class AuditEvent(models.Model):
    """One write (or, for families, one read) that matters. Written by ``core.audit.record``
    inside the service's transaction; never changed afterwards."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    # Not a database foreign key: erasing an account never touches the rows it wrote.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_role = models.CharField(_("as"), max_length=20, blank=True)
    action = models.CharField(_("what"), max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    network = models.BooleanField(default=False)  # readable by the secretariat
    part = models.CharField(max_length=32, blank=True)
    client_ip = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["organisation_id", "-at"], name="audit_group_idx"),
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx"),
            models.Index(fields=["-at"], condition=Q(network=True), name="audit_network_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
