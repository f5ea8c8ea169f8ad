"""On SQLite, a view of the words in the FTS5 index (fts5vocab), for typo tolerance (decision 0008)."""

from django.db import migrations


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_search_vocab USING fts5vocab(toolkit_search, 'row')"
        )


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS toolkit_search_vocab")


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0007_suggestion_comments")]
    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
