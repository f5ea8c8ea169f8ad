"""A stored search vector on pages, questions and answers, GIN-indexed, and trigram indexes on
the titles for the typo fallback (decision 0008). The column exists on both databases (a
portable model field) but is only filled and indexed on PostgreSQL; SQLite keeps its FTS5 table."""

import django.contrib.postgres.search
from django.db import migrations


def _document(title: str, text: str) -> str:
    # Title weight A, text weight B, Dutch configuration: what toolkit.search writes.
    return (
        f"setweight(to_tsvector('dutch', coalesce({title}, '')), 'A') || "
        f"setweight(to_tsvector('dutch', coalesce({text}, '')), 'B')"
    )


FILL = [
    "UPDATE toolkit_page SET search_vector = " + _document("title", "body_text"),
    "UPDATE toolkit_question SET search_vector = " + _document("title", "body"),
    "UPDATE toolkit_answer AS a SET search_vector = "
    + _document("q.title", "a.body")
    + " FROM toolkit_question AS q WHERE q.id = a.question_id",
]
INDEXES = {
    "toolkit_page_search_vector_gin": "toolkit_page USING gin (search_vector)",
    "toolkit_question_search_vector_gin": "toolkit_question USING gin (search_vector)",
    "toolkit_answer_search_vector_gin": "toolkit_answer USING gin (search_vector)",
    "toolkit_page_title_trgm": "toolkit_page USING gin (title gin_trgm_ops)",
    "toolkit_question_title_trgm": "toolkit_question USING gin (title gin_trgm_ops)",
}


def fill_and_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FILL:
        schema_editor.execute(sql)
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0008_search_vocabulary")]

    operations = [
        migrations.AddField(
            model_name="page",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="question",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_and_index, drop_indexes),
    ]
