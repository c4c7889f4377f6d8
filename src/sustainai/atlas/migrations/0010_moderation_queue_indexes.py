"""No index on the moderation state alone (see ``Initiative.Meta``): partial indexes for the two
moderation queues, in their order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0009_fts_head"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="initiative",
            name="atlas_initiative_state",
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(("state", "submitted")),
                fields=["created_at", "id"],
                name="atlas_queue_submitted",
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(("state", "changes_requested")),
                fields=["updated_at", "id"],
                name="atlas_queue_changes",
            ),
        ),
    ]
