"""Calls keep their proposals: each confirmed proposal links to the workstream it opened
(``workstreams`` 0002 copied the spaces there); the spaces' tables and the leads leave ``calls``,
and the model is renamed for what it is, a workstream proposed in a call. Statuses past
confirmation (active, completed) are the workstream's now.

Rolling back recreates the old tables empty: the spaces' records stay in ``workstreams``.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_spaces(apps, schema_editor):
    ProposedWorkstream = apps.get_model("calls", "Workstream")
    Workstream = apps.get_model("workstreams", "Workstream")
    spaces = dict(Workstream.objects.values_list("slug", "pk"))
    for proposal in ProposedWorkstream.objects.filter(
        status__in=("confirmed", "active", "completed")
    ):
        proposal.space_id = spaces[proposal.slug]
        proposal.status = "confirmed"
        proposal.save(update_fields=["space", "status"])


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0002_expression_language"),
        ("members", "0003_membershipapplication_language"),
        ("workstreams", "0002_from_calls"),
    ]

    operations = [
        migrations.AddField(
            model_name="workstream",
            name="space",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="proposals",
                to="workstreams.workstream",
                verbose_name="workstream space",
            ),
        ),
        migrations.RunPython(link_spaces, migrations.RunPython.noop),
        migrations.RemoveField(model_name="workstream", name="leads"),
        migrations.DeleteModel(name="Meeting"),
        migrations.DeleteModel(name="Deliverable"),
        migrations.DeleteModel(name="Event"),
        migrations.RenameModel(old_name="Workstream", new_name="ProposedWorkstream"),
        migrations.AlterModelOptions(
            name="proposedworkstream",
            options={
                "ordering": ["call", "position", "slug"],
                "verbose_name": "proposed workstream",
                "verbose_name_plural": "proposed workstreams",
            },
        ),
        migrations.AlterField(
            model_name="proposedworkstream",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed"),
                    ("confirmed", "Confirmed"),
                    ("not_confirmed", "Not confirmed"),
                ],
                db_index=True,
                default="proposed",
                max_length=20,
                verbose_name="status",
            ),
        ),
    ]
