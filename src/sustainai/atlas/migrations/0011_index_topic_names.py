"""The search documents now hold the names of each initiative's topics, in English and French
(``sustainai.atlas.search.fulltext.text_columns``): index what exists again."""

from django.db import migrations


def reindex(apps, schema_editor):
    # The live code: every table it writes exists at this point.
    from sustainai.atlas.search.fulltext import reindex

    reindex(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0010_moderation_queue_indexes")]
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
