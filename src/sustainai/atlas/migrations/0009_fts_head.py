"""SQLite: an FTS5 table of the initiatives' heads (name, aliases, summary and organisation
names), in which the directory finds and ranks the first two groups of its relevance order (see
``sustainai.atlas.search.fulltext``). FTS5 filters by column, but reads the whole doclist of each
word to do so, descriptions included: three common words cost 10 ms there, 3 ms here. PostgreSQL
has its ``names`` and ``head`` vectors (0005_search_head) and needs nothing.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE atlas_initiative_fts_head USING fts5(
        name, aliases, summary, organisations,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
    # The weights of the whole documents' table (0004_search) for the same columns.
    """INSERT INTO atlas_initiative_fts_head (atlas_initiative_fts_head, rank)
        VALUES ('rank', 'bm25(1.0, 1.0, 0.4, 0.4)')""",
    "DROP TRIGGER IF EXISTS atlas_initiative_fts_delete",
    """CREATE TRIGGER atlas_initiative_fts_delete AFTER DELETE ON atlas_initiative
        BEGIN
            DELETE FROM atlas_initiative_fts WHERE rowid = old.id;
            DELETE FROM atlas_initiative_fts_head WHERE rowid = old.id;
        END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_fts_delete",
    """CREATE TRIGGER atlas_initiative_fts_delete AFTER DELETE ON atlas_initiative
        BEGIN DELETE FROM atlas_initiative_fts WHERE rowid = old.id; END""",
    "DROP TABLE IF EXISTS atlas_initiative_fts_head",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)
        # Index what exists already (the live code: every table it writes exists now).
        from sustainai.atlas.search.fulltext import reindex

        reindex(using=schema_editor.connection.alias)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0008_facets_version")]

    operations = [
        migrations.CreateModel(
            name="FtsHead",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts_head",
                        serialize=False,
                        to="atlas.initiative",
                    ),
                ),
                ("match", models.TextField(db_column="atlas_initiative_fts_head")),
                ("rank", models.FloatField(db_column="rank")),
            ],
            options={"db_table": "atlas_initiative_fts_head", "managed": False},
        ),
        migrations.RunPython(create, drop),
    ]
