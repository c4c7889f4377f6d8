"""PostgreSQL: two smaller search vectors per initiative, ``names`` (name and aliases) and
``head`` (with the summary and organisation names), each with its own GIN index: the directory
ranks the first groups of its relevance order among the initiatives it finds there (see
``sustainai.atlas.search.fulltext``). SQLite needs nothing: FTS5 filters by column.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = [
    "ALTER TABLE atlas_initiative_search ADD COLUMN head tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE atlas_initiative_search ADD COLUMN names tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX atlas_initiative_search_head ON atlas_initiative_search USING gin (head)",
    "CREATE INDEX atlas_initiative_search_names ON atlas_initiative_search USING gin (names)",
]
REVERSE = [
    "DROP INDEX IF EXISTS atlas_initiative_search_names",
    "DROP INDEX IF EXISTS atlas_initiative_search_head",
    "ALTER TABLE atlas_initiative_search DROP COLUMN IF EXISTS names",
    "ALTER TABLE atlas_initiative_search DROP COLUMN IF EXISTS head",
]


def add_head(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)
    from sustainai.atlas.search.fulltext import reindex

    reindex(using=schema_editor.connection.alias)


def drop_head(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0004_search")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="names",
            field=django.contrib.postgres.search.SearchVectorField(),
        ),
        migrations.RunPython(add_head, drop_head),
    ]
