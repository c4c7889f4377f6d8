from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    name = "sustainai.atlas"
    label = "atlas"
    verbose_name = _("Atlas of initiatives")

    def ready(self):
        from sustainai.atlas.search import signals  # noqa: F401  (connect the indexes' signals)
