"""The life-domain and people tags, and the search machinery for each database:
pg_trgm on PostgreSQL (typo-tolerant matching), an FTS5 table on SQLite (decision 0008)."""

from django.db import migrations

LIFE_DOMAINS = [
    "volunteer-support", "work", "parenting", "housing", "education",
    "integration", "health", "informal-network", "leisure", "finances",
]
PEOPLE = [
    "recognised-refugee", "subsidiary-protection", "asylum-seeker", "without-residence",
    "unaccompanied-minor", "family-reunification", "newcomer", "volunteers",
]


def create_tags(apps, schema_editor):
    Tag = apps.get_model("toolkit", "Tag")
    for code in LIFE_DOMAINS:
        Tag.objects.get_or_create(kind="domain", code=code)
    for code in PEOPLE:
        Tag.objects.get_or_create(kind="people", code=code)


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_search USING fts5("
            "kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS toolkit_search")
    # pg_trgm stays: other apps may use it, and it holds no data.


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial")]

    operations = [
        migrations.RunPython(create_tags, migrations.RunPython.noop),
        migrations.RunPython(create_search, drop_search),
    ]
