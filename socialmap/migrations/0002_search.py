"""The social map's search index (decision 0008): on SQLite the FTS5 table and its vocabulary
view; on PostgreSQL a GIN index on the stored vector and a trigram index on the name."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS socialmap_search USING fts5("
            "kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS socialmap_search_vocab USING fts5vocab(socialmap_search, 'row')"
        )
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS socialmap_service_search_vector_gin ON socialmap_service USING gin (search_vector)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS socialmap_service_name_trgm ON socialmap_service USING gin (name gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS socialmap_search_vocab")
        schema_editor.execute("DROP TABLE IF EXISTS socialmap_search")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_search_vector_gin")
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
