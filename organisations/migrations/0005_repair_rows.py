# Rows written before the constraints of migration 0006 meet them first. A migration of
# its own: on PostgreSQL a table cannot be altered in the transaction that updated its rows.

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone


def repair_rows(apps, schema_editor):
    """Existing rows meet the new constraints before they are added (nothing is deleted)."""
    Invitation = apps.get_model("organisations", "Invitation")
    seen = set()
    for invitation in Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    ):
        key = (invitation.organisation_id, invitation.email.lower())
        if key in seen:  # an older open invitation to the same address: the newer one replaced it
            Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        seen.add(key)
    Application = apps.get_model("organisations", "MembershipApplication")
    decided = ["approved", "declined"]
    Application.objects.filter(status__in=decided, decided_at__isnull=True).update(decided_at=F("updated_at"))
    Application.objects.exclude(status__in=decided).exclude(decided_at__isnull=True).update(decided_at=None)
    Member = apps.get_model("organisations", "OrganisationMember")
    Member.objects.filter(left_at__lt=F("joined_at")).update(left_at=F("joined_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0004_directory_indexes'),
    ]

    operations = [
        migrations.RunPython(repair_rows, migrations.RunPython.noop),
    ]
