from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import CoordinationSection, Link, NavEntry, SustainAIApp


class CoreConfig(SustainAIApp):
    default = True
    name = "sustainai.core"
    label = "core"
    verbose_name = "SustainAI core"
    url_prefix = ""
    navigation = (
        NavEntry(_("Coordination"), "core:coordination", "core.view_coordination", order=900),
    )
    coordination = (
        CoordinationSection(
            "administration",
            _("Administration"),
            (Link(_("Administration"), "admin:index", "core.view_coordination"),),
            order=900,
        ),
    )

    def ready(self):
        from django.core import checks

        from sustainai.core import checks as production_checks

        checks.register(production_checks.static_manifest)
        checks.register(production_checks.site_url)
