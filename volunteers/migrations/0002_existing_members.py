"""Give every volunteer already in a group a volunteer record and an active engagement,
so the follow-up covers people who joined before this app existed."""

import hashlib
import secrets

from django.db import migrations


def forwards(apps, schema_editor):
    OrganisationMember = apps.get_model("organisations", "OrganisationMember")
    Volunteer = apps.get_model("volunteers", "Volunteer")
    Engagement = apps.get_model("volunteers", "Engagement")
    StatusChange = apps.get_model("volunteers", "StatusChange")
    members = OrganisationMember.objects.filter(role="volunteer", left_at__isnull=True).select_related("user")
    by_user = {}
    for member in members.order_by("pk"):
        user = member.user
        volunteer = by_user.get(user.pk)
        if volunteer is None:
            volunteer = Volunteer.objects.create(
                user=user,
                full_name=user.full_name,
                email=user.email,
                language=user.preferred_language or "nl",
                consent_at=member.joined_at,
                created_at=member.joined_at,
                token_hash=hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest(),
            )
            by_user[user.pk] = volunteer
        engagement = Engagement.objects.create(
            volunteer=volunteer,
            organisation_id=member.organisation_id,
            status="active",
            created_at=member.joined_at,
            contacted_at=member.joined_at,
            activated_at=member.joined_at,
        )
        StatusChange.objects.create(engagement=engagement, status="active", changed_at=member.joined_at)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("organisations", "0004_directory_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
