from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sustainai.core"
    label = "core"
    verbose_name = "SustainAI core"
