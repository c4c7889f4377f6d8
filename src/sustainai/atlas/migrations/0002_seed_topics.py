"""The Atlas's controlled vocabulary of topics."""

from django.db import migrations
from django.utils.translation import gettext_noop

# Names are shown through gettext (Topic.__str__); gettext_noop puts them in the catalogue.

TOPICS = [
    ("energy", gettext_noop("Energy")),
    ("carbon", gettext_noop("Carbon")),
    ("water", gettext_noop("Water")),
    ("hardware-e-waste", gettext_noop("Hardware & e-waste")),
    ("measurement", gettext_noop("Measurement & reporting")),
    ("frugal-ai", gettext_noop("Frugal AI")),
    ("data-centres", gettext_noop("Data centres")),
    ("ai-for-environment", gettext_noop("AI for the environment")),
    ("model-efficiency", gettext_noop("Model efficiency & compression")),
    ("transparency", gettext_noop("Transparency & disclosure")),
    ("procurement", gettext_noop("Public procurement")),
    ("skills-awareness", gettext_noop("Skills & awareness")),
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
