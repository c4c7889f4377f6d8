"""The facet index's version (see ``sustainai.atlas.search.facets.version``): a token that
changes in the transaction of every change to the index, so that figures computed from it can be
cached under it. The delete triggers of 0007_facets now change it too."""

from django.db import migrations

POSTGRESQL = [
    "CREATE TABLE atlas_initiative_facets_version (id integer PRIMARY KEY, token text NOT NULL)",
    "INSERT INTO atlas_initiative_facets_version VALUES (1, md5(random()::text))",
    """CREATE OR REPLACE FUNCTION atlas_initiative_facets_delete() RETURNS trigger AS $$
        BEGIN
            DELETE FROM atlas_initiative_facets WHERE initiative_id = OLD.id;
            UPDATE atlas_initiative_facets_version SET token = md5(random()::text);
            RETURN OLD;
        END
        $$ LANGUAGE plpgsql""",
]
POSTGRESQL_REVERSE = [
    """CREATE OR REPLACE FUNCTION atlas_initiative_facets_delete() RETURNS trigger AS $$
        BEGIN DELETE FROM atlas_initiative_facets WHERE initiative_id = OLD.id; RETURN OLD; END
        $$ LANGUAGE plpgsql""",
    "DROP TABLE IF EXISTS atlas_initiative_facets_version",
]
SQLITE = [
    "CREATE TABLE atlas_initiative_facets_version (id integer PRIMARY KEY, token text NOT NULL)",
    "INSERT INTO atlas_initiative_facets_version VALUES (1, hex(randomblob(16)))",
    "DROP TRIGGER IF EXISTS atlas_initiative_facets_delete",
    """CREATE TRIGGER atlas_initiative_facets_delete AFTER DELETE ON atlas_initiative
        BEGIN
            DELETE FROM atlas_initiative_facets WHERE rowid = old.id;
            UPDATE atlas_initiative_facets_version SET token = hex(randomblob(16));
        END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS atlas_initiative_facets_delete",
    """CREATE TRIGGER atlas_initiative_facets_delete AFTER DELETE ON atlas_initiative
        BEGIN DELETE FROM atlas_initiative_facets WHERE rowid = old.id; END""",
    "DROP TABLE IF EXISTS atlas_initiative_facets_version",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)
    if vendor in ("postgresql", "sqlite"):
        # Index what exists already (the live code: the tables and columns it reads exist here).
        from sustainai.atlas.search.facets import refresh

        refresh(using=schema_editor.connection.alias)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0007_facets")]

    operations = [migrations.RunPython(create, drop)]
