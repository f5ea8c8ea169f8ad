# Rows written before the constraints of migration 0011 meet them first. A migration of
# its own: on PostgreSQL a table cannot be altered in the transaction that updated its rows.

from django.db import migrations
from django.db.models import F


def repair_rows(apps, schema_editor):
    """Existing suggestions meet the new constraints before they are added."""
    Suggestion = apps.get_model("toolkit", "EditSuggestion")
    Suggestion.objects.filter(status="open").exclude(decided_at__isnull=True).update(decided_at=None)
    Suggestion.objects.exclude(status="open").filter(decided_at__isnull=True).update(decided_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('toolkit', '0009_stored_search_vectors'),
    ]

    operations = [
        migrations.RunPython(repair_rows, migrations.RunPython.noop),
    ]
