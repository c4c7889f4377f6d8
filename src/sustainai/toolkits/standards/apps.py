from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import TOOLKITS, CoordinationSection, Link, NavEntry, SustainAIApp


class StandardsConfig(SustainAIApp):
    """Workstream 1: the living roadmap of standards on AI's environmental footprint
    (docs/standards.md)."""

    default = True
    name = "sustainai.toolkits.standards"
    label = "standards"
    verbose_name = _("Standards roadmap")
    url_prefix = "standards/"
    api_prefix = "/v1/standards"
    api_router = "sustainai.toolkits.standards.api:router"
    workstream_slug = "standardization-roadmap"
    workstream_panel = "sustainai.toolkits.standards.panels:workstream_panel"
    navigation = (NavEntry(_("Standards"), "standards:list", order=460, group=TOOLKITS),)
    coordination = (
        CoordinationSection(
            "calls",
            _("Calls and workstreams"),
            (
                Link(
                    _("Standard proposals"),
                    "standards:proposals",
                    "standards.manage",
                    count="sustainai.toolkits.standards.selectors:pending_count",
                    count_label=_("%(count)d pending"),
                ),
                Link(_("Standards roadmap editions"), "standards:editions", "standards.manage"),
            ),
            order=300,
        ),
    )
    report_section = "sustainai.toolkits.standards.selectors:report_section"
    identifier_equivalences = "sustainai.toolkits.standards.selectors:identifier_equivalences"
    # After the workstreams' demo (70), which opens the standardisation workstream.
    demo_loader = "sustainai.toolkits.standards.demo"
    demo_order = 80
    personal_data = ("sustainai.toolkits.standards.personal_data",)
