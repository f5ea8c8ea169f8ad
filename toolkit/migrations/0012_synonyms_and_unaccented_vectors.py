"""The editors' synonyms (query expansion), and the stored search vectors computed again with
the unaccented Dutch configuration ``gastvrij_dutch`` (core migration 0001) and a page's
summary in its text, as toolkit.search now writes them. The GIN indexes are on the column, so they follow the UPDATE."""

from django.db import migrations, models


def _document(title: str, text: str, config: str) -> str:
    return (
        f"setweight(to_tsvector('{config}', coalesce({title}, '')), 'A') || "
        f"setweight(to_tsvector('{config}', coalesce({text}, '')), 'B')"
    )


def _fill(config: str):
    def fill(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            # The FTS5 rows of pages with the summary in their text (either way: harmless).
            schema_editor.execute("DELETE FROM toolkit_search WHERE kind = 'page'")
            schema_editor.execute(
                "INSERT INTO toolkit_search (kind, ref, title, body) "
                "SELECT 'page', id, title, trim(summary || ' ' || body_text) FROM toolkit_page"
            )
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("UPDATE toolkit_page SET search_vector = " + _document("title", "concat_ws(' ', summary, body_text)", config))
        schema_editor.execute("UPDATE toolkit_question SET search_vector = " + _document("title", "body", config))
        schema_editor.execute(
            "UPDATE toolkit_answer AS a SET search_vector = "
            + _document("q.title", "a.body", config)
            + " FROM toolkit_question AS q WHERE q.id = a.question_id"
        )

    return fill


class Migration(migrations.Migration):

    dependencies = [
        ('toolkit', '0011_constraints'),
        ('core', '0002_search_configuration'),
    ]

    operations = [
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=120, unique=True, verbose_name='word the Toolkit uses')),
                ('synonyms', models.CharField(help_text='Separated by commas, e.g. “kindergeld, kinderbijslag, allocations familiales”.', max_length=500, verbose_name='other words people type')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'synonym',
                'verbose_name_plural': 'synonyms',
                'ordering': ['term'],
            },
        ),
        migrations.RunPython(_fill("gastvrij_dutch"), _fill("dutch")),
    ]
