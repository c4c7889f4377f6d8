"""The Atlas's controlled vocabulary of topics."""

from django.db import migrations

TOPICS = [
    ("energy", "Energy"),
    ("carbon", "Carbon"),
    ("water", "Water"),
    ("hardware-e-waste", "Hardware & e-waste"),
    ("measurement", "Measurement & reporting"),
    ("frugal-ai", "Frugal AI"),
    ("data-centres", "Data centres"),
    ("ai-for-environment", "AI for the environment"),
    ("model-efficiency", "Model efficiency & compression"),
    ("transparency", "Transparency & disclosure"),
    ("procurement", "Public procurement"),
    ("skills-awareness", "Skills & awareness"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("atlas", "Topic")
    for position, (slug, name) in enumerate(TOPICS):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("atlas", "Topic").objects.filter(slug__in=[s for s, _ in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("atlas", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
