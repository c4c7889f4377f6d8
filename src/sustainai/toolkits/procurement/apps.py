from django.utils.translation import gettext_lazy as _

from sustainai.core.registry import (
    TOOLKITS,
    CoordinationSection,
    HomeCard,
    Link,
    NavEntry,
    SustainAIApp,
)

WORKSTREAM_SLUG = "public-procurement-toolkit"


class ProcurementConfig(SustainAIApp):
    """Workstream 2: public procurement of frugal AI (docs/procurement.md)."""

    default = True
    name = "sustainai.toolkits.procurement"
    label = "procurement"
    verbose_name = _("Public procurement toolkit")
    url_prefix = "procurement/"
    api_prefix = "/v1/procurement"
    api_router = "sustainai.toolkits.procurement.api:router"
    workstream_slug = WORKSTREAM_SLUG
    workstream_panel = "sustainai.toolkits.procurement.panels:workstream_panel"
    navigation = (NavEntry(_("Procurement"), "procurement:criteria", order=480, group=TOOLKITS),)
    home_cards = (
        HomeCard(
            _("Buying frugal AI"),
            _(
                "Criteria from public procurement instruments, a tender pack builder and a bid "
                "evaluation that compares energy per functional unit."
            ),
            "procurement:criteria",
            order=480,
        ),
    )
    coordination = (
        CoordinationSection(
            "toolkits",
            _("Workstream toolkits"),
            (
                Link(
                    _("Procurement criteria to moderate"),
                    "procurement:moderation",
                    "procurement.moderate",
                    count="sustainai.toolkits.procurement.selectors:pending_count",
                    count_label=_("%(count)d pending"),
                ),
            ),
            order=400,
        ),
    )
    report_section = "sustainai.toolkits.procurement.panels:report_section"
    # After the workstreams' demo (70), which opens the procurement workstream.
    demo_loader = "sustainai.toolkits.procurement.demo"
    demo_order = 80
    personal_data = ("sustainai.toolkits.procurement.personal_data",)
