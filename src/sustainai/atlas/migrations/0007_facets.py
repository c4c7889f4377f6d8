"""The facet index (see ``sustainai.atlas.search.facets``): one document of facet keys per
initiative.

PostgreSQL: a table with a ``tsvector`` of keys and a GIN index. SQLite: an FTS5 table whose
tokenizer keeps ``type:tool`` or ``topic:hardware-e-waste`` whole, with postings only (no
positions). A trigger removes the document of a deleted initiative on both.
"""

from django.db import migrations

POSTGRESQL = [
    """CREATE TABLE atlas_initiative_facets (
        initiative_id bigint PRIMARY KEY, facets tsvector NOT NULL)""",
    "CREATE INDEX atlas_initiative_facets_keys ON atlas_initiative_facets USING gin (facets)",
    """CREATE FUNCTION atlas_initiative_facets_delete() RETURNS trigger AS $$
        BEGIN DELETE FROM atlas_initiative_facets WHERE initiative_id = OLD.id; RETURN OLD; END
        $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER atlas_initiative_facets_delete AFTER DELETE ON atlas_initiative
        FOR EACH ROW EXECUTE FUNCTION atlas_initiative_facets_delete()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_facets_delete ON atlas_initiative",
    "DROP FUNCTION IF EXISTS atlas_initiative_facets_delete()",
    "DROP TABLE IF EXISTS atlas_initiative_facets",
]
SQLITE = [
    """CREATE VIRTUAL TABLE atlas_initiative_facets USING fts5(
        facets, detail = none, tokenize = "unicode61 remove_diacritics 0 tokenchars ':_-'")""",
    """CREATE TRIGGER atlas_initiative_facets_delete AFTER DELETE ON atlas_initiative
        BEGIN DELETE FROM atlas_initiative_facets WHERE rowid = old.id; END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_facets_delete",
    "DROP TABLE IF EXISTS atlas_initiative_facets",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)
    # What exists already is indexed by 0008_facets_version, once the live code's tables exist.


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0006_directory_indexes")]

    operations = [migrations.RunPython(create, drop)]
