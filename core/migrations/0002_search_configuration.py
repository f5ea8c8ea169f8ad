"""PostgreSQL: the text search configuration of the platform's search engine (core.search,
decision 0008): the Dutch configuration with ``unaccent`` before the Dutch stemmer, so that
"crèche" and "creche", "geïntegreerd" and "geintegreerd" are the same word in stored vectors
and in queries. Nothing on SQLite, whose FTS5 tables fold accents in their tokenizer."""

from django.db import migrations

CONFIG = "gastvrij_dutch"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        exists = cursor.fetchone() is not None
    if not exists:
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.dutch)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    # unaccent stays: it holds no data, and other code may use it.


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
