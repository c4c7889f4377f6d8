"""Full-text search tables, one per backend (see ``sustainai.atlas.search.fulltext``).

PostgreSQL: ``atlas_initiative_search`` holds a weighted ``tsvector`` per initiative with a GIN index.
SQLite: ``atlas_initiative_fts`` is an FTS5 virtual table (porter stemming, bm25 ranking with the
same column weights). Documents are written by ``fulltext.reindex``; a database trigger removes the
document of a deleted initiative on both backends.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = [
    # English stemming that ignores accents (as SQLite's remove_diacritics): "ministere" finds
    # "Ministère". unaccent is a trusted extension: the database's owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION sustainai_english (COPY = english)",
    """ALTER TEXT SEARCH CONFIGURATION sustainai_english
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
    """CREATE TABLE atlas_initiative_search (
        initiative_id bigint PRIMARY KEY, document tsvector NOT NULL)""",
    "CREATE INDEX atlas_initiative_search_document ON atlas_initiative_search USING gin (document)",
    """CREATE FUNCTION atlas_initiative_search_delete() RETURNS trigger AS $$
        BEGIN DELETE FROM atlas_initiative_search WHERE initiative_id = OLD.id; RETURN OLD; END
        $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER atlas_initiative_search_delete AFTER DELETE ON atlas_initiative
        FOR EACH ROW EXECUTE FUNCTION atlas_initiative_search_delete()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_search_delete ON atlas_initiative",
    "DROP FUNCTION IF EXISTS atlas_initiative_search_delete()",
    "DROP TABLE IF EXISTS atlas_initiative_search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS sustainai_english",
]
SQLITE = [
    """CREATE VIRTUAL TABLE atlas_initiative_fts USING fts5(
        name, aliases, summary, organisations, description,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
    # Column weights of the hidden "rank" column, as PostgreSQL's A=1.0, B=0.4, C=0.2.
    """INSERT INTO atlas_initiative_fts (atlas_initiative_fts, rank)
        VALUES ('rank', 'bm25(1.0, 1.0, 0.4, 0.4, 0.2)')""",
    """CREATE TRIGGER atlas_initiative_fts_delete AFTER DELETE ON atlas_initiative
        BEGIN DELETE FROM atlas_initiative_fts WHERE rowid = old.id; END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_fts_delete",
    "DROP TABLE IF EXISTS atlas_initiative_fts",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)
    # What exists already is indexed once every table the live code writes exists:
    # PostgreSQL's documents by 0005_search_head, SQLite's by 0009_fts_head.


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0003_contributions")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="atlas.initiative",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": "atlas_initiative_search", "managed": False},
        ),
        migrations.CreateModel(
            name="FtsDocument",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts_document",
                        serialize=False,
                        to="atlas.initiative",
                    ),
                ),
                ("match", models.TextField(db_column="atlas_initiative_fts")),
                ("rank", models.FloatField(db_column="rank")),
            ],
            options={"db_table": "atlas_initiative_fts", "managed": False},
        ),
        migrations.RunPython(create, drop),
    ]
