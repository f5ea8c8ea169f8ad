# Rows written before the constraints of migration 0005 meet them first. A migration of
# its own: on PostgreSQL a table cannot be altered in the transaction that updated its rows.

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Lower


def repair_rows(apps, schema_editor):
    """Existing rows meet the new constraints before they are added. Nothing is deleted:
    a stop without a reason becomes "other"; of two present sign-ups with one address, the
    one joined to an account (or else the oldest) keeps it and the others lose the address
    (records are never merged by address: it was never confirmed)."""
    Engagement = apps.get_model("volunteers", "Engagement")
    StatusChange = apps.get_model("volunteers", "StatusChange")
    stopped = Engagement.objects.filter(status="stopped")
    stopped.filter(stop_reason="").update(stop_reason="other")
    last_stop = StatusChange.objects.filter(engagement=OuterRef("pk"), status="stopped").order_by("-changed_at")
    stopped.filter(stopped_at__isnull=True).update(stopped_at=Subquery(last_stop.values("changed_at")[:1]))
    stopped.filter(stopped_at__isnull=True).update(stopped_at=F("created_at"))
    Engagement.objects.exclude(status="stopped").exclude(stop_reason="").update(stop_reason="")
    Engagement.objects.exclude(status="stopped").exclude(stopped_at__isnull=True).update(stopped_at=None)
    CheckIn = apps.get_model("volunteers", "CheckIn")
    CheckIn.objects.filter(load__lt=1).update(load=1)
    CheckIn.objects.filter(load__gt=5).update(load=5)
    Vacancy = apps.get_model("volunteers", "Vacancy")
    Vacancy.objects.filter(ends_on__lt=F("starts_on")).update(ends_on=F("starts_on"))
    Intake = apps.get_model("volunteers", "Intake")
    Intake.objects.filter(follow_up_on__lt=F("held_on")).update(follow_up_on=F("held_on"))
    Volunteer = apps.get_model("volunteers", "Volunteer")
    present = Volunteer.objects.filter(erased_at__isnull=True).exclude(email="").annotate(address=Lower("email"))
    kept = {}
    for volunteer in present.order_by("user_id", "pk"):  # NULLs sort differently per database: decide in Python
        current = kept.get(volunteer.address)
        if current is None or (current.user_id is None and volunteer.user_id is not None):
            kept[volunteer.address] = volunteer
    keep_ids = {v.pk for v in kept.values()}
    present.exclude(pk__in=keep_ids).update(email="")


class Migration(migrations.Migration):

    dependencies = [
        ('volunteers', '0003_invited_link_nonce'),
    ]

    operations = [
        migrations.RunPython(repair_rows, migrations.RunPython.noop),
    ]
